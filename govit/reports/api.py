"""REST API of the reports: the portfolio figures and the open-data portfolio."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from govit.core.permissions import permission
from govit.orgs.models import User
from govit.reports import exports, policies, selectors

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
    unit_id: int | None = None,
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
    unit_id: int | None = None,
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
