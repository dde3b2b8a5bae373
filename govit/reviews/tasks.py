"""The approval actions on a review task (审批): approve, return to a named earlier step,
hand over to a colleague (转办), add a signer (加签), withdraw (撤回), and delegation while
away (委托). Only the task's assignee, or their delegate during the delegation, acts on it;
the one who created a task may withdraw it while it waits. Every action is audited with the
project's id, which the project's review history reads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.orgs.models import User
from govit.reviews import policies
from govit.reviews.choices import STEP_ORDER, ReviewStatus, TaskStatus, TaskStep, Verdict
from govit.reviews.errors import NotAllowed
from govit.reviews.models import Delegation, Review, ReviewTask
from govit.reviews.workflow import ensure_in_review, require


def _lock(task: ReviewTask) -> ReviewTask:
    task = ReviewTask.objects.select_for_update().select_related("review").get(pk=task.pk)
    if task.status != TaskStatus.OPEN:
        raise NotAllowed(_("This task is no longer waiting."))
    return task


def _finish(task: ReviewTask, actor: User, status: str, opinion: str = "") -> None:
    task.status, task.acted_by, task.acted_at = status, actor, timezone.now()
    task.opinion = opinion.strip() or task.opinion
    task.save(update_fields=["status", "acted_by", "acted_at", "opinion"])


def _state(task: ReviewTask, actor: User, **extra: Any) -> dict[str, Any]:
    """What the audit keeps: the project, the step, who acted and for whom."""
    state: dict[str, Any] = {
        "project": task.review.project_id,
        "review": task.review_id,
        "step": task.step,
        "assignee": task.assignee_id,
        "status": task.status,
    }
    if actor.pk != task.assignee_id:
        state["on_behalf_of"] = task.assignee_id
    return state | extra


def _follow_up(task: ReviewTask, actor: User, step: str, assignee: User, note: str) -> ReviewTask:
    return ReviewTask.objects.create(
        review=task.review,
        step=step,
        assignee=assignee,
        signoff=task.signoff if step == task.step else None,
        note=note.strip()[:300],
        due_on=task.due_on,
        due_provisional=task.due_provisional,
        due_article=task.due_article,
        origin=task,
        created_by=actor,
    )


def _colleagues(a: User, b: User) -> bool:
    return bool(set(a.organisation_ids) & set(b.organisation_ids))


@transaction.atomic
def task_approve(*, actor: User, task: ReviewTask, opinion: str = "") -> ReviewTask:
    """Approve the step. A preliminary review passes only with every item checked and none
    failed, and closes; an added signer must have signed first."""
    require(policies.task_approve(actor, task), _("Only the assignee or their delegate acts."))
    task = _lock(task)
    if task.followers.filter(step=TaskStep.COUNTERSIGN, status=TaskStatus.OPEN).exists():
        raise NotAllowed(_("Wait for the added signer first."))
    if task.step == TaskStep.AGENCY:
        raise NotAllowed(_("The agency completes its task by uploading the report."))
    review = Review.objects.select_for_update().get(pk=task.review_id)
    if task.step == TaskStep.PRELIMINARY:
        if review.clock_paused_on is not None:
            raise NotAllowed(_("The project is with its unit for supplement; wait for it."))
        verdicts = [item["verdict"] for item in review.checklist]
        if Verdict.PENDING in verdicts:
            raise NotAllowed(_("Check every item of the checklist first."))
        if Verdict.FAIL in verdicts:
            raise NotAllowed(_("An item failed: return the application for supplement."))
        if not opinion.strip():
            raise ValueError(_("Write the opinion of the preliminary review."))
        ensure_in_review(actor, review.project)
        review.opinion, review.status = opinion.strip(), ReviewStatus.CLOSED
        review.opinion_on = timezone.localdate()
        review.save(update_fields=["opinion", "status", "opinion_on"])
    _finish(task, actor, TaskStatus.APPROVED, opinion)
    audit.record(actor=actor, action="reviews.task_approve", obj=task, after=_state(task, actor))
    return task


@transaction.atomic
def task_return(*, actor: User, task: ReviewTask, to_step: str, reason: str) -> ReviewTask:
    """Return the review to a named earlier step: its last holder gets a new task."""
    require(policies.task_return(actor, task), _("Only the assignee or their delegate acts."))
    task = _lock(task)
    if not reason.strip():
        raise ValueError(_("Say why you return it."))
    if to_step not in STEP_ORDER or STEP_ORDER.index(to_step) >= STEP_ORDER.index(task.step):
        raise ValueError(_("Return only to an earlier step."))
    earlier = (
        task.review.tasks.filter(step=to_step)
        .exclude(status__in=[TaskStatus.HANDED_OVER, TaskStatus.WITHDRAWN])
        .order_by("-pk")
        .first()
    )
    if earlier is None:
        raise ValueError(_("This review did not go through that step."))
    _finish(task, actor, TaskStatus.RETURNED, reason)
    again = _follow_up(earlier, actor, to_step, earlier.assignee, reason)
    again.origin = task
    again.save(update_fields=["origin"])
    if to_step == TaskStep.PRELIMINARY and task.review.status == ReviewStatus.CLOSED:
        Review.objects.filter(pk=task.review_id).update(status=ReviewStatus.OPEN, opinion_on=None)
    audit.record(
        actor=actor,
        action="reviews.task_return",
        obj=task,
        after=_state(task, actor, to_step=to_step, new_task=again.pk, reason=reason.strip()),
    )
    return again


@transaction.atomic
def task_hand_over(*, actor: User, task: ReviewTask, to: User, note: str = "") -> ReviewTask:
    """Hand the task over to a colleague of the same organisation (转办)."""
    require(policies.task_hand_over(actor, task), _("Only the assignee or their delegate acts."))
    task = _lock(task)
    if to.pk == task.assignee_id or not to.is_active:
        raise ValueError(_("Choose another active colleague."))
    if not _colleagues(task.assignee, to) or not (set(task.assignee.roles) & set(to.roles)):
        raise ValueError(_("Hand over only to a colleague holding the same role."))
    _finish(task, actor, TaskStatus.HANDED_OVER, note)
    new = _follow_up(task, actor, task.step, to, note)
    audit.record(
        actor=actor,
        action="reviews.task_hand_over",
        obj=task,
        after=_state(task, actor, to=to.pk, new_task=new.pk),
    )
    return new


@transaction.atomic
def task_add_signer(*, actor: User, task: ReviewTask, signer: User, note: str) -> ReviewTask:
    """Add a signer (加签): they sign before this task can be approved."""
    require(policies.task_add_signer(actor, task), _("Only the assignee or their delegate acts."))
    task = _lock(task)
    if not signer.is_active or signer.pk in (actor.pk, task.assignee_id):
        raise ValueError(_("Choose another active user as the added signer."))
    if not note.strip():
        raise ValueError(_("Say what the added signer should look at."))
    added = _follow_up(task, actor, TaskStep.COUNTERSIGN, signer, note)
    audit.record(
        actor=actor,
        action="reviews.task_add_signer",
        obj=task,
        after=_state(task, actor, signer=signer.pk, new_task=added.pk),
    )
    return added


@transaction.atomic
def task_withdraw(*, actor: User, task: ReviewTask, reason: str = "") -> ReviewTask:
    """The one who sent a waiting task takes it back (撤回); a handed-over or returned task
    it came from waits again."""
    require(policies.task_withdraw(actor, task), _("Only the one who sent the task withdraws it."))
    task = _lock(task)
    _finish(task, actor, TaskStatus.WITHDRAWN, reason)
    origin = task.origin
    if origin is not None and origin.status in (TaskStatus.HANDED_OVER, TaskStatus.RETURNED):
        origin.status, origin.acted_by, origin.acted_at = TaskStatus.OPEN, None, None
        origin.save(update_fields=["status", "acted_by", "acted_at"])
    audit.record(
        actor=actor,
        action="reviews.task_withdraw",
        obj=task,
        after=_state(task, actor, reopened=origin.pk if origin else None),
    )
    return task


@transaction.atomic
def delegation_create(
    *, actor: User, delegate: User, starts_on: dt.date, ends_on: dt.date, reason: str
) -> Delegation:
    """While away, let a colleague act on one's review tasks from ``starts_on`` to ``ends_on``."""
    require(policies.delegation_create(actor), _("Sign in to delegate."))
    if delegate.pk == actor.pk or not delegate.is_active or not _colleagues(actor, delegate):
        raise ValueError(_("Delegate to another active colleague of your organisation."))
    if ends_on < starts_on:
        raise ValueError(_("The delegation ends after it starts."))
    if ends_on < timezone.localdate():
        raise ValueError(_("The delegation cannot end in the past."))
    if not reason.strip():
        raise ValueError(_("Say why you delegate."))
    delegation = Delegation.objects.create(
        principal=actor,
        delegate=delegate,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip()[:200],
    )
    audit.record(
        actor=actor,
        action="reviews.delegation_create",
        obj=delegation,
        after={"delegate": delegate.pk, "starts_on": starts_on, "ends_on": ends_on},
    )
    return delegation


@transaction.atomic
def delegation_end(*, actor: User, delegation: Delegation) -> Delegation:
    """The principal ends a delegation early; it stops counting from today."""
    require(policies.delegation_end(actor), _("Sign in to delegate."))
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.principal_id != actor.pk:
        raise NotAllowed(_("Only the one who delegated ends the delegation."))
    delegation.ended_early_on = timezone.localdate() - dt.timedelta(days=1)
    delegation.save(update_fields=["ended_early_on"])
    audit.record(
        actor=actor,
        action="reviews.delegation_end",
        obj=delegation,
        after={"ended_early_on": delegation.ended_early_on},
    )
    return delegation
