"""Money: amounts are Decimal yuan (元) in the database and shown in 万元 to people."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

WAN = Decimal(10_000)
CENT = Decimal("0.01")


def yuan(value: Decimal | int | str) -> Decimal:
    """Return ``value`` as yuan rounded to the fen (分)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def wan(value: Decimal | int | str) -> Decimal:
    """Return an amount in yuan expressed in 万元, to four decimals (that is, to the yuan)."""
    return (Decimal(value) / WAN).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def format_wan(value: Decimal | int | str | None) -> str:
    """Format yuan as 万元 for display: ``1234500`` -> ``"123.45万元"``."""
    if value is None:
        return "—"
    amount = wan(value).normalize()
    text = f"{amount:,f}"
    return f"{text}万元"
