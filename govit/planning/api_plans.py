"""REST API of the project library, the annual plans and the duplicate-construction check.
404 for an object outside the caller's scope, 403 for a role that may not act, 409 for a step
the state does not allow (with the article), 422 for invalid input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from govit.core.api_types import DatabaseId
from govit.core.permissions import SIGNED_IN, permission
from govit.orgs.models import User
from govit.planning import duplicates, library_plans, selectors_plans, services_plans
from govit.planning import policies_plans as policies
from govit.planning import schemas_plans as schemas
from govit.planning.models.plans import AnnualPlan, LibraryEntry, PlanLine, PlanVersion
from govit.projects.errors import ProjectError
from govit.projects.http import error_response, from_project_error, from_validation_error, not_found
from govit.projects.selectors import project_for_action

router = Router(tags=["planning"])
ERRORS: dict[int, Any] = dict.fromkeys((403, 404, 409, 422), dict[str, Any])


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _forbidden() -> Any:
    return error_response(403, _("You may not do this."))


def _run(call: Callable[[], Any], status: int = 201) -> Any:
    try:
        return Status(status, call())
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)


def _entry_out(entry: LibraryEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "project_id": entry.project_id,
        "project_code": entry.project.code,
        "project_name": entry.project.name,
        "unit": entry.project.unit.name,
        "category": entry.category,
        "domain": entry.domain,
        "priority": entry.priority,
        "reserve_year": entry.reserve_year,
        "status": entry.status,
    }


def _entry_detail(entry: LibraryEntry) -> dict[str, Any]:
    history = [
        {
            "kind": row.kind,
            "before": row.before,
            "after": row.after,
            "reason": row.reason,
            "actor": str(row.actor),
            "at": row.at,
        }
        for row in entry.adjustments.select_related("actor").order_by("at", "id")
    ]
    return {**_entry_out(entry), "history": history}


@router.get("/planning/library", response={200: list[schemas.EntryOut]})
@permission("projects.view_project")
def list_library(
    request: HttpRequest, status: str = "", year: int | None = None, limit: int = 200
) -> Any:
    """The library entries the caller may see (a unit: its own projects')."""
    filters = selectors_plans.LibraryFilter(status=status, reserve_year=year)
    entries = selectors_plans.library_entries(actor=_actor(request), filters=filters)
    return [_entry_out(entry) for entry in entries[: max(1, min(limit, 1000))]]


@router.get("/planning/library/{entry_id}", response={200: schemas.EntryDetailOut, **ERRORS})
@permission("projects.view_project")
def get_library_entry(request: HttpRequest, entry_id: DatabaseId) -> Any:
    entry = selectors_plans.library_entry(actor=_actor(request), pk=entry_id)
    return not_found() if entry is None else _entry_detail(entry)


@router.post("/planning/library", response={201: schemas.EntryDetailOut, **ERRORS})
@permission("planning.library_admit")
def admit(request: HttpRequest, payload: schemas.AdmitIn) -> Any:
    """Admit a project that passed review (Bijie 第八条); 409 before review is done."""
    actor = _actor(request)
    if not policies.library_admit(actor):
        return _forbidden()
    project = project_for_action(actor=actor, pk=payload.project_id)
    if project is None:
        return not_found()
    data = payload.model_dump(exclude={"project_id"})
    return _run(
        lambda: _entry_detail(library_plans.library_admit(actor=actor, project=project, **data))
    )


def _adjust(request: HttpRequest, entry_id: int, service: Callable[..., Any], data: Any) -> Any:
    actor = _actor(request)
    entry = selectors_plans.library_entry(actor=actor, pk=entry_id)
    if entry is None:
        return not_found()
    if not policies.library_reclassify(actor):
        return _forbidden()
    return _run(lambda: _entry_detail(service(actor=actor, entry=entry, **data.model_dump())), 200)


@router.post(
    "/planning/library/{entry_id}/reclassify",
    response={200: schemas.EntryDetailOut, **ERRORS},
)
@permission("planning.library_reclassify")
def reclassify(request: HttpRequest, entry_id: DatabaseId, payload: schemas.ReclassifyIn) -> Any:
    return _adjust(request, entry_id, library_plans.library_reclassify, payload)


@router.post(
    "/planning/library/{entry_id}/move-year", response={200: schemas.EntryDetailOut, **ERRORS}
)
@permission("planning.library_reclassify", "planning.library_move_year")
def move_year(request: HttpRequest, entry_id: DatabaseId, payload: schemas.MoveYearIn) -> Any:
    return _adjust(request, entry_id, library_plans.library_move_year, payload)


@router.post(
    "/planning/library/{entry_id}/withdraw", response={200: schemas.EntryDetailOut, **ERRORS}
)
@permission("planning.library_reclassify", "planning.library_withdraw")
def withdraw(request: HttpRequest, entry_id: DatabaseId, payload: schemas.ReasonIn) -> Any:
    return _adjust(request, entry_id, library_plans.library_withdraw, payload)


def _plan_out(plan: AnnualPlan) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "year": plan.year,
        "title": plan.title,
        "status": plan.status,
        "rulebook": plan.rulebook,
    }


def _line_out(line: PlanLine) -> dict[str, Any]:
    return {
        "id": line.pk,
        "project_id": line.project_id,
        "project_code": line.project.code,
        "project_name": line.project.name,
        "unit": line.project.unit.name,
        "rank": line.rank,
        "score": line.score,
        "score_parts": line.score_parts,
        "amount": line.amount,
        "supplementary": line.supplementary,
        "reason": line.reason,
        "article": line.article,
    }


def _plan_detail(actor: User, pk: int) -> dict[str, Any]:
    plan = selectors_plans.plan(actor=actor, pk=pk)
    assert plan is not None
    return {
        **_plan_out(plan),
        "lines": [_line_out(line) for line in plan.lines.all()],
        "versions": list(plan.versions.all()),
    }


@router.get("/planning/plans", response={200: list[schemas.PlanOut], **ERRORS})
@permission("planning.plan_view")
def list_plans(request: HttpRequest) -> Any:
    """The annual plans (oversight roles; units are refused)."""
    actor = _actor(request)
    if not policies.plan_view(actor):
        return _forbidden()
    return [_plan_out(plan) for plan in selectors_plans.plans(actor=actor)]


@router.post("/planning/plans", response={201: schemas.PlanDetailOut, **ERRORS})
@permission("planning.plan_create")
def create_plan(request: HttpRequest, payload: schemas.PlanIn) -> Any:
    actor = _actor(request)
    return _run(
        lambda: _plan_detail(
            actor, services_plans.plan_create(actor=actor, **payload.model_dump()).pk
        )
    )


@router.get("/planning/plans/{plan_id}", response={200: schemas.PlanDetailOut, **ERRORS})
@permission("planning.plan_view")
def get_plan(request: HttpRequest, plan_id: DatabaseId) -> Any:
    actor = _actor(request)
    if selectors_plans.plan(actor=actor, pk=plan_id) is None:
        return not_found()
    return _plan_detail(actor, plan_id)


def _plan_action(
    request: HttpRequest, plan_id: int, call: Callable[[User, AnnualPlan], Any]
) -> Any:
    actor = _actor(request)
    plan = selectors_plans.plan(actor=actor, pk=plan_id)
    if plan is None:
        return not_found()

    def run() -> Any:
        call(actor, plan)
        return _plan_detail(actor, plan.pk)

    return _run(run, 200)


@router.post("/planning/plans/{plan_id}/fill", response={200: schemas.PlanDetailOut, **ERRORS})
@permission("planning.plan_fill")
def fill_plan(request: HttpRequest, plan_id: DatabaseId) -> Any:
    """Compile the draft plan from the library's entries in reserve for its year."""
    return _plan_action(request, plan_id, lambda a, p: services_plans.plan_fill(actor=a, plan=p))


@router.post("/planning/plans/{plan_id}/rank", response={200: schemas.PlanDetailOut, **ERRORS})
@permission("planning.plan_rank")
def rank_plan(request: HttpRequest, plan_id: DatabaseId) -> Any:
    return _plan_action(request, plan_id, lambda a, p: services_plans.plan_rank(actor=a, plan=p))


@router.post("/planning/plans/{plan_id}/lines", response={200: schemas.PlanDetailOut, **ERRORS})
@permission("planning.plan_line_add")
def add_line(request: HttpRequest, plan_id: DatabaseId, payload: schemas.LineIn) -> Any:
    entry = LibraryEntry.objects.filter(pk=payload.entry_id).first()
    if entry is None:
        return not_found()
    return _plan_action(
        request,
        plan_id,
        lambda a, p: services_plans.plan_line_add(
            actor=a, plan=p, entry=entry, amount=payload.amount
        ),
    )


def _line(plan: AnnualPlan, line_id: int) -> PlanLine | None:
    return plan.lines.filter(pk=line_id).first()


@router.patch(
    "/planning/plans/{plan_id}/lines/{line_id}", response={200: schemas.PlanDetailOut, **ERRORS}
)
@permission("planning.plan_line_update")
def update_line(
    request: HttpRequest, plan_id: DatabaseId, line_id: DatabaseId, payload: schemas.AmountIn
) -> Any:
    def call(actor: User, plan: AnnualPlan) -> Any:
        line = _line(plan, line_id)
        if line is None:
            raise ValidationError({"line_id": _("Unknown line of this plan.")})
        return services_plans.plan_line_update(actor=actor, line=line, amount=payload.amount)

    return _plan_action(request, plan_id, call)


@router.delete(
    "/planning/plans/{plan_id}/lines/{line_id}", response={200: schemas.PlanDetailOut, **ERRORS}
)
@permission("planning.plan_line_remove")
def remove_line(request: HttpRequest, plan_id: DatabaseId, line_id: DatabaseId) -> Any:
    def call(actor: User, plan: AnnualPlan) -> Any:
        line = _line(plan, line_id)
        if line is None:
            raise ValidationError({"line_id": _("Unknown line of this plan.")})
        return services_plans.plan_line_remove(actor=actor, line=line)

    return _plan_action(request, plan_id, call)


@router.post("/planning/plans/{plan_id}/submit", response={200: schemas.PlanDetailOut, **ERRORS})
@permission("planning.plan_submit")
def submit_plan(request: HttpRequest, plan_id: DatabaseId) -> Any:
    return _plan_action(request, plan_id, lambda a, p: services_plans.plan_submit(actor=a, plan=p))


@router.post("/planning/plans/{plan_id}/reopen", response={200: schemas.PlanDetailOut, **ERRORS})
@permission("planning.plan_reopen")
def reopen_plan(request: HttpRequest, plan_id: DatabaseId, payload: schemas.ReasonIn) -> Any:
    return _plan_action(
        request,
        plan_id,
        lambda a, p: services_plans.plan_reopen(actor=a, plan=p, reason=payload.reason),
    )


def _version_out(version: PlanVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "approved_on": version.approved_on,
        "reference": version.reference,
        "total": version.total,
        "note": version.note,
        "lines": list(version.lines.all()),
    }


def _versioning(request: HttpRequest, plan_id: int, call: Callable[..., PlanVersion]) -> Any:
    actor = _actor(request)
    plan = selectors_plans.plan(actor=actor, pk=plan_id)
    if plan is None:
        return not_found()
    return _run(lambda: _version_out(call(actor=actor, plan=plan)))


@router.post("/planning/plans/{plan_id}/approve", response={201: schemas.VersionOut, **ERRORS})
@permission("planning.plan_approve")
def approve_plan(request: HttpRequest, plan_id: DatabaseId, payload: schemas.ApproveIn) -> Any:
    """Record the government's approval: a new version; the projects move to ``planned``."""
    data = payload.model_dump()
    return _versioning(request, plan_id, lambda **kw: services_plans.plan_approve(**kw, **data))


@router.post("/planning/plans/{plan_id}/supplement", response={201: schemas.VersionOut, **ERRORS})
@permission("planning.plan_supplement")
def supplement_plan(
    request: HttpRequest, plan_id: DatabaseId, payload: schemas.SupplementIn
) -> Any:
    """Supplementary inclusion of an urgent project (Harbin 第十七条, Wuhan 第七条, Kaihua
    第六条): a new version."""
    project = project_for_action(actor=_actor(request), pk=payload.project_id)
    if project is None:
        return not_found()
    data = payload.model_dump(exclude={"project_id"})
    return _versioning(
        request,
        plan_id,
        lambda **kw: services_plans.plan_supplement(**kw, project=project, **data),
    )


@router.get(
    "/planning/plans/{plan_id}/versions/{number}", response={200: schemas.VersionOut, **ERRORS}
)
@permission("planning.plan_view")
def get_version(request: HttpRequest, plan_id: DatabaseId, number: int) -> Any:
    version = selectors_plans.plan_version(actor=_actor(request), plan_pk=plan_id, number=number)
    return not_found() if version is None else _version_out(version)


@router.get("/planning/plans/{plan_id}/compare", response={200: schemas.ComparisonOut, **ERRORS})
@permission("planning.plan_view")
def compare(request: HttpRequest, plan_id: DatabaseId, older: int, newer: int) -> Any:
    """What changed between two approved versions: added, removed, other amounts."""
    actor = _actor(request)
    first = selectors_plans.plan_version(actor=actor, plan_pk=plan_id, number=older)
    second = selectors_plans.plan_version(actor=actor, plan_pk=plan_id, number=newer)
    if first is None or second is None:
        return not_found()
    result = selectors_plans.compare_versions(first, second)
    return {
        "older": older,
        "newer": newer,
        "difference": result.difference,
        "added": result.added,
        "removed": result.removed,
        "changed": result.changed,
    }


def _report_out(report: duplicates.Report) -> dict[str, Any]:
    return {
        "threshold": report.threshold,
        "warning": report.warning,
        "hidden": report.hidden,
        "indexed": report.indexed,
        "matches": report.matches,
    }


@router.get("/projects/{project_id}/similar", response={200: schemas.ReportOut, **ERRORS})
@permission("planning.duplicate_check")
def project_similar(request: HttpRequest, project_id: DatabaseId, limit: int = 10) -> Any:
    """Library projects and catalogue systems like this project (重复建设), with scores and
    shared phrases; items the caller may not see are only counted."""
    actor = _actor(request)
    project = project_for_action(actor=actor, pk=project_id)
    if project is None:
        return not_found()
    if not policies.duplicate_check(actor, project):
        return _forbidden()
    report = duplicates.similar_to_project(project, actor=actor, limit=max(1, min(limit, 50)))
    return _report_out(report)


@router.post("/planning/duplicates/check", response={200: schemas.ReportOut, **ERRORS})
@permission(SIGNED_IN)
def check_text(request: HttpRequest, payload: schemas.CheckIn) -> Any:
    """The check for a text not yet saved (an application's name, goals, functions, data)."""
    actor = _actor(request)
    if not (actor.is_authenticated and actor.is_active):
        return _forbidden()
    return _report_out(duplicates.similar_to_text(payload.text, actor=actor, limit=payload.limit))
