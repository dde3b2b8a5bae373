"""REST API of review tasks (the to-do) and delegations, on the reviews router."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import File, Form
from ninja.files import UploadedFile
from ninja.responses import Status

from govit.core.api_types import DatabaseId
from govit.core.permissions import SIGNED_IN, permission
from govit.reviews import outside, selectors, tasks, workflow
from govit.reviews.api import NOT_FOUND, ErrorOut, router
from govit.reviews.models import ReviewTask
from govit.reviews.workflow_api import (
    DELEGATION,
    REFUSALS,
    TASK,
    ChecklistIn,
    DelegationIn,
    DelegationOut,
    NoteIn,
    OpinionIn,
    ReturnIn,
    SupplementIn,
    TaskOut,
    UserIn,
    _actor,
    _refused,
    _user,
    task_out,
)


@router.get("/review-tasks", response=list[TaskOut])
@permission(SIGNED_IN)
def task_list(request: HttpRequest) -> Any:
    """My waiting review tasks, and those of whoever delegated to me today."""
    return [task_out(t) for t in selectors.open_tasks(actor=_actor(request))[:200]]


@router.get("/review-tasks/{task_id}", response={200: TaskOut, 404: ErrorOut})
@permission("reviews.review_view")
def task_detail(request: HttpRequest, task_id: DatabaseId) -> Any:
    task = selectors.task_get(actor=_actor(request), pk=task_id)
    return Status(200, task_out(task)) if task is not None else Status(404, NOT_FOUND)


def _act(request: HttpRequest, task_id: int, run: Any) -> Any:
    actor = _actor(request)
    task = selectors.task_get(actor=actor, pk=task_id)
    if task is None:
        return Status(404, NOT_FOUND)
    try:
        result = run(actor, task)
    except REFUSALS as exc:
        return _refused(exc)
    fresh = result if isinstance(result, ReviewTask) else ReviewTask.objects.get(pk=task.pk)
    return Status(200, TaskOut(**task_out(fresh)))


@router.post("/review-tasks/{task_id}/checklist", response=TASK)
@permission("reviews.checklist_record")
def checklist_record(request: HttpRequest, task_id: DatabaseId, payload: ChecklistIn) -> Any:
    """Record pass or fail and a comment per checklist item of the preliminary review."""
    items = {key: (v.verdict, v.comment) for key, v in payload.items.items()}
    return _act(
        request,
        task_id,
        lambda actor, task: workflow.checklist_record(actor=actor, task=task, items=items),
    )


@router.post("/review-tasks/{task_id}/supplement", response=TASK)
@permission("reviews.supplement_request")
def supplement_request(request: HttpRequest, task_id: DatabaseId, payload: SupplementIn) -> Any:
    """Return for supplement (退回补正) by a deadline in working days; the clock stops."""
    return _act(
        request,
        task_id,
        lambda actor, task: workflow.supplement_request(
            actor=actor, task=task, reason=payload.reason, working_days=payload.working_days
        ),
    )


@router.post("/review-tasks/{task_id}/approve", response=TASK)
@permission("reviews.task_approve")
def task_approve(request: HttpRequest, task_id: DatabaseId, payload: OpinionIn) -> Any:
    """Approve the step, with an opinion."""
    return _act(
        request,
        task_id,
        lambda actor, task: tasks.task_approve(actor=actor, task=task, opinion=payload.opinion),
    )


@router.post("/review-tasks/{task_id}/return", response=TASK)
@permission("reviews.task_return")
def task_return(request: HttpRequest, task_id: DatabaseId, payload: ReturnIn) -> Any:
    """Return to a named earlier step; answers with the new task."""
    return _act(
        request,
        task_id,
        lambda actor, task: tasks.task_return(
            actor=actor, task=task, to_step=payload.to_step, reason=payload.reason
        ),
    )


def _with_user(payload: UserIn, run: Any) -> Any:
    def inner(actor: Any, task: ReviewTask) -> Any:
        user = _user(payload.user_id)
        if user is None:
            raise ValueError("unknown user")
        return run(actor, task, user)

    return inner


@router.post("/review-tasks/{task_id}/hand-over", response=TASK)
@permission("reviews.task_hand_over")
def task_hand_over(request: HttpRequest, task_id: DatabaseId, payload: UserIn) -> Any:
    """Hand over to a colleague (转办); answers with the colleague's new task."""
    return _act(
        request,
        task_id,
        _with_user(
            payload,
            lambda actor, task, user: tasks.task_hand_over(
                actor=actor, task=task, to=user, note=payload.note
            ),
        ),
    )


@router.post("/review-tasks/{task_id}/add-signer", response=TASK)
@permission("reviews.task_add_signer")
def task_add_signer(request: HttpRequest, task_id: DatabaseId, payload: UserIn) -> Any:
    """Add a signer (加签); answers with the added signer's task."""
    return _act(
        request,
        task_id,
        _with_user(
            payload,
            lambda actor, task, user: tasks.task_add_signer(
                actor=actor, task=task, signer=user, note=payload.note
            ),
        ),
    )


@router.post("/review-tasks/{task_id}/withdraw", response=TASK)
@permission("reviews.task_withdraw")
def task_withdraw(request: HttpRequest, task_id: DatabaseId, payload: NoteIn) -> Any:
    """The sender withdraws a waiting task (撤回)."""
    return _act(
        request,
        task_id,
        lambda actor, task: tasks.task_withdraw(actor=actor, task=task, reason=payload.note),
    )


@router.post("/review-tasks/{task_id}/report", response=TASK)
@permission("reviews.agency_report_upload")
def agency_report_upload(
    request: HttpRequest,
    task_id: DatabaseId,
    opinion: Form[str],
    report: File[UploadedFile],
) -> Any:
    """The agency uploads its report (multipart: report, opinion)."""
    return _act(
        request,
        task_id,
        lambda actor, task: outside.agency_report_upload(
            actor=actor, task=task, upload=report, opinion=opinion
        ),
    )


@router.get("/review-delegations", response=list[DelegationOut])
@permission(SIGNED_IN)
def delegation_list(request: HttpRequest) -> Any:
    """My delegations."""
    return list(selectors.delegations_of(actor=_actor(request)))


@router.post("/review-delegations", response=DELEGATION)
@permission("reviews.delegation_create")
def delegation_create(request: HttpRequest, payload: DelegationIn) -> Any:
    """Delegate my review tasks to a colleague for a period (委托)."""
    actor = _actor(request)
    delegate = _user(payload.delegate_id)
    if delegate is None:
        return Status(
            422,
            ErrorOut(
                detail="unknown user",
                errors=[{"field": "delegate_id", "message": "No active user has this id."}],
            ),
        )
    try:
        delegation = tasks.delegation_create(
            actor=actor,
            delegate=delegate,
            starts_on=payload.starts_on,
            ends_on=payload.ends_on,
            reason=payload.reason,
        )
    except REFUSALS as exc:
        return _refused(exc)
    return Status(201, DelegationOut.from_orm(delegation))


@router.post("/review-delegations/{delegation_id}/end", response=DELEGATION)
@permission("reviews.delegation_end")
def delegation_end(request: HttpRequest, delegation_id: DatabaseId) -> Any:
    """End my delegation early."""
    actor = _actor(request)
    delegation = selectors.delegation_get(actor=actor, pk=delegation_id)
    if delegation is None:
        return Status(404, NOT_FOUND)
    delegation = tasks.delegation_end(actor=actor, delegation=delegation)
    return Status(200, DelegationOut.from_orm(delegation))


@router.get("/review-history/{project_id}", response={200: list[dict[str, Any]], 404: ErrorOut})
@permission("projects.view_project")
def project_history(request: HttpRequest, project_id: DatabaseId) -> Any:
    """The review events of a project (approvals, returns, hand-overs, delegations...)."""
    from govit.projects.selectors import visible_projects

    actor = _actor(request)
    project = visible_projects(actor).filter(pk=project_id).first()
    if project is None:
        return Status(404, NOT_FOUND)
    events = selectors.project_review_history(actor=actor, project=project)[:500]
    return Status(
        200,
        [
            {"at": e.at.isoformat(), "actor": e.actor_repr, "action": e.action, "after": e.after}
            for e in events
        ],
    )
