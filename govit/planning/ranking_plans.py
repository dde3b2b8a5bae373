"""How the annual plan ranks its projects: review score, the unit's last evaluation, policy
priority. The evaluation app is read through a provider it registers (no import of it here).

score = 0.7 × review total + 0.3 × last year's evaluation score of the unit
        (the review total alone when there is no evaluation) + the priority bonus
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from govit.planning.models.plans import LibraryPriority

REVIEW_WEIGHT = Decimal("0.7")
EVALUATION_WEIGHT = Decimal("0.3")
PRIORITY_BONUS = {
    LibraryPriority.MAJOR: Decimal(20),
    LibraryPriority.KEY: Decimal(10),
    LibraryPriority.ORDINARY: Decimal(0),
}
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class EvaluationResult:
    """A unit's evaluation result of a year (0 to 100) and where it comes from."""

    score: Decimal
    label: str = ""


# ``(unit_id, year) -> EvaluationResult | None``; the evaluation app registers one.
EvaluationProvider = Callable[[int, int], EvaluationResult | None]
_providers: list[EvaluationProvider] = []


def register_evaluation_provider(provider: EvaluationProvider) -> EvaluationProvider:
    """Register a provider of units' evaluation results (idempotent, usable as a decorator)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister_evaluation_provider(provider: EvaluationProvider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def unit_evaluation(unit_id: int, year: int) -> EvaluationResult | None:
    """The first registered provider's result for the unit and year; None when there is none."""
    for provider in _providers:
        result = provider(unit_id, year)
        if result is not None:
            return result
    return None


def review_total(project_id: int) -> Decimal | None:
    """The aggregated total of the project's latest scored review, if any."""
    from govit.reviews.models import Review

    for result in (
        Review.objects.filter(project_id=project_id, result__isnull=False)
        .order_by("-pk")
        .values_list("result", flat=True)
    ):
        if isinstance(result, dict) and result.get("total") is not None:
            return Decimal(str(result["total"]))
    return None


def score(*, project_id: int, unit_id: int, priority: int, year: int) -> dict[str, Any]:
    """The line's score and its parts (kept on the line so the rank can be explained)."""
    review = review_total(project_id)
    evaluation = unit_evaluation(unit_id, year - 1)
    base = review if review is not None else Decimal(0)
    if evaluation is not None:
        base = REVIEW_WEIGHT * base + EVALUATION_WEIGHT * evaluation.score
    bonus = PRIORITY_BONUS.get(LibraryPriority(priority), Decimal(0))
    total = (base + bonus).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    return {
        "total": total,
        "parts": {
            "review": str(review) if review is not None else None,
            "evaluation": str(evaluation.score) if evaluation is not None else None,
            "evaluation_year": year - 1,
            "priority_bonus": str(bonus),
        },
    }
