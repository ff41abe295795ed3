"""A shopping cart."""
from datetime import datetime


class Cart:
    def __init__(self):
        self.items = []

    def add(self, name, cents, qty=1):
        self.items.append((name, cents, qty))

    def __repr__(self):
        return "Cart(%d items)" % len(self.items)

    def total(self):
        # bug: ignores the quantity of all but the first item
        return sum(c * (q if i == 0 else 1) for i, (_, c, q) in enumerate(self.items))

    def average(self):
        return self.total() // len(self.items)


def parse_order_date(text):
    return datetime.strptime(text, "%Y-%m-%d").date()
