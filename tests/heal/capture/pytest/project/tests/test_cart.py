import pytest

from shop.cart import Cart, parse_order_date


def test_empty():
    assert Cart().items == []


def test_total(cart):
    assert cart.total() == 1200


def test_average_of_empty_cart():
    assert Cart().average() == 0


def test_order_date_german_format():
    assert parse_order_date("31.01.2024").month == 1


def test_checkout(cart, gateway):
    assert gateway.charge(cart.total())


def test_labels():
    labels = ["Größe M", "Größe L"]
    assert labels == ["Größe M", "Größe XL"], "Etiketten stimmen nicht überein"


def test_max_items(cart):
    for i in range(100):
        cart.add("item-%d" % i, 1)
    if len(cart.items) > 50:
        pytest.fail("cart accepted %d items, the limit is 50" % len(cart.items))
