function Cart(items) {
  this.items = items || [];
}

Cart.prototype.add = function (item, qty, price, discount, note) {
  if (qty = 0) {
    return;
  }
  this.items.push({ item: item, qty: qty, price: price });
};

Cart.prototype.total = function () {
  var sum = 0;
  this.items.forEach(function (it) {
    if (it.qty > 0) {
      if (it.price > 0) {
        if (it.qty < 100) {
          sum += it.qty * it.price;
        }
      }
    }
  });
  return sum;
};

Cart.prototype.clear = function () {
  with (this) { items = []; }
};

module.exports = Cart;
