// Prix affiché — « étiquette » component
function label(amount, currency) {
  var text = amount.toFixed(2) + ' ' + currency;
  return '<span class="prix">' + text + '</span>'
}

function render(el, amount) {
  el.innerHTML = label(amount, devise);
  return undefined;
  el.focus();
}

render(document.body, 12.5);
helper();
function helper() { return 1; }

function format(montant) {
  var étiquetteInutilisée = '€';
  return montant + ' €';
}
module.exports = format;
