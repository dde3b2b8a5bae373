"""Review throughput for the dashboard: opinions given per month, and per review stage the time
from submission to opinion (median and 90th percentile, in working days with the clock
stopped during 退回补正), the reviews still in review and those waiting beyond their deadline.

Two queries over the scoped reviews (one for the finished reviews' dates, one aggregate for
the waiting ones) and the calendar's two: the count does not grow with the reviews. Every
figure links to the review list with the same filters (``reviews.forms.ReviewFilterForm``).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from govit.orgs.models import User
from govit.projects.models import Project
from govit.projects.selectors import of_projects
from govit.reports.selectors import Bar, PortfolioFilter

MONTHS = 12


@dataclass(frozen=True)
class Stage:
    """One review stage (初审, 联审, third party, 决策咨询) and its figures."""

    key: str
    label: str
    done: int
    median_days: float | None
    p90_days: float | None
    in_review: int
    overdue: int
    paused: int
    urls: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Throughput:
    months: list[Bar]
    stages: list[Stage]


def percentile(values: list[int], share: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least ``share`` of the values at or
    under it (p90 of ten values is the ninth)."""
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[max(math.ceil(share * len(ordered)) - 1, 0)])


def median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def elapsed(calendar: Any, opened_on: dt.date, opinion_on: dt.date, paused_days: int) -> int:
    """Working days from the review's opening (the application handed to review) to its
    opinion, less the working days the clock stood still while the unit corrected."""
    days: int = calendar.working_days_between(opened_on, opinion_on)
    return max(days - paused_days, 0)


def _month_start(day: dt.date, back: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def review_list_url(filters: PortfolioFilter, **more: Any) -> str:
    query: dict[str, Any] = {}
    if filters.plan_year:
        query["plan_year"] = filters.plan_year
    if filters.unit_id:
        query["unit"] = filters.unit_id
    if filters.state:
        query["project_state"] = filters.state
    if filters.kind:
        query["project_kind"] = filters.kind
    query.update({k: v for k, v in more.items() if v})
    return reverse("review-list") + ("?" + urlencode(query) if query else "")


def scoped_reviews(actor: User, projects: models.QuerySet[Project]) -> models.QuerySet[Any]:
    from govit.reviews.models import Review
    from govit.reviews.selectors import review_list

    # ``review_list`` may join (and so repeat rows); the ids keep every review once.
    ids = review_list(actor=actor).filter(of_projects(projects))
    return Review.objects.filter(pk__in=ids.order_by().values("pk"))


def throughput(
    actor: User,
    projects: models.QuerySet[Project],
    filters: PortfolioFilter,
    today: dt.date | None = None,
) -> Throughput:
    from govit.core.selectors import work_calendar
    from govit.reviews.choices import ReviewKind
    from govit.reviews.selectors import phase_filter

    today = today or timezone.localdate()
    reviews = scoped_reviews(actor, projects)
    finished = list(
        reviews.filter(opinion_on__isnull=False)
        .order_by()
        .values_list("kind", "opened_on", "opinion_on", "paused_days")
    )
    waiting = {
        row["kind"]: row
        for row in reviews.order_by()
        .values("kind")
        .annotate(
            in_review=Count("pk", filter=phase_filter("in_review", today)),
            overdue=Count("pk", filter=phase_filter("overdue", today)),
            paused=Count("pk", filter=phase_filter("paused", today)),
        )
    }
    calendar = work_calendar() if finished else None
    days: dict[str, list[int]] = {}
    per_month: dict[tuple[int, int], int] = {}
    for kind, opened_on, opinion_on, paused_days in finished:
        per_month[(opinion_on.year, opinion_on.month)] = (
            per_month.get((opinion_on.year, opinion_on.month), 0) + 1
        )
        # A decision consultation is recorded after it is held: it has no submission day.
        if kind != ReviewKind.DECISION:
            days.setdefault(kind, []).append(elapsed(calendar, opened_on, opinion_on, paused_days))
    months = []
    for back in range(MONTHS - 1, -1, -1):
        first = _month_start(today, back)
        key = f"{first:%Y-%m}"
        months.append(
            Bar(
                key,
                key,
                per_month.get((first.year, first.month), 0),
                review_list_url(filters, phase="done", month=key),
            )
        )
    stages = []
    for kind in ReviewKind:
        row = waiting.get(kind.value, {})
        done = sum(1 for k, *_rest in finished if k == kind.value)
        values = days.get(kind.value, [])
        stages.append(
            Stage(
                key=kind.value,
                label=str(kind.label),
                done=done,
                median_days=median(values),
                p90_days=percentile(values, 0.9),
                in_review=row.get("in_review", 0),
                overdue=row.get("overdue", 0),
                paused=row.get("paused", 0),
                urls={
                    phase: review_list_url(filters, stage=kind.value, phase=phase)
                    for phase in ("done", "in_review", "overdue", "paused")
                },
            )
        )
    return Throughput(months=months, stages=stages)
