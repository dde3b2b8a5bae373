"""Writes of the project library (项目库, Bijie 第八条: 公开透明、提前储备、分类管理、动态调整).

Each service checks its predicate, runs in one transaction, writes a history row
(``LibraryAdjustment``) and an audit event. Admission follows the project lifecycle: where the
rulebook has a step into ``library`` from the project's state (Bijie ``admit_to_library``), the
admission takes that step in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.orgs.models import User
from govit.planning import duplicates
from govit.planning import policies_plans as policies
from govit.planning.errors_plans import NotPermitted, PlanRefused, Problem
from govit.planning.models.plans import (
    AdjustmentKind,
    LibraryAdjustment,
    LibraryCategory,
    LibraryDomain,
    LibraryEntry,
    LibraryPriority,
    LibraryStatus,
)
from govit.policy import loader
from govit.policy.loader import LoadedRulebook
from govit.policy.vocabulary import label
from govit.projects.models import Project
from govit.projects.services import project_transition

CLASSIFICATION = ("category", "domain", "priority")


def admission_states(rulebook: LoadedRulebook) -> frozenset[str]:
    """The states in which a project has passed review and may enter the library: those a step
    into ``library`` leaves, those the rulebook's ``include_in_plan`` step leaves, ``library``
    itself; a rulebook with neither (Gaoping) uses the states its approval step leaves."""
    steps = rulebook.spec.transitions
    states = {s for t in steps if t.to == "library" for s in t.source}
    states |= {s for t in steps if t.name == "include_in_plan" for s in t.source}
    if not states:
        states = {s for t in steps if t.to in ("approved", "filed") for s in t.source}
    if "library" in rulebook.spec.states:
        states.add("library")
    return frozenset(states)


def _check_classification(category: str, domain: str, priority: int, year: int) -> None:
    errors: dict[str, str] = {}
    if category not in LibraryCategory.values:
        errors["category"] = _("Choose a category from the list.")
    if domain not in LibraryDomain.values:
        errors["domain"] = _("Choose a domain from the list.")
    if priority not in LibraryPriority.values:
        errors["priority"] = _("Choose a priority from the list.")
    if not 2000 <= year <= 2100:
        errors["reserve_year"] = _("Give a year between 2000 and 2100.")
    if errors:
        raise ValidationError(errors)


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the entry is adjusted.")})
    return reason


def _values(entry: LibraryEntry) -> dict[str, Any]:
    return {
        "category": entry.category,
        "domain": entry.domain,
        "priority": entry.priority,
        "reserve_year": entry.reserve_year,
        "status": entry.status,
    }


def _history(
    *,
    actor: User,
    entry: LibraryEntry,
    kind: str,
    before: dict[str, Any],
    reason: str,
    action: str,
) -> LibraryAdjustment:
    after = _values(entry)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    row = LibraryAdjustment.objects.create(
        entry=entry,
        kind=kind,
        before={k: before.get(k) for k in changed},
        after=changed,
        reason=reason,
        actor=actor,
        at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action=action,
        obj=entry,
        before={k: before.get(k) for k in changed} or None,
        after={**changed, "reason": reason, "project": entry.project.code},
    )
    transaction.on_commit(duplicates.invalidate)
    return row


def _locked_entry(entry: LibraryEntry) -> LibraryEntry:
    return (
        LibraryEntry.objects.select_for_update(of=("self",))
        .select_related("project__unit")
        .get(pk=entry.pk)
    )


@transaction.atomic
def library_admit(
    *,
    actor: User,
    project: Project,
    category: str,
    domain: str,
    priority: int,
    reserve_year: int,
    reason: str = "",
    acknowledge_warnings: bool = False,
) -> LibraryEntry:
    """Admit a project that passed review to the library, classified, for a reserve year."""
    if not policies.library_admit(actor):
        raise NotPermitted(_("Only the competent department admits projects to the library."))
    locked = (
        Project.objects.select_for_update(of=("self",)).select_related("unit").get(pk=project.pk)
    )
    _check_classification(category, domain, priority, reserve_year)
    rulebook = loader.get(locked.rulebook)
    if locked.state not in admission_states(rulebook):
        raise PlanRefused(
            _("A project enters the library once it has passed review; this one is %(state)s.")
            % {"state": label(locked.state)},
            [Problem(message=_("Finish the review first."), field="project", article="第八条")],
        )
    entry = LibraryEntry.objects.filter(project=locked).first()
    if entry is not None and entry.status != LibraryStatus.WITHDRAWN:
        raise PlanRefused(_("The project is in the library already."))
    step = next((t for t in rulebook.transitions_from(locked.state) if t.to == "library"), None)
    if step is not None:
        project_transition(
            actor=actor,
            project=locked,
            name=step.name,
            acknowledge_warnings=acknowledge_warnings,
            note=reason,
        )
    before = _values(entry) if entry is not None else {}
    entry = entry or LibraryEntry(project=locked)
    entry.category, entry.domain = category, domain
    entry.priority, entry.reserve_year = priority, reserve_year
    entry.status = LibraryStatus.RESERVED
    entry.admitted_by, entry.admitted_at = actor, timezone.now()
    entry.save()
    _history(
        actor=actor,
        entry=entry,
        kind=AdjustmentKind.ADMIT,
        before=before,
        reason=reason.strip(),
        action="planning.library.admit",
    )
    return entry


@transaction.atomic
def library_reclassify(
    *,
    actor: User,
    entry: LibraryEntry,
    category: str,
    domain: str,
    priority: int,
    reason: str,
) -> LibraryEntry:
    """Change an entry's category, domain or policy priority (动态调整), saying why."""
    if not policies.library_reclassify(actor):
        raise NotPermitted(_("Only the competent department adjusts the library."))
    locked = _locked_entry(entry)
    _check_classification(category, domain, priority, locked.reserve_year)
    reason = _reason(reason)
    if locked.status == LibraryStatus.WITHDRAWN:
        raise PlanRefused(_("The entry has been withdrawn from the library."))
    before = _values(locked)
    if (category, domain, priority) == (locked.category, locked.domain, locked.priority):
        raise ValidationError({"category": _("Nothing changes.")})
    locked.category, locked.domain, locked.priority = category, domain, priority
    locked.save(update_fields=[*CLASSIFICATION, "updated_at"])
    _history(
        actor=actor,
        entry=locked,
        kind=AdjustmentKind.RECLASSIFY,
        before=before,
        reason=reason,
        action="planning.library.reclassify",
    )
    return locked


@transaction.atomic
def library_move_year(
    *, actor: User, entry: LibraryEntry, reserve_year: int, reason: str
) -> LibraryEntry:
    """Keep an entry in reserve for another year (提前储备), saying why."""
    if not policies.library_move_year(actor):
        raise NotPermitted(_("Only the competent department adjusts the library."))
    locked = _locked_entry(entry)
    _check_classification(locked.category, locked.domain, locked.priority, reserve_year)
    reason = _reason(reason)
    if locked.status != LibraryStatus.RESERVED:
        raise PlanRefused(_("Only an entry in reserve moves to another year."))
    if locked.reserve_year == reserve_year:
        raise ValidationError({"reserve_year": _("Nothing changes.")})
    before = _values(locked)
    locked.reserve_year = reserve_year
    locked.save(update_fields=["reserve_year", "updated_at"])
    _history(
        actor=actor,
        entry=locked,
        kind=AdjustmentKind.MOVE_YEAR,
        before=before,
        reason=reason,
        action="planning.library.move_year",
    )
    return locked


@transaction.atomic
def library_withdraw(*, actor: User, entry: LibraryEntry, reason: str) -> LibraryEntry:
    """Take an entry out of the library (出库); a plan line of a draft plan goes with it."""
    if not policies.library_withdraw(actor):
        raise NotPermitted(_("Only the competent department adjusts the library."))
    locked = _locked_entry(entry)
    reason = _reason(reason)
    if locked.status != LibraryStatus.RESERVED:
        raise PlanRefused(
            _("Only an entry in reserve can be withdrawn; this one is %(status)s.")
            % {"status": locked.get_status_display()}
        )
    from govit.planning.models.plans import PlanLine, PlanStatus

    if (
        PlanLine.objects.filter(project_id=locked.project_id)
        .exclude(plan__status=PlanStatus.DRAFT)
        .exists()
    ):
        raise PlanRefused(_("The project is in a plan sent for approval; reopen the plan first."))
    before = _values(locked)
    PlanLine.objects.filter(project_id=locked.project_id, plan__status=PlanStatus.DRAFT).delete()
    locked.status = LibraryStatus.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
    _history(
        actor=actor,
        entry=locked,
        kind=AdjustmentKind.WITHDRAW,
        before=before,
        reason=reason,
        action="planning.library.withdraw",
    )
    return locked


def mark_planned(*, actor: User, project: Project, reason: str) -> None:
    """Record that an approved plan includes the project (called by the plan services)."""
    entry = LibraryEntry.objects.select_for_update(of=("self",)).filter(project=project).first()
    if entry is None or entry.status == LibraryStatus.PLANNED:
        return
    before = _values(entry)
    entry.status = LibraryStatus.PLANNED
    entry.save(update_fields=["status", "updated_at"])
    entry.project = project
    _history(
        actor=actor,
        entry=entry,
        kind=AdjustmentKind.PLAN,
        before=before,
        reason=reason,
        action="planning.library.plan",
    )
