"""Writes of the acceptance process before the meeting: the evidence of the prerequisites and
the lifecycle steps the unit takes (初验, 试运行, 验收申请). Each checks its predicate, runs in one
transaction and writes an audit event; the project's state moves only through
``project_transition``, so the engine blocks a step whose evidence is missing, citing the
article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.acceptance import checklist, policies
from govit.acceptance.choices import MeetingKind, MeetingResult
from govit.acceptance.errors import AcceptanceRefused, NotPermitted, Problem
from govit.acceptance.models import Evidence, Meeting
from govit.acceptance.participants import ParticipantLine, add_participants
from govit.core import audit
from govit.documents.models import Document
from govit.orgs.models import User
from govit.policy import loader
from govit.policy.vocabulary import label
from govit.projects.models import Project, StateChange
from govit.projects.policies import holds_step_role
from govit.projects.services.lifecycle import project_transition


def locked_project(project: Project) -> Project:
    """The project row, locked for the rest of the transaction."""
    return Project.objects.select_for_update(of=("self",)).select_related("unit").get(pk=project.pk)


def take_step(
    *, actor: User, project: Project, to: str, acknowledge_warnings: bool = False, note: str = ""
) -> StateChange:
    """Take the rulebook's step from the project's state to ``to`` (the one the actor may take,
    if several lead there); the engine and the step's roles decide."""
    rulebook = loader.get(project.rulebook)
    steps = [step for step in rulebook.transitions_from(project.state) if step.to == to]
    if not steps:
        raise AcceptanceRefused(
            _("The rulebook has no step to %(to)s while the project is %(state)s.")
            % {"to": label(to), "state": label(project.state)},
            [Problem(message=_("Reload the page to see what is open now."), field="state")],
        )
    step = next((s for s in steps if holds_step_role(actor, project, s)), steps[0])
    return project_transition(
        actor=actor,
        project=project,
        name=step.name,
        acknowledge_warnings=acknowledge_warnings,
        note=note,
    )


def own_document(project: Project, document: Document | None, field: str) -> None:
    """A document given as evidence belongs to the project."""
    if document is not None and document.project_id != project.pk:
        raise ValidationError({field: _("Choose a document of this project.")})


def _fact_item(project: Project, key: str) -> checklist.Item:
    item = next((i for i in checklist.for_rulebook(project.rulebook) if i.key == key), None)
    if item is None or item.spec.fact is None:
        raise ValidationError(
            {"item": _("This prerequisite is not on the project's checklist as a fact.")}
        )
    return item


def _may_record(actor: User, project: Project, item: checklist.Item) -> bool:
    if item.spec.by == "competent":
        return bool(policies.evidence_confirm(actor, project))
    return bool(policies.evidence_record(actor, project))


@transaction.atomic
def evidence_record(
    *, actor: User, project: Project, item: str, document: Document | None, note: str = ""
) -> Evidence:
    """Record the evidence of a prerequisite; the project fact the engine reads becomes true."""
    locked = locked_project(project)
    spec = _fact_item(locked, item)
    if not _may_record(actor, locked, spec):
        raise NotPermitted(_("You cannot record this evidence for the project."))
    own_document(locked, document, "document")
    if document is None and spec.spec.by == "unit":
        raise ValidationError({"document": _("Link the document that shows it.")})
    fact = str(spec.spec.fact)
    before = getattr(locked, fact)
    evidence, _created = Evidence.objects.update_or_create(
        project=locked,
        item=item,
        defaults={"document": document, "note": note, "recorded_by": actor},
    )
    setattr(locked, fact, True)
    locked.save(update_fields=[fact, "updated_at"])
    audit.record(
        actor=actor,
        action="acceptance.evidence_record",
        obj=locked,
        before={fact: before},
        after={fact: True, "item": item, "document": document.pk if document else None},
    )
    return evidence


@transaction.atomic
def evidence_withdraw(*, actor: User, project: Project, item: str) -> None:
    """Withdraw the evidence of a prerequisite; the project fact is unknown again."""
    locked = locked_project(project)
    spec = _fact_item(locked, item)
    if not _may_record(actor, locked, spec):
        raise NotPermitted(_("You cannot withdraw this evidence."))
    fact = str(spec.spec.fact)
    before = getattr(locked, fact)
    Evidence.objects.filter(project=locked, item=item).delete()
    setattr(locked, fact, None)
    locked.save(update_fields=[fact, "updated_at"])
    audit.record(
        actor=actor,
        action="acceptance.evidence_withdraw",
        obj=locked,
        before={fact: before},
        after={fact: None, "item": item},
    )


@transaction.atomic
def initial_acceptance_record(
    *,
    actor: User,
    project: Project,
    held_on: dt.date,
    participants: Sequence[ParticipantLine],
    report: Document | None = None,
    opinion: str = "",
    acknowledge_warnings: bool = False,
) -> Meeting:
    """The unit's own initial acceptance (初验, Kaihua 第十三条): the meeting and the step."""
    locked = locked_project(project)
    if not policies.initial_acceptance_record(actor, locked):
        raise NotPermitted(_("Only the project unit holds the initial acceptance."))
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The date cannot be in the future.")})
    own_document(locked, report, "report")
    meeting = Meeting.objects.create(
        project=locked,
        kind=MeetingKind.INITIAL,
        held_on=held_on,
        result=MeetingResult.PASSED,
        opinion=opinion,
        report=report,
        recorded_by=actor,
    )
    add_participants(meeting, participants)
    take_step(
        actor=actor,
        project=locked,
        to="initial_acceptance",
        acknowledge_warnings=acknowledge_warnings,
        note=opinion,
    )
    audit.record(
        actor=actor,
        action="acceptance.initial_acceptance_record",
        obj=locked,
        after={"held_on": held_on, "participants": len(participants), "meeting": meeting.pk},
    )
    return meeting


@transaction.atomic
def trial_run_start(
    *, actor: User, project: Project, acknowledge_warnings: bool = False
) -> StateChange:
    """Start the trial run after the initial acceptance (its length is the rulebook's)."""
    locked = locked_project(project)
    if not policies.trial_run_start(actor, locked):
        raise NotPermitted(_("Only the project unit starts the trial run."))
    change = take_step(
        actor=actor, project=locked, to="trial_run", acknowledge_warnings=acknowledge_warnings
    )
    audit.record(actor=actor, action="acceptance.trial_run_start", obj=locked, after={})
    return change


@transaction.atomic
def acceptance_apply(
    *, actor: User, project: Project, acknowledge_warnings: bool = False, note: str = ""
) -> StateChange:
    """Apply for acceptance (again, after rectification); blocked while evidence is missing."""
    locked = locked_project(project)
    if not policies.acceptance_apply(actor, locked):
        raise NotPermitted(_("Only the project unit applies for acceptance."))
    from_state = locked.state
    change = take_step(
        actor=actor,
        project=locked,
        to="acceptance",
        acknowledge_warnings=acknowledge_warnings,
        note=note,
    )
    audit.record(
        actor=actor, action="acceptance.apply", obj=locked, after={"from_state": from_state}
    )
    return change
