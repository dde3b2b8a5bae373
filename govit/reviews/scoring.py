"""Aggregation of sealed scores: the mean per criterion and in total, and the outliers.

An outlier is a score *more than* ``distance`` points from the median of the other experts'
scores on the same criterion (exactly ``distance`` away is not an outlier).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from statistics import mean, median
from typing import Any

TWO_PLACES = Decimal("0.01")


def _round(value: float) -> str:
    return str(Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP))


def aggregate(
    *, criteria: Sequence[str], sheets: Mapping[int, Mapping[str, int]], distance: int
) -> dict[str, Any]:
    """``sheets`` maps an expert id to their scores by criterion."""
    per_criterion: dict[str, str] = {}
    outliers: list[dict[str, Any]] = []
    for criterion in criteria:
        values = {expert: int(sheet[criterion]) for expert, sheet in sheets.items()}
        per_criterion[criterion] = _round(mean(values.values())) if values else "0.00"
        for expert, score in values.items():
            others = [v for e, v in values.items() if e != expert]
            if not others:
                continue
            middle = median(others)
            if abs(score - middle) > distance:
                outliers.append(
                    {"expert": expert, "criterion": criterion, "score": score, "median": middle}
                )
    totals = {
        str(expert): _round(mean(int(sheet[c]) for c in criteria)) if criteria else "0.00"
        for expert, sheet in sheets.items()
    }
    total = _round(mean(float(v) for v in per_criterion.values())) if per_criterion else "0.00"
    return {
        "per_criterion": per_criterion,
        "expert_totals": totals,
        "total": total,
        "outliers": outliers,
        "distance": distance,
    }
