"""The figures of the dashboards, always over what the actor may read (STYLE.md rule 5).

Each figure is one aggregate query over the scoped projects, so a dashboard costs the same
number of queries whatever the size of the portfolio. Every figure comes with the URL of the
list behind it, so that a number on the page can be clicked down to its rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db import models
from django.db.models import Count, Sum, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy

from govit.orgs.models import User
from govit.orgs.selectors import scoped
from govit.policy.vocabulary import label
from govit.projects.choices import STAGES
from govit.projects.models import Project
from govit.projects.selectors import of_projects, visible_projects

ZERO = Decimal("0")
TOP_UNITS = 15


@dataclass(frozen=True)
class PortfolioFilter:
    """The dashboard's filters; they stay in the URL (``as_query``)."""

    plan_year: int | None = None
    unit_id: int | None = None
    state: str = ""
    kind: str = ""

    def as_query(self) -> dict[str, Any]:
        query: dict[str, Any] = {}
        if self.plan_year:
            query["plan_year"] = self.plan_year
        if self.unit_id:
            query["unit"] = self.unit_id
        if self.state:
            query["state"] = self.state
        if self.kind:
            query["kind"] = self.kind
        return query


@dataclass(frozen=True)
class Bar:
    """One bar, slice or figure: its label, value and the list behind it."""

    key: str
    label: str
    value: Decimal | float | int
    url: str


@dataclass
class Portfolio:
    filters: PortfolioFilter
    project_count: int = 0
    by_state: list[Bar] = field(default_factory=list)
    by_year: list[Bar] = field(default_factory=list)
    by_unit: list[Bar] = field(default_factory=list)
    by_kind: list[Bar] = field(default_factory=list)
    money: list[Bar] = field(default_factory=list)  # yuan
    by_source: list[Bar] = field(default_factory=list)  # yuan appropriated
    overdue: int = 0
    overdue_url: str = ""
    reviews: list[Bar] = field(default_factory=list)
    systems: list[Bar] = field(default_factory=list)
    zombies: int = 0
    grades: list[Bar] = field(default_factory=list)
    data: list[Bar] = field(default_factory=list)
    schedule: list[Bar] = field(default_factory=list)
    throughput: Any = None  # throughput.Throughput

    def charts(self) -> dict[str, list[dict[str, Any]]]:
        """The chart series for the page's script (values in 万元 for money)."""

        def rows(bars: Iterable[Bar], scale: float = 1.0) -> list[dict[str, Any]]:
            return [
                {"name": bar.label, "value": round(float(bar.value) / scale, 2), "url": bar.url}
                for bar in bars
            ]

        return {
            "state": rows(self.by_state),
            "year": rows(self.by_year),
            "unit": rows(self.by_unit),
            "kind": rows(self.by_kind),
            "money": rows(self.money, 10_000),
            "source": rows(self.by_source, 10_000),
            "systems": rows(self.systems),
            "grades": rows(self.grades),
            "review_months": rows(self.throughput.months if self.throughput else []),
        }


def filtered_projects(*, actor: User, filters: PortfolioFilter) -> models.QuerySet[Project]:
    projects = visible_projects(actor)
    if filters.plan_year:
        projects = projects.filter(plan_year=filters.plan_year)
    if filters.unit_id:
        projects = projects.filter(unit_id=filters.unit_id)
    if filters.state:
        projects = projects.filter(state=filters.state)
    if filters.kind:
        projects = projects.filter(kind="" if filters.kind == "-" else filters.kind)
    return projects


def _list_url(base: str, filters: PortfolioFilter, **more: Any) -> str:
    """The project list at ``base`` (reversed once per dashboard) under the filters and
    ``more``."""
    query = {**filters.as_query(), **{k: v for k, v in more.items() if v not in (None, "")}}
    return base + ("?" + urlencode(query) if query else "")


# The groupings of the dashboard's project counts, by the project column they count.
GROUPINGS = ("state", "plan_year", "unit_id", "kind")


def _grouped(projects: models.QuerySet[Project]) -> dict[str, list[dict[str, Any]]]:
    """The project counts by each of ``GROUPINGS``, largest first, from one query (a UNION ALL
    of one GROUP BY per grouping: rows as many as the distinct values, not the projects)."""
    parts = [
        projects.order_by()
        .annotate(grouping=Value(column), key=Cast(column, models.CharField()))
        .values("grouping", "key")
        .annotate(n=Count("pk"))
        for column in GROUPINGS
    ]
    groups: dict[str, list[dict[str, Any]]] = {column: [] for column in GROUPINGS}
    for grouping, key, n in (
        parts[0].union(*parts[1:], all=True).values_list("grouping", "key", "n")
    ):
        groups[grouping].append({grouping: key, "n": n})
    for column in ("plan_year", "unit_id"):
        for row in groups[column]:
            row[column] = int(row[column]) if row[column] is not None else None
    for column, rows in groups.items():
        rows.sort(key=_largest_first(column))
    return groups


def _largest_first(column: str) -> Any:
    """The sort key of grouped rows: the largest count first, then the values in ascending
    order, nulls first."""

    def key(row: dict[str, Any]) -> tuple[int, bool, Any]:
        value = row[column]
        return (-row["n"], value is not None, 0 if value is None else value)

    return key


def _money(projects: models.QuerySet[Project]) -> dict[str, Decimal]:
    """Applied, approved, contracted, paid and returned, in yuan, from one query (a UNION ALL
    of one sum per table)."""
    from govit.delivery.models import ApprovalRecord, Contract, Payment, SurplusReturn

    ids = of_projects(projects)

    def total(
        rows: models.QuerySet[Any], key: str, column: str, **only: Any
    ) -> models.QuerySet[Any]:
        sums: models.QuerySet[Any] = (
            rows.filter(**only)
            .order_by()
            .annotate(key=Value(key))
            .values("key")
            .annotate(s=Sum(column))
            .values_list("key", "s")
        )
        return sums

    parts = [
        total(ApprovalRecord.objects.filter(ids), "approved", "approved_amount"),
        total(Contract.objects.filter(ids), "contracted", "amount"),
        # reversals undo
        total(Payment.objects.filter(ids), "paid", "amount", reversed_on__isnull=True),
        total(SurplusReturn.objects.filter(ids), "returned", "amount"),
    ]
    sums = dict(total(projects, "applied", "investment").union(*parts, all=True))
    return {key: sums.get(key) or ZERO for key in MONEY_LABELS}


MONEY_LABELS = {
    "applied": gettext_lazy("Applied for"),
    "approved": gettext_lazy("Approved"),
    "contracted": gettext_lazy("Contracted"),
    "paid": gettext_lazy("Paid"),
    "returned": gettext_lazy("Returned"),
}


def _money_bars(
    projects: models.QuerySet[Project], filters: PortfolioFilter, base: str
) -> list[Bar]:
    money = _money(projects)
    url = base + "?" + urlencode(filters.as_query())
    return [Bar(key, str(MONEY_LABELS[key]), money[key], url) for key in MONEY_LABELS]


def portfolio(*, actor: User, filters: PortfolioFilter | None = None) -> Portfolio:
    """Every figure of the portfolio dashboard for ``actor`` under ``filters``."""
    from django.utils.translation import gettext as _

    from govit.delivery.models import Appropriation
    from govit.orgs.models import Organisation
    from govit.projects.models import TrackedObligation

    filters = filters or PortfolioFilter()
    projects = filtered_projects(actor=actor, filters=filters)
    result = Portfolio(filters=filters)
    groups = _grouped(projects)
    project_list = reverse("project-list")
    finance = reverse("finance-view")
    # Every project has one state: the counts by state add up to the projects.
    result.project_count = sum(row["n"] for row in groups["state"])
    order = {state: index for index, (state, _label) in enumerate(STAGES)}
    result.by_state = [
        Bar(
            row["state"],
            label(row["state"]),
            row["n"],
            _list_url(project_list, filters, state=row["state"]),
        )
        for row in sorted(groups["state"], key=lambda r: order.get(r["state"], 99))
    ]
    result.by_year = sorted(
        (
            Bar(
                str(row["plan_year"] or ""),
                str(row["plan_year"] or _("no year")),
                row["n"],
                _list_url(project_list, filters, plan_year=row["plan_year"]),
            )
            for row in groups["plan_year"]
        ),
        key=lambda bar: bar.key,
    )
    unit_rows = groups["unit_id"][:TOP_UNITS]
    names = dict(
        Organisation.objects.filter(pk__in=[r["unit_id"] for r in unit_rows]).values_list(
            "pk", "name"
        )
    )
    result.by_unit = [
        Bar(
            str(r["unit_id"]),
            names.get(r["unit_id"], "?"),
            r["n"],
            _list_url(project_list, filters, unit=r["unit_id"]),
        )
        for r in unit_rows
    ]
    result.by_kind = [
        Bar(
            row["kind"] or "-",
            label(row["kind"]) if row["kind"] else _("unclassified"),
            row["n"],
            _list_url(project_list, filters, kind=row["kind"] or "-"),
        )
        for row in groups["kind"]
    ]
    result.money = _money_bars(projects, filters, finance)
    sources = (
        Appropriation.objects.filter(of_projects(projects))
        .order_by()
        .values("source")
        .annotate(s=Sum("amount"))
        .order_by("source")
    )
    result.by_source = [
        Bar(row["source"], label(row["source"]), row["s"] or ZERO, finance) for row in sources
    ]
    result.overdue = TrackedObligation.objects.filter(
        of_projects(projects),
        active=True,
        done_on__isnull=True,
        status="overdue",
    ).count()
    deadline_query: dict[str, Any] = {"status": "overdue"}
    if filters.unit_id:
        deadline_query["unit"] = filters.unit_id
    result.overdue_url = reverse("deadline-list") + "?" + urlencode(deadline_query)
    result.reviews = _reviews(actor, projects, filters)
    result.systems, result.zombies = _systems(actor, filters)
    from govit.reports import panels

    result.grades = panels.grades(actor, projects)
    result.data = panels.data_resources(actor, filters)
    result.schedule = panels.schedule(projects)
    from govit.reports.throughput import throughput

    result.throughput = throughput(actor, projects, filters)
    return result


def _reviews(
    actor: User, projects: models.QuerySet[Project], filters: PortfolioFilter
) -> list[Bar]:
    from govit.reports.throughput import review_list_url as review_url
    from govit.reports.throughput import scoped_reviews
    from govit.reviews.choices import ReviewStatus

    rows = scoped_reviews(actor, projects).order_by().values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in rows}
    return [
        Bar(
            status.value,
            str(status.label),
            counts.get(status.value, 0),
            review_url(filters, status=status.value),
        )
        for status in ReviewStatus
    ]


def _systems(actor: User, filters: PortfolioFilter) -> tuple[list[Bar], int]:
    from govit.systems.choices import SystemStatus
    from govit.systems.models import System

    systems = scoped(actor, System.objects.all(), org_field="unit_id")
    if filters.unit_id:
        systems = systems.filter(unit_id=filters.unit_id)
    counts = dict(
        systems.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    base = reverse("system-list")
    unit: dict[str, Any] = {"unit": filters.unit_id} if filters.unit_id else {}
    bars = [
        Bar(
            status.value,
            str(status.label),
            counts.get(status.value, 0),
            base + "?" + urlencode({**unit, "status": status.value}),
        )
        for status in SystemStatus
    ]
    return bars, counts.get(SystemStatus.ZOMBIE.value, 0)
