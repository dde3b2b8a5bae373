"""The funding block of the self-evaluation form (绩效自评表, domain rules 8.3): the year's
budget, what was executed, the execution rate and its score (预算执行率, 10 points by default).

The budget is what the delivery app records as appropriated to the project for the year;
appropriations are not dated within the year, so the opening budget (年初预算数) and the
full-year budget (全年预算数) are the same figure until mid-year adjustments are recorded.
Executed (全年执行数) is what was paid through the treasury in the year, reversals excluded.
The block is shown beside the indicator table; the total score stays the indicators' (the
unit may carry budget execution as an indicator of its own)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum

from govit.delivery.models import Appropriation, Payment
from govit.evaluation.models import Evaluation

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def weight() -> Decimal:
    """The points of budget execution in the form (domain rules 8.3: 10, a setting)."""
    return Decimal(str(getattr(settings, "GOVIT_BUDGET_EXECUTION_WEIGHT", 10)))


@dataclass(frozen=True)
class FundingBlock:
    year: int
    opening_budget: Decimal
    full_year_budget: Decimal
    executed: Decimal
    weight: Decimal
    # Percent of the full-year budget executed; None without a budget for the year.
    rate: Decimal | None
    score: Decimal | None


def evaluated_year(evaluation: Evaluation) -> int:
    """The budget year the evaluation looks at: its own year, else the year it was held in."""
    return evaluation.year or evaluation.conducted_on.year


def funding_block(evaluation: Evaluation) -> FundingBlock:
    """Two queries: the year's appropriations and its payments."""
    year = evaluated_year(evaluation)
    project_id = evaluation.project_id
    budget = Appropriation.objects.filter(project_id=project_id, year=year).aggregate(
        total=Sum("amount")
    )["total"] or Decimal(0)
    executed = Payment.objects.filter(
        project_id=project_id, paid_on__year=year, reversed_on__isnull=True
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    points = weight()
    if budget <= 0:
        return FundingBlock(year, budget, budget, executed, points, None, None)
    rate = (executed / budget * HUNDRED).quantize(CENT)
    score = (min(rate, HUNDRED) / HUNDRED * points).quantize(CENT)
    return FundingBlock(year, budget, budget, executed, points, rate, score)
