"""REST API of the reports: the portfolio figures and the open-data portfolio."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from govit.core.api_types import DatabaseId
from govit.core.permissions import permission
from govit.orgs.models import User
from govit.reports import exports, policies, selectors, vendors

router = Router(tags=["reports"])
# Out of range answers 422 with the field, like every invalid input.
PLAN_YEAR = Annotated[int | None, Query(ge=2000, le=2100)]


class FigureOut(Schema):
    key: str
    label: str
    value: float
    url: str


class StageOut(Schema):
    stage: str
    label: str
    done: int
    median_working_days: float | None
    p90_working_days: float | None
    in_review: int
    overdue: int
    clock_stopped: int
    urls: dict[str, str]


class ThroughputOut(Schema):
    opinions_per_month: list[FigureOut]
    stages: list[StageOut]


class PortfolioOut(Schema):
    project_count: int
    by_state: list[FigureOut]
    by_year: list[FigureOut]
    by_unit: list[FigureOut]
    by_kind: list[FigureOut]
    money_yuan: list[FigureOut]
    by_source_yuan: list[FigureOut]
    overdue: int
    reviews: list[FigureOut]
    systems: list[FigureOut]
    zombies: int
    grades: list[FigureOut]
    data_resources: list[FigureOut]
    schedule: list[FigureOut]
    review_throughput: ThroughputOut


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _figures(bars: list[selectors.Bar]) -> list[FigureOut]:
    return [FigureOut(key=b.key, label=b.label, value=float(b.value), url=b.url) for b in bars]


def _filters(plan_year: int | None, unit_id: int | None, state: str, kind: str) -> Any:
    return selectors.PortfolioFilter(plan_year=plan_year, unit_id=unit_id, state=state, kind=kind)


@router.get("/reports/portfolio", response=PortfolioOut)
@permission("reports.dashboard_view")
def portfolio(
    request: HttpRequest,
    plan_year: PLAN_YEAR = None,
    unit_id: DatabaseId | None = None,
    state: str = "",
    kind: str = "",
) -> PortfolioOut:
    """The dashboard's figures over the projects the caller may read (money in yuan)."""
    actor = _actor(request)
    if not policies.dashboard_view(actor):
        raise HttpError(403, "You may not see the dashboard.")
    data = selectors.portfolio(actor=actor, filters=_filters(plan_year, unit_id, state, kind))
    return PortfolioOut(
        project_count=data.project_count,
        by_state=_figures(data.by_state),
        by_year=_figures(data.by_year),
        by_unit=_figures(data.by_unit),
        by_kind=_figures(data.by_kind),
        money_yuan=_figures(data.money),
        by_source_yuan=_figures(data.by_source),
        overdue=data.overdue,
        reviews=_figures(data.reviews),
        systems=_figures(data.systems),
        zombies=data.zombies,
        grades=_figures(data.grades),
        data_resources=_figures(data.data),
        schedule=_figures(data.schedule),
        review_throughput=ThroughputOut(
            opinions_per_month=_figures(data.throughput.months),
            stages=[
                StageOut(
                    stage=s.key,
                    label=s.label,
                    done=s.done,
                    median_working_days=s.median_days,
                    p90_working_days=s.p90_days,
                    in_review=s.in_review,
                    overdue=s.overdue,
                    clock_stopped=s.paused,
                    urls=s.urls,
                )
                for s in data.throughput.stages
            ],
        ),
    )


@router.get("/reports/opendata", response=dict[str, Any])
@permission("reports.opendata_export")
def opendata(
    request: HttpRequest,
    plan_year: PLAN_YEAR = None,
    unit_id: DatabaseId | None = None,
    state: str = "",
    kind: str = "",
) -> dict[str, Any]:
    """The public portfolio: non-classified projects, public facts, amounts in yuan."""
    actor = _actor(request)
    if not policies.opendata_export(actor):
        raise HttpError(403, "You may not export the open-data portfolio.")
    filters = _filters(plan_year, unit_id, state, kind)
    rows = list(exports.open_rows(selectors.filtered_projects(actor=actor, filters=filters)))
    return {"fields": list(exports.OPEN_FIELDS), "projects": rows}


YEAR = Annotated[int | None, Query(ge=2000, le=2100)]


class VendorRowOut(Schema):
    id: int
    name: str
    contracts: int
    contracted_yuan: float
    projects: int
    paid_on_its_projects_yuan: float
    contract_amendments: int
    approved_changes: int
    late_milestones: int
    assessments: int
    mean_score: float | None
    grade: str
    url: str


# A column of ``vendors.SORTS``, ``-`` before it for descending: a field error otherwise.
SORT = Annotated[str, Query(pattern="^-?(" + "|".join(vendors.SORTS) + ")$")]


def _vendor_year(year: int | None) -> int:
    from django.utils import timezone

    return year or timezone.localdate().year


@router.get("/reports/vendors", response=list[VendorRowOut])
@permission("reports.vendor_list")
def vendor_list(
    request: HttpRequest, year: YEAR = None, sort: SORT = vendors.DEFAULT_SORT
) -> list[VendorRowOut]:
    """Every vendor that holds contracts, with its figures and its comprehensive-assessment
    result of ``year`` (Bijie 第三十三条); ``sort`` is a column, ``-`` for descending."""
    from django.urls import reverse

    actor = _actor(request)
    if not policies.vendor_list(actor):
        raise HttpError(403, "You may not see the vendors.")
    rows = vendors.vendor_rows(actor=actor, sort=sort, year=_vendor_year(year))
    return [
        VendorRowOut(
            id=row["pk"],
            name=row["name"],
            contracts=row["contracts"],
            contracted_yuan=float(row["contracted"]),
            projects=row["projects"],
            paid_on_its_projects_yuan=float(row["paid"]),
            contract_amendments=row["amendments"],
            approved_changes=row["changes"],
            late_milestones=row["late"],
            assessments=row["assessments"],
            mean_score=None if row["score"] is None else float(row["score"]),
            grade=row["grade"],
            url=reverse("report-vendor", args=[row["pk"]]),
        )
        for row in rows
    ]


@router.get("/reports/vendors/{vendor_id}", response=dict[str, Any])
@permission("reports.vendor_view")
def vendor_detail(request: HttpRequest, vendor_id: DatabaseId, year: YEAR = None) -> dict[str, Any]:
    """One vendor: contracts, its projects' payments, changes and schedule, its assessments;
    the user units' results only for the oversight roles (not for the vendor's own staff)."""
    actor = _actor(request)
    if not (policies.vendor_list(actor) or actor.has_role("vendor")):
        raise HttpError(403, "You may not see the vendors.")
    vendor = vendors.vendor_get(actor=actor, pk=vendor_id)
    if vendor is None:
        raise HttpError(404, "Not found.")
    view = vendors.vendor_view(actor=actor, vendor=vendor, year=_vendor_year(year))

    def result(r: Any) -> dict[str, Any]:
        average = None if r.average is None else float(r.average)
        return {"year": r.year, "count": r.count, "mean_score": average, "grade": r.grade}

    projects = []
    for p in view.projects:
        row = {
            "id": p["pk"],
            "code": p["code"],
            "name": p["name"],
            "unit": p["unit__name"],
            "paid_yuan": float(p["paid"]),
            "approved_changes": p["changes"],
            "milestones": p["milestones"],
            "reached_late": p["late_done"],
            "past_due_not_reached": p["late_open"],
        }
        if view.unit_results is not None:
            unit = view.unit_results[p["unit_id"]]
            row["unit_result"] = result(unit)
        projects.append(row)
    return {
        "id": vendor.pk,
        "name": vendor.name,
        "contracts": [
            {
                "id": c.pk,
                "title": c.title,
                "project_id": c.project_id,
                "signed_on": c.signed_on.isoformat(),
                "amount_yuan": float(c.amount),
                "amount_after_amendments_yuan": float(c.current_amount),
                "amendments": c.amendment_count,
            }
            for c in view.contracts
        ],
        "projects": projects,
        "assessments": [
            {
                "id": e.pk,
                "project_id": e.project_id,
                "conducted_on": e.conducted_on.isoformat(),
                "total": None if e.total is None else float(e.total),
                "grade": e.grade,
            }
            for e in view.assessments
        ],
        "result": result(view.result),
        "previous_result": result(view.previous),
    }
