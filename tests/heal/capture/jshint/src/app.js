var config = require('./config')
var cart = require('./lib/cart');

function start(options) {
  var total = 0
  if (options.debug == true) console.log('debug');
  for (var i = 0; i < options.items.length; i++) {
    total += options.items[i].price
  }
  return totl;
}

module.exports = { start: start, config: config }
