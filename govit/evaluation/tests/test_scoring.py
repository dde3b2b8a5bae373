"""Scoring per nature and the grade bands at their edges (and configured otherwise)."""

from decimal import Decimal

import pytest
from pytest_django.fixtures import Settings

from govit.evaluation.scoring import grade, indicator_score

D = Decimal
W = D(20)


@pytest.mark.parametrize(
    ("nature", "target", "actual", "expected"),
    [
        ("ge", D(40), D(40), D("20.00")),
        ("ge", D(40), D(50), D("20.00")),  # over-achieving earns no more than the weight
        ("ge", D(40), D(30), D("15.00")),
        ("ge", D(40), D(-5), D("0.00")),
        ("le", D(100), D(100), D("20.00")),  # at the ceiling: full marks
        ("le", D(100), D(125), D("16.00")),
        ("le", D(100), D(0), D("20.00")),
        ("eq", D(90), D(90), D("20.00")),
        ("eq", D(90), D(81), D("18.00")),
        ("eq", D(90), D(200), D("0.00")),
        ("eq", D(0), D(0), D("20.00")),
    ],
)
def test_quantitative_scores(nature: str, target: D, actual: D, expected: D) -> None:
    assert indicator_score(nature, W, target, actual) == expected


def test_a_qualitative_score_is_the_evaluators_within_the_weight() -> None:
    assert indicator_score("qualitative", W, None, None, D("16.5")) == D("16.50")
    assert indicator_score("qualitative", W, None, None, W) == W
    for bad in (None, D("20.01"), D(-1)):
        with pytest.raises(ValueError, match="qualitative"):
            indicator_score("qualitative", W, None, None, bad)


def test_a_quantitative_indicator_needs_its_actual_value() -> None:
    with pytest.raises(ValueError, match="actual"):
        indicator_score("ge", W, D(1), None)


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (D(100), "excellent"),
        (D(90), "excellent"),
        (D("89.99"), "good"),
        (D(80), "good"),
        (D("79.99"), "fair"),
        (D(60), "fair"),
        (D("59.99"), "poor"),
        (D(0), "poor"),
    ],
)
def test_grade_band_edges(total: D, expected: str) -> None:
    assert grade(total) == expected


def test_grade_bands_are_a_setting(settings: Settings) -> None:
    settings.GOVIT_EVALUATION_GRADE_BANDS = [95, 85, 70]
    assert grade(D(94)) == "good"
    assert grade(D(95)) == "excellent"
    assert grade(D(69)) == "poor"
