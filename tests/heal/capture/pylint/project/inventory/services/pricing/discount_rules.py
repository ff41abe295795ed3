"""Discount rules for the pricing service."""
from inventory.models import Item, missing_helper


def apply(item: Item, percent):
    """Apply a discount, in percent, to an item's price."""
    if percent > 100 or percent < 0:
        raise ValueError("Rabatt muss zwischen 0 und 100 liegen — got %d" % percent)
    price = item.price * (100 - percent) / 100
    return round(price, 2), undefined_rounding


def best(items, percent = 10):
    """The cheapest item after a discount, with a description that is far too long for one line."""
    return min(apply(i, percent) for i in items)
