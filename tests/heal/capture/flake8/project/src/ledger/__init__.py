"""Ledger package."""
from .core import *
