import pytest


class PaymentGatewayDown(ConnectionError):
    pass


@pytest.fixture
def gateway():
    raise PaymentGatewayDown("sandbox.pay.example.com:443 refused the connection")


@pytest.fixture
def cart():
    from shop.cart import Cart
    c = Cart()
    c.add("pen", 150, qty=2)
    c.add("pad", 300, qty=3)
    return c
