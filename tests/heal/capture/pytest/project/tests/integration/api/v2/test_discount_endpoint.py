import pytest

from shop.pricing.discounts import apply_discount, split


@pytest.mark.parametrize("cents,rate,expected", [
    (1000, 0.1, 900),
    (1000, 0.25, 750),
    (999, 0.5, 499),
    (1000, 1.5, 0),
])
def test_apply_discount(cents, rate, expected):
    assert apply_discount(cents, rate) == expected


def test_split_between_nobody():
    assert split(1000, 0) == []


def test_split_even():
    assert sum(split(1000, 3)) == 1000
