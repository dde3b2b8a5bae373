"""REST API of the review stages and the approval chain (ADR 0014), on the reviews router."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Schema
from ninja.responses import Status

from govit.core.api_types import DatabaseId
from govit.core.permissions import permission
from govit.orgs.models import User
from govit.projects.errors import ProjectError
from govit.projects.selectors import visible_projects
from govit.reviews import outside, selectors, workflow
from govit.reviews.api import NOT_FOUND, ErrorOut, router
from govit.reviews.errors import NotAllowed
from govit.reviews.models import Review, ReviewTask


class ChecklistItemOut(Schema):
    id: str
    label: str
    article: str
    verdict: str
    comment: str


class SupplementOut(Schema):
    reason: str
    returned_on: dt.date
    due_on: dt.date
    due_provisional: bool
    resubmitted_on: dt.date | None
    paused_days: int


class TaskOut(Schema):
    id: int
    review_id: int
    project_id: int
    step: str
    status: str
    assignee_id: int
    note: str
    opinion: str
    due_on: dt.date | None
    due_article: str
    overdue: bool
    document_id: int | None
    acted_by_id: int | None


class StageOut(Schema):
    id: int
    project_id: int
    kind: str
    status: str
    due_on: dt.date | None
    due_provisional: bool
    due_article: str
    overdue: bool
    clock_stopped_since: dt.date | None
    paused_days: int
    checklist: list[ChecklistItemOut]
    supplements: list[SupplementOut]
    tasks: list[TaskOut]
    agency_id: int | None
    subject: str
    opinion: str
    held_on: dt.date | None
    signoff_outcome: str


class PreliminaryIn(Schema):
    project_id: DatabaseId
    assignee_id: DatabaseId | None = None
    working_days: int = workflow.DEFAULT_REVIEW_DAYS


class AgencyIn(Schema):
    project_id: DatabaseId
    subject: str
    assignee_id: DatabaseId
    due_on: dt.date | None = None


class DecisionIn(Schema):
    project_id: DatabaseId
    held_on: dt.date
    participants: str
    opinion: str


class VerdictIn(Schema):
    verdict: str
    comment: str = ""


class ChecklistIn(Schema):
    items: dict[str, VerdictIn]


class SupplementIn(Schema):
    reason: str
    working_days: int


class OpinionIn(Schema):
    opinion: str = ""


class ReturnIn(Schema):
    to_step: str
    reason: str


class UserIn(Schema):
    user_id: DatabaseId
    note: str = ""


class NoteIn(Schema):
    note: str = ""


class DelegationIn(Schema):
    delegate_id: DatabaseId
    starts_on: dt.date
    ends_on: dt.date
    reason: str


class DelegationOut(Schema):
    id: int
    delegate_id: int
    starts_on: dt.date
    ends_on: dt.date
    reason: str
    ended_early_on: dt.date | None


REFUSED = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
STAGE = {200: StageOut, 201: StageOut, **REFUSED}
TASK = {200: TaskOut, **REFUSED}
DELEGATION = {200: DelegationOut, 201: DelegationOut, **REFUSED}


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def task_out(task: ReviewTask) -> dict[str, Any]:
    from django.utils import timezone

    return {
        "id": task.pk,
        "review_id": task.review_id,
        "project_id": task.review.project_id,
        "step": task.step,
        "status": task.status,
        "assignee_id": task.assignee_id,
        "note": task.note,
        "opinion": task.opinion,
        "due_on": task.due_on,
        "due_article": task.due_article,
        "overdue": task.is_overdue(timezone.localdate()) and not task.review.clock_paused_on,
        "document_id": task.document_id,
        "acted_by_id": task.acted_by_id,
    }


def stage_out(review: Review) -> dict[str, Any]:
    return {
        "id": review.pk,
        "project_id": review.project_id,
        "kind": review.kind,
        "status": review.status,
        "due_on": review.due_on,
        "due_provisional": review.due_provisional,
        "due_article": review.due_article,
        "overdue": review.is_overdue(),
        "clock_stopped_since": review.clock_paused_on,
        "paused_days": review.paused_days,
        "checklist": review.checklist,
        "supplements": list(review.supplements.all()),
        "tasks": [task_out(t) for t in selectors.review_tasks(review=review)],
        "agency_id": review.agency_id,
        "subject": review.subject,
        "opinion": review.opinion,
        "held_on": review.held_on,
        "signoff_outcome": outside.signoff_outcome(review),
    }


def _refused(exc: Exception) -> Any:
    if isinstance(exc, NotAllowed):
        return Status(403, ErrorOut(detail=str(exc)))
    if isinstance(exc, ProjectError):
        errors = [{"field": p.field, "message": p.message} for p in exc.problems]
        return Status(422, ErrorOut(detail=exc.detail, errors=errors))
    if isinstance(exc, ValidationError):
        return Status(422, ErrorOut(detail="; ".join(exc.messages)))
    return Status(422, ErrorOut(detail=str(exc)))


REFUSALS = (NotAllowed, ValueError, ProjectError, ValidationError)


def _user(pk: int | None) -> User | None:
    return User.objects.filter(pk=pk, is_active=True).first() if pk is not None else None


@router.post("/review-stages/preliminary", response=STAGE)
@permission("reviews.preliminary_open")
def preliminary_open(request: HttpRequest, payload: PreliminaryIn) -> Any:
    """Open the preliminary review (初审) of a project with its rulebook's checklist."""
    actor = _actor(request)
    project = visible_projects(actor).filter(pk=payload.project_id).first()
    if project is None:
        return Status(404, NOT_FOUND)
    assignee = _user(payload.assignee_id) if payload.assignee_id else actor
    if assignee is None:
        return Status(
            422,
            ErrorOut(
                detail="unknown user",
                errors=[{"field": "assignee_id", "message": "No active user has this id."}],
            ),
        )
    try:
        review = workflow.preliminary_open(
            actor=actor, project=project, assignee=assignee, working_days=payload.working_days
        )
    except REFUSALS as exc:
        return _refused(exc)
    return Status(201, StageOut(**stage_out(review)))


@router.post("/review-stages/agency", response=STAGE)
@permission("reviews.agency_commission")
def agency_commission(request: HttpRequest, payload: AgencyIn) -> Any:
    """Commission a third-party agency review; the agency user gets the report task."""
    actor = _actor(request)
    project = visible_projects(actor).filter(pk=payload.project_id).first()
    assignee = _user(payload.assignee_id)
    if project is None:
        return Status(404, NOT_FOUND)
    if assignee is None:
        return Status(
            422,
            ErrorOut(
                detail="unknown user",
                errors=[{"field": "assignee_id", "message": "No active user has this id."}],
            ),
        )
    try:
        review = outside.agency_commission(
            actor=actor,
            project=project,
            subject=payload.subject,
            assignee=assignee,
            due_on=payload.due_on,
        )
    except REFUSALS as exc:
        return _refused(exc)
    return Status(201, StageOut(**stage_out(review)))


@router.post("/review-stages/decision", response=STAGE)
@permission("reviews.decision_record")
def decision_record(request: HttpRequest, payload: DecisionIn) -> Any:
    """Record a decision consultation (决策咨询) and its opinion."""
    actor = _actor(request)
    project = visible_projects(actor).filter(pk=payload.project_id).first()
    if project is None:
        return Status(404, NOT_FOUND)
    try:
        review = outside.decision_record(
            actor=actor,
            project=project,
            held_on=payload.held_on,
            participants=payload.participants,
            opinion=payload.opinion,
        )
    except REFUSALS as exc:
        return _refused(exc)
    return Status(201, StageOut(**stage_out(review)))


@router.get("/reviews/{review_id}/stage", response={200: StageOut, 404: ErrorOut})
@permission("reviews.review_view")
def stage_detail(request: HttpRequest, review_id: DatabaseId) -> Any:
    """A review's checklist, clock, supplements, tasks and outcome."""
    review = selectors.review_get(actor=_actor(request), pk=review_id)
    return Status(200, stage_out(review)) if review is not None else Status(404, NOT_FOUND)


@router.post("/reviews/{review_id}/resubmit", response=STAGE)
@permission("reviews.supplement_resubmit")
def supplement_resubmit(request: HttpRequest, review_id: DatabaseId, payload: NoteIn) -> Any:
    """The unit resubmits after correction; the review clock runs again."""
    actor = _actor(request)
    review = selectors.review_get(actor=actor, pk=review_id)
    if review is None:
        return Status(404, NOT_FOUND)
    try:
        workflow.supplement_resubmit(actor=actor, review=review, note=payload.note)
    except REFUSALS as exc:
        return _refused(exc)
    return Status(200, StageOut(**stage_out(Review.objects.get(pk=review.pk))))


@router.post("/reviews/{review_id}/refuse", response=STAGE)
@permission("reviews.signoff_refuse")
def signoff_refuse(request: HttpRequest, review_id: DatabaseId, payload: OpinionIn) -> Any:
    """A joint-review department refuses to sign, with its opinion."""
    actor = _actor(request)
    review = selectors.review_get(actor=actor, pk=review_id)
    if review is None:
        return Status(404, NOT_FOUND)
    try:
        outside.signoff_refuse(actor=actor, review=review, opinion=payload.opinion)
    except REFUSALS as exc:
        return _refused(exc)
    return Status(200, StageOut(**stage_out(review)))


class SignerIn(Schema):
    role: str
    reason: str


@router.post("/reviews/{review_id}/signers", response=STAGE)
@permission("reviews.signoff_add")
def signoff_add(request: HttpRequest, review_id: DatabaseId, payload: SignerIn) -> Any:
    """Add a department to a joint review's sign-off list (加签)."""
    actor = _actor(request)
    review = selectors.review_get(actor=actor, pk=review_id)
    if review is None:
        return Status(404, NOT_FOUND)
    try:
        outside.signoff_add(actor=actor, review=review, role=payload.role, reason=payload.reason)
    except REFUSALS as exc:
        return _refused(exc)
    return Status(200, StageOut(**stage_out(review)))
