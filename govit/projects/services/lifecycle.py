"""Lifecycle steps: what the rules say about each step, and taking one.

``project_transition`` locks the project row, re-reads its state, finds the step in the
project's rulebook, checks the actor's role and the rules, then writes the state, the step's
dates, a history row and an audit event in one transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field, replace
from functools import partial

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.calendar import WorkCalendar
from govit.core.selectors import work_calendar
from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.policy import loader
from govit.policy.engine.results import CheckResult, Finding
from govit.policy.engine.snapshot import Snapshot
from govit.policy.loader import LoadedRulebook
from govit.policy.schema import Transition
from govit.policy.vocabulary import label
from govit.projects import guards, policies, signals
from govit.projects.errors import (
    NotPermitted,
    Problem,
    TransitionBlocked,
    TransitionUnavailable,
    WarningsNotAcknowledged,
)
from govit.projects.models import Contract, Project, StateChange
from govit.projects.services.effects import step_effects
from govit.projects.snapshots import build_snapshot

logger = logging.getLogger(__name__)


@dataclass
class StepCheck:
    """What the rules and the actor's roles say about one step from the current state."""

    transition: Transition
    permitted: bool
    blocking: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    @property
    def open(self) -> bool:
        """The actor may take the step now (after acknowledging any warnings)."""
        return self.permitted and not self.blocking


def role_titles(rulebook: LoadedRulebook, roles: list[str]) -> str:
    """The rulebook's local titles of ``roles``, joined for a message."""
    names = dict(Role.choices)
    return "、".join(str(rulebook.spec.role_title(r) or names.get(r, r)) for r in roles)


@dataclass
class Assessment:
    """The rules' verdict on one step: what blocks it and what the actor must acknowledge."""

    blocking: list[Finding]
    warnings: list[Finding]


def assess_step(
    project: Project,
    transition: Transition,
    *,
    rulebook: LoadedRulebook,
    snapshot: Snapshot,
    calendar: WorkCalendar,
    today: dt.date,
) -> Assessment:
    """Run the rules for ``transition`` on the project as the step would leave it.

    The blocks come from that prospective project (a step into operation needs the acceptance
    it records). A warning needs acknowledging only if it also holds before the step: the
    duties the step itself starts (file the acceptance, book the assets) are not objections
    to taking it; they show on the project page afterwards.
    """

    def run(data: Snapshot) -> CheckResult:
        return rulebook.evaluate(
            data,
            calendar=calendar,
            target=transition.to,
            transition=transition.name,
            as_of=today,
        )

    effects = step_effects(project, transition, today)
    guarded = guards.step_blocks(project, transition.to)  # sanctions of other apps
    if not effects:
        result = run(snapshot)
        return Assessment(
            [*guarded, *result.blocking(transition.to)], result.warnings(transition.to)
        )
    after = run(
        snapshot.model_copy(update={"project": snapshot.project.model_copy(update=effects)})
    )
    before = {f.rule for f in run(snapshot).warnings(transition.to)}
    return Assessment(
        blocking=[*guarded, *after.blocking(transition.to)],
        warnings=[f for f in after.warnings(transition.to) if f.rule in before],
    )


def check_steps(
    *,
    actor: User,
    project: Project,
    snapshot: Snapshot | None = None,
    calendar: WorkCalendar | None = None,
) -> list[StepCheck]:
    """Every step that leaves the project's state, with what stops it for ``actor``."""
    rulebook = loader.get(project.rulebook)
    steps = rulebook.transitions_from(project.state)
    if not steps:
        return []
    today = timezone.localdate()
    snapshot = snapshot or build_snapshot(project, as_of=today)
    calendar = calendar or work_calendar()
    guards.forget(project)
    checks = []
    for step in steps:
        verdict = assess_step(
            project, step, rulebook=rulebook, snapshot=snapshot, calendar=calendar, today=today
        )
        checks.append(
            StepCheck(
                transition=step,
                permitted=policies.project_transition(actor, project, step),
                blocking=verdict.blocking,
                warnings=verdict.warnings,
            )
        )
    return checks


def _announce(project_id: int, change_id: int) -> None:
    logger.info("project %s: state change %s committed", project_id, change_id)
    signals.project_transitioned.send(sender=Project, project_id=project_id, change_id=change_id)


@transaction.atomic
def project_transition(
    *,
    actor: User,
    project: Project,
    name: str,
    acknowledge_warnings: bool = False,
    note: str = "",
) -> StateChange:
    """Take the lifecycle step ``name`` if the actor's role and the rules allow it."""
    # The row lock serialises two people acting on the same project; the state is read again
    # under the lock, so the second finds the step gone and is refused, not applied twice.
    locked = (
        Project.objects.select_for_update(of=("self",)).select_related("unit").get(pk=project.pk)
    )
    if not policies.project_view(actor, locked):
        raise NotPermitted(_("You cannot act on this project."))
    rulebook = loader.get(locked.rulebook)
    step = rulebook.transition(locked.state, name)
    if step is None:
        raise TransitionUnavailable(
            _("The step %(name)s is not available while the project is %(state)s.")
            % {"name": name, "state": label(locked.state)},
            [Problem(message=_("Reload the project to see the steps open now."), field="name")],
        )
    if not policies.holds_step_role(actor, locked, step):
        raise NotPermitted(
            _("%(step)s is taken by %(roles)s.")
            % {"step": step.label, "roles": role_titles(rulebook, list(step.roles))},
            [Problem(message=_("Your roles do not include it."), field="name")],
        )
    # The parts the rules read are loaded only once the cheap refusals are out of the way.
    prefetch_related_objects(
        [locked], "budget_items", "documents", "changes", "systems", "co_units"
    )
    today = timezone.localdate()
    verdict = assess_step(
        locked,
        step,
        rulebook=rulebook,
        snapshot=build_snapshot(locked, as_of=today),
        calendar=work_calendar(),
        today=today,
    )
    blocking, warnings = verdict.blocking, verdict.warnings
    if blocking:
        raise TransitionBlocked(
            _("%(step)s is blocked by the rules.") % {"step": step.label},
            [Problem.of(finding) for finding in blocking],
        )
    if warnings and not acknowledge_warnings:
        raise WarningsNotAcknowledged(
            _("%(step)s needs you to acknowledge the warnings first.") % {"step": step.label},
            [replace(Problem.of(f), field="acknowledge_warnings") for f in warnings],
        )
    return _apply(actor=actor, project=locked, step=step, warnings=warnings, note=note, today=today)


def _apply(
    *,
    actor: User,
    project: Project,
    step: Transition,
    warnings: list[Finding],
    note: str,
    today: dt.date,
) -> StateChange:
    from_state = project.state
    effects = step_effects(project, step, today)
    for name, value in effects.items():
        setattr(project, name, value)
    project.state = step.to
    project.save(update_fields=["state", *effects, "updated_at"])
    if step.to == "contracted":
        contract, _created = Contract.objects.get_or_create(project=project)
        if contract.signed_on is None:
            contract.signed_on = today
            contract.save(update_fields=["signed_on"])
            effects["contract.signed_on"] = today
    change = StateChange.objects.create(
        project=project,
        from_state=from_state,
        to_state=step.to,
        transition=step.name,
        label=step.label,
        actor=actor,
        at=timezone.now(),
        acknowledged=[f.as_dict() for f in warnings],
        note=note,
    )
    audit.record(
        actor=actor,
        action="project.transition",
        obj=project,
        before={"state": from_state},
        after={"state": step.to, "transition": step.name, "note": note, **effects},
    )
    transaction.on_commit(partial(_announce, project.pk, change.pk))
    return change
