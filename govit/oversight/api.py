"""REST API of inspections, findings, rectification orders and sanctions. 404 for a project
the caller may not see, 403 for a role that may not act, 409 for a refused escalation (with
the article), 422 for bad input."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from govit.core.api_types import DatabaseId
from govit.core.permissions import permission
from govit.documents.models import Document
from govit.orgs.models import User
from govit.oversight import policies, schemas, selectors, services
from govit.oversight.errors import NotPermitted, ProjectError
from govit.oversight.models import Finding, RectificationOrder
from govit.projects.http import from_project_error, from_validation_error, not_found
from govit.projects.models import Project

router = Router(tags=["oversight"])
ERRORS: dict[int, Any] = dict.fromkeys((403, 404, 409, 422), dict[str, Any])


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@router.get(
    "/projects/{project_id}/oversight", response={200: schemas.ProjectOversightOut, **ERRORS}
)
@permission("oversight.oversight_view")
def get_project_oversight(request: HttpRequest, project_id: DatabaseId) -> Any:
    """The project's inspections with findings, rectification orders and sanctions."""
    actor = _actor(request)
    project = selectors.oversight_project(actor=actor, pk=project_id)
    if project is None:
        return not_found()
    return {
        "project_id": project.pk,
        "inspections": list(selectors.inspections(project)),
        "orders": list(selectors.orders(actor).filter(project=project)),
        "sanctions": list(project.sanctions.all()),
    }


def _project_write(request: HttpRequest, project_id: int, call: Any) -> Any:
    project = selectors.oversight_project(actor=_actor(request), pk=project_id)
    if project is None:
        return not_found()
    return _run(lambda: call(project))


def _order_write(request: HttpRequest, order_id: int, call: Any) -> Any:
    order = selectors.order_of(actor=_actor(request), pk=order_id)
    if order is None:
        return not_found()
    return _run(lambda: call(order))


def _run(call: Any) -> Any:
    try:
        return Status(201, call())
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)


@router.post(
    "/projects/{project_id}/oversight/inspections", response={201: schemas.InspectionOut, **ERRORS}
)
@permission("oversight.inspection_open")
def post_inspection(
    request: HttpRequest, project_id: DatabaseId, payload: schemas.InspectionIn
) -> Any:
    """Record an inspection and the offices that joined it."""
    return _project_write(
        request,
        project_id,
        lambda project: services.inspection_open(
            actor=_actor(request), project=project, **payload.model_dump()
        ),
    )


@router.post(
    "/projects/{project_id}/oversight/inspections/{inspection_id}/findings",
    response={201: schemas.FindingOut, **ERRORS},
)
@permission("oversight.finding_add")
def post_finding(
    request: HttpRequest,
    project_id: DatabaseId,
    inspection_id: DatabaseId,
    payload: schemas.FindingIn,
) -> Any:
    """Add a finding of a kind the rulebook lists; it carries that kind's article."""

    def call(project: Project) -> Finding:
        inspection = project.inspections.filter(pk=inspection_id).first()
        if inspection is None:
            raise ValidationError({"inspection": "—"})
        return services.finding_add(
            actor=_actor(request), inspection=inspection, **payload.model_dump()
        )

    return _project_write(request, project_id, call)


@router.post("/projects/{project_id}/oversight/orders", response={201: schemas.OrderOut, **ERRORS})
@permission("oversight.order_issue")
def post_order(request: HttpRequest, project_id: DatabaseId, payload: schemas.OrderIn) -> Any:
    """Order rectification of findings within a number of working days."""

    def call(project: Project) -> RectificationOrder:
        findings = list(
            Finding.objects.filter(pk__in=payload.finding_ids, inspection__project=project)
        )
        if len(findings) != len(set(payload.finding_ids)):
            findings = []
        return services.order_issue(
            actor=_actor(request),
            project=project,
            findings=findings,
            working_days=payload.working_days,
        )

    return _project_write(request, project_id, call)


@router.post("/oversight/orders/{order_id}/report", response={201: schemas.OrderOut, **ERRORS})
@permission("oversight.rectification_report")
def post_report(request: HttpRequest, order_id: DatabaseId, payload: schemas.ReportIn) -> Any:
    """The unit's rectification report with documents as evidence."""

    def call(order: RectificationOrder) -> RectificationOrder:
        evidence = list(
            Document.objects.filter(pk__in=payload.evidence_ids, project_id=order.project_id)
        )
        if len(evidence) != len(set(payload.evidence_ids)):
            raise ValidationError({"evidence": "—"})
        return services.rectification_report(
            actor=_actor(request), order=order, report=payload.report, evidence=evidence
        )

    return _order_write(request, order_id, call)


@router.post("/oversight/orders/{order_id}/recheck", response={201: schemas.OrderOut, **ERRORS})
@permission("oversight.order_recheck")
def post_recheck(request: HttpRequest, order_id: DatabaseId, payload: schemas.RecheckIn) -> Any:
    """Re-check a reported rectification (pass or fail)."""
    return _order_write(
        request,
        order_id,
        lambda order: services.order_recheck(
            actor=_actor(request), order=order, **payload.model_dump()
        ),
    )


@router.post("/oversight/orders/{order_id}/escalate", response={201: schemas.SanctionOut, **ERRORS})
@permission("oversight.order_escalate")
def post_escalate(request: HttpRequest, order_id: DatabaseId, payload: schemas.EscalateIn) -> Any:
    """Escalate an order not rectified to a sanction the rulebook provides."""
    return _order_write(
        request,
        order_id,
        lambda order: services.order_escalate(
            actor=_actor(request), order=order, **payload.model_dump()
        ),
    )


@router.post(
    "/oversight/sanctions/{sanction_id}/lift", response={201: schemas.SanctionOut, **ERRORS}
)
@permission("oversight.sanction_lift")
def post_lift(request: HttpRequest, sanction_id: DatabaseId, payload: schemas.LiftIn) -> Any:
    """Lift a sanction once the order's re-check has passed."""
    sanction = selectors.sanctions(_actor(request)).filter(pk=sanction_id).first()
    if sanction is None:
        return not_found()
    return _run(
        lambda: services.sanction_lift(actor=_actor(request), sanction=sanction, note=payload.note)
    )


@router.get("/oversight/stale", response={200: list[schemas.StaleOut], **ERRORS})
@permission("oversight.stale_view")
def get_stale(request: HttpRequest) -> Any:
    """Projects flagged for progress not updated (the oversight roles only)."""
    if not policies.stale_view(_actor(request)):
        return from_project_error(NotPermitted(_("Only the oversight roles see stale projects.")))
    return list(selectors.stale(_actor(request))[:500])
