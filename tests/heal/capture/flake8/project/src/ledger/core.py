"""Core ledger types."""
import os
import sys, json
from typing import List


def total(entries: List[dict]) -> int:
    s = 0
    for e in entries :
        s += e["amount"]
    return s
def average(entries):
    if len(entries) == 0 :
        return None
    return total(entries)/len(entries)


class Ledger(object):
    def __init__(self, name="Café Größe"):
        self.name=name
        self.rows = []
    def add(self, row):
        if row == None:
            raise ValueError("row manquante — «vide»")
        self.rows.append(row)
        return  self

    def summary(self):
        l = len(self.rows)
        return größe_total + l

    def dump(self):
        return json.dumps(self.rows)
