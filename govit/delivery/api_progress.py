"""More operations of the delivery API, on the same router: milestones and progress,
payment requests, executions and reversals, change rejection and the OCDS export. The same
answers as api.py: 404 out of scope, 403 for a role that may not act, 409 refused (with the
article), 422 invalid."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core.api_types import DatabaseId
from govit.core.permissions import permission
from govit.delivery import (
    changes,
    ocds,
    payments,
    policies,
    progress,
    schemas,
    schemas_steps,
    selectors,
)
from govit.delivery.api import ERRORS, _actor, _write, router
from govit.delivery.api_steps import P, _document
from govit.delivery.models import (
    ChangeRequest,
    Milestone,
    Payment,
    PaymentRequest,
)
from govit.projects.http import not_found
from govit.projects.models import Project


def _milestone_out(m: Milestone) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        **{n: getattr(m, n) for n in ("id", "name", "baseline_due", "planned_cost")},
        "actual_on": m.actual_on,
        "actual_cost": m.actual_cost,
        "schedule_variance_days": m.schedule_variance_days(today),
        "cost_variance": m.cost_variance,
    }


@router.get(P + "/progress", response={200: schemas_steps.ProgressOut, **ERRORS})
@permission("delivery.delivery_view")
def get_progress(request: HttpRequest, project_id: DatabaseId) -> Any:
    """Milestones with their variances, the project's variance, re-baselines and reports."""
    project = selectors.delivery_project(actor=_actor(request), pk=project_id)
    if project is None:
        return not_found()
    milestones = selectors.project_milestones(project)
    variance = progress.project_variance(milestones, timezone.localdate())
    return {
        "milestones": [_milestone_out(m) for m in milestones],
        "variance": {
            "planned_value": variance.planned_value,
            "earned_value": variance.earned_value,
            "actual_cost": variance.actual_cost,
            "schedule_variance": variance.schedule_variance,
            "cost_variance": variance.cost_variance,
            "late_milestones": variance.late_milestones,
        },
        "rebaselines": selectors.project_rebaselines(project),
        "reports": selectors.project_progress_reports(project),
    }


@router.post(P + "/milestones", response={201: schemas_steps.MilestoneOut, **ERRORS})
@permission("delivery.milestone_add")
def post_milestone(
    request: HttpRequest, project_id: DatabaseId, payload: schemas_steps.MilestoneIn
) -> Any:
    """Add a milestone with its baseline."""
    return _write(
        request,
        project_id,
        lambda project: _milestone_out(
            progress.milestone_add(actor=_actor(request), project=project, **payload.model_dump())
        ),
    )


def _milestone(project: Project, pk: int) -> Milestone:
    milestone = Milestone.objects.filter(project=project, pk=pk).first()
    if milestone is None:
        raise ValidationError({"milestone_id": _("Unknown milestone of this project.")})
    return milestone


@router.post(
    P + "/milestones/{milestone_id}/progress", response={201: schemas_steps.MilestoneOut, **ERRORS}
)
@permission("delivery.milestone_progress")
def post_milestone_progress(
    request: HttpRequest,
    project_id: DatabaseId,
    milestone_id: DatabaseId,
    payload: schemas_steps.MilestoneProgressIn,
) -> Any:
    """Record the actual date and cost of a milestone."""
    return _write(
        request,
        project_id,
        lambda project: _milestone_out(
            progress.milestone_progress(
                actor=_actor(request),
                milestone=_milestone(project, milestone_id),
                **payload.model_dump(),
            )
        ),
    )


@router.post(P + "/rebaselines", response={201: schemas_steps.RebaselineOut, **ERRORS})
@permission("delivery.milestone_rebaseline")
def post_rebaseline(
    request: HttpRequest, project_id: DatabaseId, payload: schemas_steps.RebaselineIn
) -> Any:
    """Re-baseline milestones, with the reason (both baselines are kept)."""
    return _write(
        request,
        project_id,
        lambda project: progress.milestone_rebaseline(
            actor=_actor(request),
            project=project,
            reason=payload.reason,
            decided_on=payload.decided_on,
            changes={
                item.milestone_id: (item.baseline_due, item.planned_cost)
                for item in payload.milestones
            },
        ),
    )


@router.post(P + "/progress-reports", response={201: schemas_steps.ProgressReportOut, **ERRORS})
@permission("delivery.progress_report")
def post_progress_report(
    request: HttpRequest, project_id: DatabaseId, payload: schemas_steps.ProgressReportIn
) -> Any:
    """Submit a progress report (a year-end one is Wuhan's performance report, 第二十条)."""
    data = payload.model_dump()
    document_id = data.pop("document_id")
    return _write(
        request,
        project_id,
        lambda project: progress.progress_report(
            actor=_actor(request),
            project=project,
            document=_document(project, document_id, "document_id"),
            **data,
        ),
    )


@router.get(
    P + "/payment-requests", response={200: list[schemas_steps.PaymentRequestOut], **ERRORS}
)
@permission("delivery.delivery_view")
def list_payment_requests(request: HttpRequest, project_id: DatabaseId) -> Any:
    """The project's payment requests and what became of them."""
    project = selectors.delivery_project(actor=_actor(request), pk=project_id)
    if project is None:
        return not_found()
    return selectors.project_payment_requests(project)


@router.post(P + "/payment-requests", response={201: schemas_steps.PaymentRequestOut, **ERRORS})
@permission("delivery.payment_request")
def post_payment_request(
    request: HttpRequest, project_id: DatabaseId, payload: schemas_steps.PaymentRequestIn
) -> Any:
    """The unit requests a payment against a milestone; 409 over the balance or the rules."""

    def call(project: Project) -> Any:
        evidence = _document(project, payload.evidence_id, "evidence_id")
        assert evidence is not None
        return payments.payment_request(
            actor=_actor(request),
            project=project,
            milestone=_milestone(project, payload.milestone_id),
            kind=payload.kind,
            amount=payload.amount,
            evidence=evidence,
            requested_on=payload.requested_on,
        )

    return _write(request, project_id, call)


def _payment_request(project: Project, pk: int) -> PaymentRequest:
    item = PaymentRequest.objects.filter(project=project, pk=pk).first()
    if item is None:
        raise ValidationError({"request_id": _("Unknown payment request of this project.")})
    return item


@router.post(
    P + "/payment-requests/{request_id}/approval",
    response={201: schemas_steps.PaymentRequestOut, **ERRORS},
)
@permission("delivery.payment_approve")
def post_payment_approval(
    request: HttpRequest,
    project_id: DatabaseId,
    request_id: DatabaseId,
    payload: schemas_steps.DecisionIn,
) -> Any:
    """Finance approves the request."""
    return _write(
        request,
        project_id,
        lambda project: payments.payment_approve(
            actor=_actor(request),
            request=_payment_request(project, request_id),
            decided_on=payload.decided_on,
            note=payload.note,
        ),
    )


@router.post(
    P + "/payment-requests/{request_id}/rejection",
    response={201: schemas_steps.PaymentRequestOut, **ERRORS},
)
@permission("delivery.payment_approve")
def post_payment_rejection(
    request: HttpRequest,
    project_id: DatabaseId,
    request_id: DatabaseId,
    payload: schemas_steps.DecisionIn,
) -> Any:
    """Finance rejects the request, with the reason."""
    return _write(
        request,
        project_id,
        lambda project: payments.payment_reject(
            actor=_actor(request),
            request=_payment_request(project, request_id),
            decided_on=payload.decided_on,
            note=payload.note,
        ),
    )


@router.post(
    P + "/payment-requests/{request_id}/execution", response={201: schemas.PaymentOut, **ERRORS}
)
@permission("delivery.payment_execute")
def post_payment_execution(
    request: HttpRequest,
    project_id: DatabaseId,
    request_id: DatabaseId,
    payload: schemas_steps.ExecutionIn,
) -> Any:
    """Finance pays the approved request through the treasury (once)."""
    return _write(
        request,
        project_id,
        lambda project: payments.payment_execute(
            actor=_actor(request),
            request=_payment_request(project, request_id),
            **payload.model_dump(),
        ),
    )


@router.post(P + "/payments/{payment_id}/reversal", response={201: schemas.PaymentOut, **ERRORS})
@permission("delivery.payment_reverse")
def post_payment_reversal(
    request: HttpRequest,
    project_id: DatabaseId,
    payment_id: DatabaseId,
    payload: schemas_steps.ReversalIn,
) -> Any:
    """Finance reverses an executed payment, with the reason."""

    def call(project: Project) -> Any:
        payment = Payment.objects.filter(project=project, pk=payment_id).first()
        if payment is None:
            raise ValidationError({"payment_id": _("Unknown payment of this project.")})
        return payments.payment_reverse(
            actor=_actor(request), payment=payment, **payload.model_dump()
        )

    return _write(request, project_id, call)


@router.post(P + "/changes/{change_id}/rejection", response={201: schemas.ChangeOut, **ERRORS})
@permission("delivery.change_reject")
def reject_change(
    request: HttpRequest,
    project_id: DatabaseId,
    change_id: DatabaseId,
    payload: schemas_steps.ChangeRejectionIn,
) -> Any:
    """Reject a change with the reason (the competent department)."""

    def call(project: Project) -> Any:
        change = ChangeRequest.objects.filter(project=project, pk=change_id).first()
        if change is None:
            raise ValidationError({"change_id": _("Unknown change of this project.")})
        return changes.change_reject(actor=_actor(request), change=change, **payload.model_dump())

    return _write(request, project_id, call)


def _ocds_response(request: HttpRequest, projects: Any) -> JsonResponse:
    package = ocds.release_package(
        ocds.with_parts(projects), uri=request.build_absolute_uri(request.path)
    )
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False})
    if request.GET.get("download"):
        response["Content-Disposition"] = 'attachment; filename="ocds-release-package.json"'
    return response


@router.get(P + "/ocds", response={200: dict[str, Any], **ERRORS})
@permission("delivery.delivery_view")
def get_project_ocds(request: HttpRequest, project_id: DatabaseId) -> Any:
    """The project's contracting processes as an OCDS release package."""
    project = selectors.delivery_project(actor=_actor(request), pk=project_id)
    if project is None or not policies.delivery_view(_actor(request), project):
        return not_found()
    return _ocds_response(request, Project.objects.filter(pk=project.pk))


@router.get("/delivery/ocds", response={200: dict[str, Any], **ERRORS})
@permission("projects.view_project")
def get_ocds(request: HttpRequest) -> Any:
    """Every visible project's contracting processes as one OCDS release package."""
    return _ocds_response(request, selectors.delivery_projects(actor=_actor(request)))
