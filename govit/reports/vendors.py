"""The vendors' view: per organisation that holds contracts, its contracts and amounts, what
was paid on its projects, the changes, the schedule of its projects, and its comprehensive
assessment results (Bijie 第三十三条), with the results of the user units it worked for.

The list is one query (subqueries per column, no joins that multiply sums) plus one for the
assessment results; the detail a fixed handful. Payments are recorded per project (the
treasury pays the project's milestones), not per contract: "paid" is what was paid on the
projects where the vendor holds a contract, shared with any other vendor of those projects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import DecimalField, F, Func, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from govit.orgs.models import Organisation, User
from govit.reports import policies

MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=16, decimal_places=2)
LIMIT = 500
# Sort keys of the list (``?sort=`` with ``-`` for descending) and the column each sorts by.
SORTS = {
    "name": "name",
    "contracts": "contracts",
    "contracted": "contracted",
    "paid": "paid",
    "projects": "project_count",
    "changes": "changes",
    "late": "late",
}
DEFAULT_SORT = "-contracted"


def _aggregate(
    queryset: models.QuerySet[Any], function: str, column: str, field: Any, distinct: bool = False
) -> Any:
    """``SELECT function(column)`` of a correlated queryset, as a subquery (0 when empty)."""
    aggregate = Func(F(column), function=function)
    if distinct:
        aggregate.template = "%(function)s(DISTINCT %(expressions)s)"
    value = queryset.order_by().annotate(v=aggregate).values("v")
    zero = Value(Decimal("0")) if isinstance(field, DecimalField) else Value(0)
    return Coalesce(Subquery(value, output_field=field), zero, output_field=field)


def _its_projects() -> models.QuerySet[Any]:
    from govit.delivery.models import Contract

    return Contract.objects.filter(vendor=OuterRef(OuterRef("pk"))).values("project")


def vendors(*, actor: User, sort: str = DEFAULT_SORT) -> models.QuerySet[Organisation]:
    """The organisations that hold contracts, with their figures (empty for whoever may not
    see the vendors' list)."""
    from govit.delivery.models import ChangeRequest, Contract, ContractAmendment, Milestone, Payment

    if not policies.vendor_list(actor):
        return Organisation.objects.none()
    today = timezone.localdate()
    own = Contract.objects.filter(vendor=OuterRef("pk"))
    integer: IntegerField[int, int] = IntegerField()
    rows = Organisation.objects.filter(pk__in=Contract.objects.values("vendor")).annotate(
        contracts=_aggregate(own, "COUNT", "pk", integer),
        contracted=_aggregate(own, "SUM", "amount", MONEY),
        # ``projects`` is a relation of organisations (the units' projects).
        project_count=_aggregate(own, "COUNT", "project", integer, distinct=True),
        amendments=_aggregate(
            ContractAmendment.objects.filter(contract__vendor=OuterRef("pk")),
            "COUNT",
            "pk",
            integer,
        ),
        changes=_aggregate(
            ChangeRequest.objects.filter(
                project__in=_its_projects(), status=ChangeRequest.Status.APPROVED
            ),
            "COUNT",
            "pk",
            integer,
        ),
        paid=_aggregate(
            Payment.objects.filter(project__in=_its_projects(), reversed_on__isnull=True),
            "SUM",
            "amount",
            MONEY,
        ),
        late=_aggregate(
            Milestone.objects.filter(project__in=_its_projects()).filter(
                Q(actual_on__gt=F("baseline_due"))
                | Q(actual_on__isnull=True, baseline_due__lt=today)
            ),
            "COUNT",
            "pk",
            integer,
        ),
    )
    key = sort.lstrip("-")
    column = SORTS.get(key, "contracted")
    descending = sort.startswith("-") if key in SORTS else True
    return rows.order_by(f"-{column}" if descending else column, "name")


def vendor_rows(*, actor: User, sort: str, year: int) -> list[dict[str, Any]]:
    """The list's rows with the year's assessment result of each vendor."""
    from govit.evaluation.choices import Grade
    from govit.evaluation.results import vendor_results

    grades = dict(Grade.choices)
    rows = list(
        vendors(actor=actor, sort=sort).values(  # type: ignore[misc]  # annotations
            "pk",
            "name",
            "contracts",
            "contracted",
            "project_count",
            "amendments",
            "changes",
            "paid",
            "late",
        )[:LIMIT]
    )
    results = vendor_results([row["pk"] for row in rows], year)
    for row in rows:
        row["projects"] = row.pop("project_count")
        result = results[row["pk"]]
        row["assessments"], row["score"], row["grade"] = result.count, result.average, result.grade
        row["grade_label"] = str(grades.get(result.grade, ""))
    return rows


@dataclass
class VendorView:
    vendor: Organisation
    year: int
    contracts: list[Any]
    projects: list[dict[str, Any]]
    assessments: list[Any]
    result: Any  # evaluation.results.Result of the year
    previous: Any  # and of the year before
    unit_results: dict[int, Any] | None  # None: not shown to this actor
    totals: dict[str, Any]
    result_grade: str = ""
    previous_grade: str = ""


def vendor_get(*, actor: User, pk: int) -> Organisation | None:
    """The vendor if ``actor`` may read its page (an oversight role, or its own staff)."""
    from govit.delivery.models import Contract

    vendor = Organisation.objects.filter(pk=pk).first()
    if vendor is None or not policies.vendor_view(actor, vendor):
        return None
    if not Contract.objects.filter(vendor=vendor).exists():
        return None
    return vendor


def vendor_view(*, actor: User, vendor: Organisation, year: int) -> VendorView:
    """The vendor's page: contracts, its projects' money, changes and schedule, results."""
    from govit.delivery.models import ChangeRequest, Contract, ContractAmendment, Milestone, Payment
    from govit.evaluation.choices import Grade, Kind, Subject
    from govit.evaluation.models import Evaluation
    from govit.evaluation.results import unit_results, vendor_results
    from govit.projects.models import Project

    today = timezone.localdate()
    latest_amount = (
        ContractAmendment.objects.filter(contract=OuterRef("pk"), amount_after__isnull=False)
        .order_by("-signed_on", "-pk")
        .values("amount_after")[:1]
    )
    contracts = list(
        Contract.objects.filter(vendor=vendor)
        .select_related("project", "project__unit")
        .annotate(
            amendment_count=_aggregate(
                ContractAmendment.objects.filter(contract=OuterRef("pk")),
                "COUNT",
                "pk",
                IntegerField(),
            ),
            current_amount=Coalesce(Subquery(latest_amount, output_field=MONEY), F("amount")),
        )
        .order_by("-signed_on", "pk")
    )
    integer: IntegerField[int, int] = IntegerField()
    here = Q(project=OuterRef("pk"))
    projects = list(
        Project.objects.filter(pk__in=Contract.objects.filter(vendor=vendor).values("project"))
        .annotate(
            paid_sum=_aggregate(
                Payment.objects.filter(here, reversed_on__isnull=True), "SUM", "amount", MONEY
            ),
            change_count=_aggregate(
                ChangeRequest.objects.filter(here, status=ChangeRequest.Status.APPROVED),
                "COUNT",
                "pk",
                integer,
            ),
            milestone_count=_aggregate(Milestone.objects.filter(here), "COUNT", "pk", integer),
            late_done_count=_aggregate(
                Milestone.objects.filter(here, actual_on__gt=F("baseline_due")),
                "COUNT",
                "pk",
                integer,
            ),
            late_open_count=_aggregate(
                Milestone.objects.filter(here, actual_on__isnull=True, baseline_due__lt=today),
                "COUNT",
                "pk",
                integer,
            ),
        )
        .order_by("code")
        .values(
            "pk",
            "code",
            "name",
            "state",
            "unit_id",
            "unit__name",
            "paid_sum",
            "change_count",
            "milestone_count",
            "late_done_count",
            "late_open_count",
        )
    )
    # Annotations carry a suffix: ``changes`` and ``milestones`` are relations of projects.
    renamed = {
        "paid_sum": "paid",
        "change_count": "changes",
        "milestone_count": "milestones",
        "late_done_count": "late_done",
        "late_open_count": "late_open",
    }
    for project in projects:
        for annotation, key in renamed.items():
            project[key] = project.pop(annotation)
    assessments = list(
        Evaluation.objects.filter(
            kind=Kind.COMPREHENSIVE, subject=Subject.VENDOR, subject_org=vendor
        )
        .select_related("project")
        .order_by("-conducted_on", "-pk")
    )
    results = vendor_results([vendor.pk], year)
    previous = vendor_results([vendor.pk], year - 1)
    shown_units = None
    if policies.vendor_list(actor):  # a vendor's staff do not see the units' results
        shown_units = unit_results(sorted({p["unit_id"] for p in projects}), year)
        grades = dict(Grade.choices)
        for project in projects:
            result = shown_units[project["unit_id"]]
            project["unit_result"] = {
                "average": result.average,
                "grade": result.grade,
                "grade_label": str(grades.get(result.grade, "")),
            }
    totals = {
        "contracts": len(contracts),
        "contracted": sum((c.amount for c in contracts), Decimal(0)),
        "current": sum((c.current_amount for c in contracts), Decimal(0)),
        "amendments": sum(c.amendment_count for c in contracts),
        "paid": sum((p["paid"] for p in projects), Decimal(0)),
        "changes": sum(p["changes"] for p in projects),
        "late": sum(p["late_done"] + p["late_open"] for p in projects),
    }
    return VendorView(
        vendor=vendor,
        year=year,
        contracts=contracts,
        projects=projects,
        assessments=assessments,
        result=results[vendor.pk],
        previous=previous[vendor.pk],
        unit_results=shown_units,
        totals=totals,
        result_grade=str(dict(Grade.choices).get(results[vendor.pk].grade, "")),
        previous_grade=str(dict(Grade.choices).get(previous[vendor.pk].grade, "")),
    )


def parse_year(raw: str | None, today: dt.date | None = None) -> int | None:
    """The ``year`` parameter: a year from 2000 to 2100, else None (the caller reports it)."""
    today = today or timezone.localdate()
    if not raw:
        return today.year
    try:
        year = int(raw)
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None
