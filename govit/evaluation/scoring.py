"""Scoring of an evaluation: each indicator's actual value against its target, the weighted
total and the grade (财预〔2020〕10号; the bands are the setting GOVIT_EVALUATION_GRADE_BANDS).

- ≥: ``weight × min(actual / target, 1)``;
- ≤: the full weight at or under the target, else ``weight × target / actual``;
- =: ``weight × max(0, 1 − |actual − target| / |target|)``;
- qualitative: the evaluator's score, between 0 and the weight.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from govit.evaluation.choices import Grade, Nature

CENT = Decimal("0.01")
ZERO = Decimal(0)


def indicator_score(
    nature: str,
    weight: Decimal,
    target: Decimal | None,
    actual: Decimal | None,
    given: Decimal | None = None,
) -> Decimal:
    """The score of one indicator (raises ValueError when the input cannot be scored)."""
    if nature == Nature.QUALITATIVE:
        if given is None or not ZERO <= given <= weight:
            raise ValueError("a qualitative indicator is scored between 0 and its weight")
        return given.quantize(CENT, ROUND_HALF_UP)
    if target is None or actual is None:
        raise ValueError("a quantitative indicator needs its target and actual values")
    ratio: Decimal
    if nature == Nature.AT_LEAST:
        if target <= 0:
            ratio = Decimal(1) if actual >= target else ZERO
        else:
            ratio = min(max(actual, ZERO) / target, Decimal(1))
    elif nature == Nature.AT_MOST:
        ratio = Decimal(1) if actual <= target else max(target, ZERO) / actual
    elif nature == Nature.EQUAL:
        if target == 0:
            ratio = Decimal(1) if actual == 0 else ZERO
        else:
            ratio = max(ZERO, 1 - abs(actual - target) / abs(target))
    else:
        raise ValueError(f"unknown nature {nature!r}")
    return (weight * ratio).quantize(CENT, ROUND_HALF_UP)


def bands() -> list[int]:
    """The lowest totals of 优, 良 and 中, highest first."""
    return sorted(settings.GOVIT_EVALUATION_GRADE_BANDS, reverse=True)[:3]


def grade(total: Decimal) -> str:
    """The grade of a total out of 100: at or above a band's floor earns it."""
    floors = bands()
    for floor, name in zip(floors, (Grade.EXCELLENT, Grade.GOOD, Grade.FAIR), strict=False):
        if total >= floor:
            return str(name)
    return str(Grade.POOR)
