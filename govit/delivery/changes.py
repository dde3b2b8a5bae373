"""Change requests (变更): the rulebook decides the route when the unit asks; approving one
records it in the project's change facts, which the snapshot reads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from govit.core import audit
from govit.delivery import policies
from govit.delivery.errors import NotPermitted, Problem, ProjectError
from govit.delivery.models import ApprovalRecord, ChangeRequest, ProjectVersion
from govit.delivery.services import evaluate
from govit.orgs.models import User
from govit.policy.engine import snapshot as s
from govit.projects.models import Change, Project


class ChangeRefused(ProjectError):
    """The rulebook does not allow this change."""

    status = 409
    code = "change_refused"


class ChangeUnavailable(ProjectError):
    """The change was decided already."""

    status = 409
    code = "unavailable"


def approved_estimate(project: Project) -> Decimal | None:
    """The estimate changes are measured against: the approval record's, else the project's."""
    record = ApprovalRecord.objects.filter(project=project).first()
    if record is not None and record.approved_estimate is not None:
        return Decimal(record.approved_estimate)
    estimate = project.approved_estimate
    return None if estimate is None else Decimal(estimate)


def cumulative(project: Project) -> dict[str, Any]:
    """The money of the approved changes so far against the approved estimate."""
    total = sum(
        (
            c.amount
            for c in ChangeRequest.objects.filter(
                project=project, status=ChangeRequest.Status.APPROVED
            )
        ),
        Decimal(0),
    )
    estimate = approved_estimate(project)
    share = (total / estimate * 100) if estimate else None
    return {"total": total, "estimate": estimate, "share": share}


@transaction.atomic
def change_request(
    *,
    actor: User,
    project: Project,
    reason: str,
    description: str,
    amount: Decimal,
    requested_on: dt.date,
    content_before: str = "",
    content_after: str = "",
    goal_changed: bool = False,
    exceeds_estimate: bool = False,
    investment_after: Decimal | None = None,
    estimate_after: Decimal | None = None,
) -> ChangeRequest:
    """Ask for a change; the rulebook's change_route decides filing, joint review or
    re-approval (a rulebook that forbids the change refuses it, citing the article)."""
    if not policies.change_request(actor, project):
        raise NotPermitted(_("You cannot ask for changes of this project."))
    for name, value in (("investment_after", investment_after), ("estimate_after", estimate_after)):
        if value is not None and value < 0:
            raise ValidationError({name: _("Amounts cannot be negative.")})
    facts = s.Change(
        amount=amount,
        reason=reason,
        on=requested_on,
        goal_changed=goal_changed,
        exceeds_estimate=exceeds_estimate,
        approved=False,
    )
    before = evaluate(project)
    stored = list(before_changes(project))
    after = evaluate(project, update={"changes": [*stored, facts]})
    known = {f.rule for f in before.findings if f.severity == "block"}
    blocking = [f for f in after.findings if f.severity == "block" and f.rule not in known]
    if blocking:
        raise ChangeRefused(
            _("The rules do not allow this change."), [Problem.of(f) for f in blocking]
        )
    decision = after.decisions.get("change_route")
    request = ChangeRequest(
        project=project,
        reason=reason,
        description=description,
        content_before=content_before,
        content_after=content_after,
        amount=amount,
        goal_changed=goal_changed,
        exceeds_estimate=exceeds_estimate,
        requested_on=requested_on,
        route=str(decision.value) if decision else "",
        route_article=decision.article if decision else "",
        investment_after=investment_after,
        estimate_after=estimate_after,
    )
    request.full_clean()
    request.save()
    audit.record(
        actor=actor,
        action="delivery.change_request",
        obj=project,
        after={
            "description": description,
            "amount": amount,
            "reason": reason,
            "route": request.route,
            "route_article": request.route_article,
        },
    )
    return request


def before_changes(project: Project) -> list[s.Change]:
    """The project's recorded changes as the snapshot reads them."""
    return [
        s.Change(
            amount=c.amount,
            reason=c.reason or None,
            on=c.on,
            goal_changed=c.goal_changed,
            exceeds_estimate=c.exceeds_estimate,
            approved=c.approved,
            significant=c.significant,
        )
        for c in Change.objects.filter(project=project).order_by("on", "id")
    ]


@transaction.atomic
def change_approve(*, actor: User, change: ChangeRequest, approved_on: dt.date) -> ChangeRequest:
    """Approve a change: the competent department's decision, recorded in the project's facts."""
    locked = ChangeRequest.objects.select_for_update().select_related("project").get(pk=change.pk)
    if not policies.change_approve(actor, locked.project):
        raise NotPermitted(_("Only the competent department approves changes."))
    if locked.status != ChangeRequest.Status.REQUESTED:
        raise ChangeUnavailable(_("This change was decided already."))
    locked.recorded_change = Change.objects.create(
        project=locked.project,
        description=locked.description[:300],
        amount=locked.amount,
        reason=locked.reason,
        on=approved_on,
        goal_changed=locked.goal_changed,
        exceeds_estimate=locked.exceeds_estimate,
        approved=True,
    )
    locked.status = ChangeRequest.Status.APPROVED
    locked.approved_on = approved_on
    locked.save(update_fields=["recorded_change", "status", "approved_on"])
    version = _apply(actor, locked)
    audit.record(
        actor=actor,
        action="delivery.change_approve",
        obj=locked.project,
        before={"status": ChangeRequest.Status.REQUESTED},
        after={
            "status": locked.status,
            "approved_on": approved_on,
            "change": locked.pk,
            "version": version.number,
            "facts": version.after,
        },
    )
    return locked


# The project's facts an approved change may update, and that a version compares.
VERSIONED_FACTS = ("investment", "approved_estimate", "description")


def _facts(project: Project) -> dict[str, Any]:
    return {
        "investment": None if project.investment is None else str(project.investment),
        "approved_estimate": (
            None if project.approved_estimate is None else str(project.approved_estimate)
        ),
        "description": project.description,
    }


def _apply(actor: User, change: ChangeRequest) -> ProjectVersion:
    """Update the project's facts with the approved change and keep a version to compare."""
    project = Project.objects.select_for_update(of=("self",)).get(pk=change.project_id)
    before = _facts(project)
    updated: list[str] = []
    if change.investment_after is not None:
        project.investment = change.investment_after
        updated.append("investment")
    if change.estimate_after is not None:
        project.approved_estimate = change.estimate_after
        updated.append("approved_estimate")
    if change.content_after.strip():
        project.description = change.content_after
        updated.append("description")
    if updated:
        project.save(update_fields=[*updated, "updated_at"])
    number = (
        ProjectVersion.objects.filter(project=project).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    return ProjectVersion.objects.create(
        project=project,
        number=number,
        change=change,
        before=before,
        after=_facts(project),
        created_by=actor,
    )


@transaction.atomic
def change_reject(
    *, actor: User, change: ChangeRequest, rejected_on: dt.date, reason: str
) -> ChangeRequest:
    """Reject a change, with its reason (the competent department); the project is unchanged."""
    locked = ChangeRequest.objects.select_for_update().select_related("project").get(pk=change.pk)
    if not policies.change_reject(actor, locked.project):
        raise NotPermitted(_("Only the competent department rejects changes."))
    if locked.status != ChangeRequest.Status.REQUESTED:
        raise ChangeUnavailable(_("This change was decided already."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason of the rejection.")})
    locked.status = ChangeRequest.Status.REJECTED
    locked.rejected_on = rejected_on
    locked.rejection_reason = reason
    locked.save(update_fields=["status", "rejected_on", "rejection_reason"])
    audit.record(
        actor=actor,
        action="delivery.change_reject",
        obj=locked.project,
        before={"status": ChangeRequest.Status.REQUESTED},
        after={"status": locked.status, "rejected_on": rejected_on, "reason": reason},
    )
    return locked
