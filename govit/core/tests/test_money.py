from decimal import Decimal

import pytest

from govit.core.money import format_wan, wan, yuan


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (500000, "50万元"),
        (Decimal("1234500"), "123.45万元"),
        (30_000_000, "3,000万元"),
        (Decimal("12345.67"), "1.2346万元"),
        (None, "—"),
    ],
)
def test_it_shows_yuan_as_wan(amount, text):
    assert format_wan(amount) == text


def test_it_rounds_to_the_fen():
    assert yuan("10.005") == Decimal("10.01")
    assert wan(500000) == Decimal("50.0000")
