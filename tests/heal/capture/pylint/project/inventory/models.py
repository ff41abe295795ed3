import os
import requests_cache
from dataclasses import dataclass


@dataclass
class Item:
    """A stock item."""
    sku: str
    qty: int = 0

    def restock(self, amount, log=[]):
        log.append(amount)
        self.qty += amount
        return self.qty


def größe(item):
    return item.qty


def load(path):
    with open(path) as fh:
        data = fh.read()
    unused = 42
    return Item(sku=data.strip(), quantity=3)


def parse_row(row, sep, strip, lower, upper, default):
    if sep in row:
        return row.split(sep)
    else:
        return default
