"""Discounts."""


def apply_discount(cents, rate):
    if not 0 <= rate <= 1:
        raise ValueError(f"Rabatt außerhalb von [0, 1]: {rate!r}")
    return round(cents * (1 - rate))


def split(cents, people):
    share = cents // people
    return [share] * people
