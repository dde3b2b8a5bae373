"""The review stages without an expert panel (ADR 0014): the preliminary review with its
checklist and returns for supplement (初审, 退回补正), the third-party agency's review
(第三方评审), the decision consultation (决策咨询), and a joint-review signer's refusal.

The project's own state follows through ``project_transition``: opening the preliminary review
takes the rulebook's step into ``preliminary_review``, a return takes the step to ``returned``,
and the unit's resubmission the step back to ``submitted``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.selectors import work_calendar
from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.policy import loader
from govit.projects.models import Project
from govit.projects.services.lifecycle import project_transition
from govit.reviews import policies, stages
from govit.reviews.choices import ReviewKind, ReviewStatus, TaskStatus, TaskStep, Verdict
from govit.reviews.errors import NotAllowed
from govit.reviews.models import Review, ReviewTask, Supplement

DEFAULT_REVIEW_DAYS = 10


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotAllowed(message)


def take_step_to(actor: User, project: Project, target: str, note: str = "") -> str | None:
    """Take the rulebook's step from the project's state to ``target``, if there is one."""
    project.refresh_from_db(fields=["state"])
    for step in loader.get(project.rulebook).transitions_from(project.state):
        if step.to == target:
            # The review action is the decision; the rules' warnings are kept with the
            # step (StateChange.acknowledged) rather than asked again. Blocking rules refuse.
            project_transition(
                actor=actor,
                project=project,
                name=step.name,
                note=note,
                acknowledge_warnings=True,
            )
            return step.name
    return None


def ensure_in_review(actor: User, project: Project) -> None:
    """A resubmitted project comes back into the preliminary review when its reviewer acts."""
    project.refresh_from_db(fields=["state"])
    if project.state == "submitted":
        take_step_to(actor, project, "preliminary_review")


def _open_task(task: ReviewTask, step: str) -> ReviewTask:
    task = ReviewTask.objects.select_for_update().select_related("review").get(pk=task.pk)
    if task.status != TaskStatus.OPEN:
        raise NotAllowed(_("This task is no longer waiting."))
    if task.step != step:
        raise NotAllowed(_("This action does not belong to this step."))
    return task


@transaction.atomic
def preliminary_open(
    *,
    actor: User,
    project: Project,
    assignee: User | None = None,
    working_days: int = DEFAULT_REVIEW_DAYS,
) -> Review:
    """Open the preliminary review (初审) with the rulebook's checklist and a review clock."""
    require(
        policies.preliminary_open(actor),
        _("Only the competent department or the big data centre opens the preliminary review."),
    )
    assignee = assignee or actor
    if not assignee.is_active or not assignee.has_role(Role.COMPETENT, Role.DATACENTER):
        raise ValueError(_("The reviewer must belong to the competent department or data centre."))
    if working_days < 1:
        raise ValueError(_("Give the review at least one working day."))
    if Review.objects.filter(
        project=project, kind=ReviewKind.PRELIMINARY, panel=False, status=ReviewStatus.OPEN
    ).exists():
        raise NotAllowed(_("A preliminary review of this project is already open."))
    rules = stages.for_rulebook(project.rulebook)
    today = timezone.localdate()
    due = work_calendar().add_working_days(today, working_days)
    review = Review.objects.create(
        project=project,
        kind=ReviewKind.PRELIMINARY,
        panel=False,
        rulebook=project.rulebook,
        checklist=rules.checklist_data(),
        opened_on=today,
        review_on=today,
        due_on=due.date,
        due_provisional=due.provisional,
        due_article=rules.preliminary_article,
        specialty_mix={},
        created_by=actor,
    )
    ReviewTask.objects.create(
        review=review,
        step=TaskStep.PRELIMINARY,
        assignee=assignee,
        due_on=due.date,
        due_provisional=due.provisional,
        due_article=rules.preliminary_article,
        created_by=actor,
    )
    step = (
        take_step_to(actor, project, "preliminary_review") if project.state == "submitted" else None
    )
    audit.record(
        actor=actor,
        action="reviews.preliminary_open",
        obj=review,
        after={"project": project.pk, "assignee": assignee.pk, "due_on": due.date, "step": step},
    )
    return review


@transaction.atomic
def checklist_record(
    *, actor: User, task: ReviewTask, items: Mapping[str, tuple[str, str]]
) -> Review:
    """Record pass or fail and a comment for checklist items; a fail needs its comment."""
    require(policies.checklist_record(actor, task), _("Only the reviewer of this task acts on it."))
    task = _open_task(task, TaskStep.PRELIMINARY)
    review = Review.objects.select_for_update().get(pk=task.review_id)
    if review.clock_paused_on is not None:
        raise NotAllowed(_("The project is with its unit for supplement; wait for it."))
    known = {item["id"] for item in review.checklist}
    unknown = sorted(set(items) - known)
    if unknown:
        raise ValueError(_("Unknown checklist item: %(names)s") % {"names": ", ".join(unknown)})
    before = [dict(item) for item in review.checklist]
    for item in review.checklist:
        if item["id"] not in items:
            continue
        verdict, comment = items[item["id"]]
        if verdict not in Verdict.values:
            raise ValueError(_("A checklist item passes, fails or is not checked yet."))
        if verdict == Verdict.FAIL and not comment.strip():
            raise ValueError(_("Say why %(item)s fails.") % {"item": item["label"]})
        item["verdict"], item["comment"] = verdict, comment.strip()[:500]
    review.save(update_fields=["checklist"])
    ensure_in_review(actor, review.project)
    audit.record(
        actor=actor,
        action="reviews.checklist_record",
        obj=review,
        before={"checklist": before},
        after={"project": review.project_id, "checklist": review.checklist},
    )
    return review


@transaction.atomic
def supplement_request(
    *, actor: User, task: ReviewTask, reason: str, working_days: int
) -> Supplement:
    """Return the application for supplement (退回补正) by a deadline; the review clock stops."""
    require(
        policies.supplement_request(actor, task), _("Only the reviewer of this task acts on it.")
    )
    task = _open_task(task, TaskStep.PRELIMINARY)
    review = Review.objects.select_for_update().select_related("project").get(pk=task.review_id)
    if review.clock_paused_on is not None:
        raise NotAllowed(_("The project is already with its unit for supplement."))
    if not reason.strip():
        raise ValueError(_("Say what to supplement or correct."))
    if working_days < 1:
        raise ValueError(_("Give the unit at least one working day."))
    ensure_in_review(actor, review.project)
    step = take_step_to(actor, review.project, "returned", note=reason.strip())
    if step is None:
        raise NotAllowed(_("The project cannot be returned from its present state."))
    today = timezone.localdate()
    due = work_calendar().add_working_days(today, working_days)
    supplement = Supplement.objects.create(
        review=review,
        reason=reason.strip(),
        returned_on=today,
        working_days=working_days,
        due_on=due.date,
        due_provisional=due.provisional,
        returned_by=actor,
    )
    review.clock_paused_on = today
    review.save(update_fields=["clock_paused_on"])
    # The period the rules read (Kaihua 第七条 "在规定期限内补全或者修正").
    Project.objects.filter(pk=review.project_id).update(correction_due_on=due.date)
    audit.record(
        actor=actor,
        action="reviews.supplement_request",
        obj=review,
        after={
            "project": review.project_id,
            "reason": supplement.reason,
            "due_on": due.date,
            "working_days": working_days,
            "step": step,
        },
    )
    return supplement


def clock_restart(*, actor: User | None, review: Review, today: dt.date) -> Supplement | None:
    """Restart a stopped clock: the due date moves by the working days it stood still."""
    supplement = review.supplements.filter(resubmitted_on__isnull=True).last()
    if review.clock_paused_on is None or supplement is None:
        return None
    calendar = work_calendar()
    paused = calendar.working_days_between(review.clock_paused_on, today)
    before = review.due_on
    if paused and review.due_on is not None:
        moved = calendar.add_working_days(review.due_on, paused)
        review.due_on, review.due_provisional = (
            moved.date,
            review.due_provisional or moved.provisional,
        )
        review.tasks.filter(status=TaskStatus.OPEN, step=TaskStep.PRELIMINARY).update(
            due_on=moved.date
        )
    review.paused_days += paused
    review.clock_paused_on = None
    review.save(update_fields=["due_on", "due_provisional", "paused_days", "clock_paused_on"])
    supplement.resubmitted_on, supplement.paused_days = today, paused
    supplement.save(update_fields=["resubmitted_on", "paused_days"])
    audit.record(
        actor=actor,
        action="reviews.clock_restart",
        obj=review,
        before={"due_on": before},
        after={"project": review.project_id, "due_on": review.due_on, "paused_days": paused},
    )
    return supplement


@transaction.atomic
def supplement_resubmit(*, actor: User, review: Review, note: str = "") -> Supplement:
    """The unit resubmits the corrected application; the review clock runs again."""
    require(
        policies.supplement_resubmit(actor, review),
        _("Only the applying unit resubmits its application."),
    )
    review = Review.objects.select_for_update().select_related("project").get(pk=review.pk)
    if review.clock_paused_on is None:
        raise NotAllowed(_("Nothing was returned for supplement."))
    take_step_to(actor, review.project, "submitted", note=note.strip())
    supplement = clock_restart(actor=actor, review=review, today=timezone.localdate())
    assert supplement is not None  # the clock was stopped, so a supplement is open
    return supplement


def on_project_transitioned(
    sender: object, project_id: int, change_id: int, **kwargs: object
) -> None:
    """A unit that resubmits on the project's page restarts the review clock too."""
    from govit.projects.models import StateChange

    change = StateChange.objects.filter(pk=change_id, from_state="returned").first()
    if change is None or change.to_state != "submitted":
        return
    with transaction.atomic():
        for review in Review.objects.select_for_update().filter(
            project_id=project_id, clock_paused_on__isnull=False
        ):
            clock_restart(actor=change.actor, review=review, today=timezone.localdate(change.at))
