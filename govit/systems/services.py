"""Writes of the system catalogue: one transaction and one audit event each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.admin_base import snapshot_of
from govit.orgs.models import User
from govit.systems import policies
from govit.systems.choices import (
    COMPLETION_STATUS,
    ProposalKind,
    ProposalStatus,
    SystemStatus,
    UsageSource,
)
from govit.systems.errors import NotAllowed
from govit.systems.models import Disposition, Proposal, System, SystemUsage, first_of_month

# The fields a unit or the competent department may set on a system.
EDITABLE_FIELDS = (
    "name",
    "code",
    "unit",
    "purpose",
    "users",
    "on_gov_cloud",
    "network",
    "docked_service_platform",
    "docked_data_platform",
    "build_cost",
    "om_cost",
    "om_contract_expires_on",
    "status",
    "mlps_level",
    "mlps_assessed_on",
    "crypto_status",
    "crypto_assessed_on",
    "shares_data",
    "duplicate_collection",
    "in_data_catalog",
    "security_compliant",
    "crypto_compliant",
    "major_hazard",
    "project_codes",
)
# Statuses that come from a decision of the competent department, not from a unit's edit.
DECIDED_STATUSES = frozenset(
    {SystemStatus.ZOMBIE, SystemStatus.SHADOW, SystemStatus.CLOSED, SystemStatus.MIGRATED}
)


def _apply(actor: User, system: System, data: Mapping[str, Any], *, old_status: str) -> None:
    for name, value in data.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not an editable field of a system")
        if name == "code" and isinstance(value, str):
            value = value.strip().upper()
        setattr(system, name, value)
    if system.unit_id is None:
        raise ValidationError({"unit": _("Choose the owner unit.")})
    if not policies.system_update(actor, system):
        raise NotAllowed(_("You may only register systems of your own unit or units below it."))
    decided = system.status != old_status and system.status in DECIDED_STATUSES
    if decided and not policies.is_competent(actor):
        raise ValidationError({"status": _("Only the competent department sets this status.")})
    system.full_clean()


@transaction.atomic
def system_create(*, actor: User, data: Mapping[str, Any]) -> System:
    """Register a system in the catalogue."""
    if not policies.system_create(actor):
        raise NotAllowed(_("Your role may not register systems."))
    system = System()
    _apply(actor, system, data, old_status=SystemStatus.RUNNING)
    system.save()
    audit.record(actor=actor, action="system.create", obj=system, after=snapshot_of(system))
    return system


@transaction.atomic
def system_update(*, actor: User, system: System, data: Mapping[str, Any]) -> System:
    """Change a system's catalogue entry (the row is locked while it changes)."""
    locked = System.objects.select_for_update().get(pk=system.pk)
    if not policies.system_update(actor, locked):
        raise NotAllowed(_("You may only edit systems of your own unit or units below it."))
    before = snapshot_of(locked)
    changed = [name for name, value in data.items() if getattr(locked, name, None) != value]
    _apply(actor, locked, {name: data[name] for name in changed}, old_status=locked.status)
    if changed:
        fields = [("unit" if name == "unit" else name) for name in changed]
        locked.save(update_fields=[*fields, "updated_at"])
        audit.record(
            actor=actor,
            action="system.update",
            obj=locked,
            before=before,
            after=snapshot_of(locked),
        )
    return locked


@transaction.atomic
def usage_record(
    *,
    actor: User | None,
    system: System,
    month: dt.date,
    logins: int = 0,
    visits: int = 0,
    api_calls: int = 0,
    source: str = UsageSource.API,
) -> SystemUsage:
    """Record (or replace) a system's usage figures for one month."""
    if actor is not None and not policies.usage_record(actor, system):
        raise NotAllowed(_("You may only report usage of your own unit's systems."))
    month = first_of_month(month)
    if month > timezone.localdate():
        raise ValidationError({"month": _("Usage cannot be reported for a future month.")})
    usage, _created = SystemUsage.objects.update_or_create(
        system=system,
        month=month,
        defaults={"logins": logins, "visits": visits, "api_calls": api_calls, "source": source},
    )
    audit.record(
        actor=actor,
        action="system.usage",
        obj=system,
        after={"month": month, "logins": logins, "visits": visits, "api_calls": api_calls},
    )
    return usage


@transaction.atomic
def proposal_confirm(*, actor: User, proposal: Proposal, note: str = "") -> Proposal:
    """Confirm a zombie or shadow proposal: the system takes that status from today."""
    if not policies.proposal_decide(actor):
        raise NotAllowed(_("Only the competent department decides proposals."))
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not locked.is_open:
        raise ValidationError(_("This proposal has already been decided."))
    today = timezone.localdate()
    locked.status = ProposalStatus.CONFIRMED
    locked.decided_by = actor
    locked.decided_on = today
    locked.note = note
    locked.save(update_fields=["status", "decided_by", "decided_on", "note"])
    system = System.objects.select_for_update().get(pk=locked.system_id)
    before = system.status
    if locked.kind == ProposalKind.ZOMBIE:
        system.status = SystemStatus.ZOMBIE
        system.zombie_confirmed_on = today
        system.save(update_fields=["status", "zombie_confirmed_on", "updated_at"])
    else:
        system.status = SystemStatus.SHADOW
        system.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action=f"system.{locked.kind}.confirm",
        obj=system,
        before={"status": before},
        after={"status": system.status, "proposal": locked.pk, "note": note},
    )
    return locked


@transaction.atomic
def proposal_dismiss(*, actor: User, proposal: Proposal, note: str = "") -> Proposal:
    """Dismiss a proposal: the system keeps its status."""
    if not policies.proposal_decide(actor):
        raise NotAllowed(_("Only the competent department decides proposals."))
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not locked.is_open:
        raise ValidationError(_("This proposal has already been decided."))
    locked.status = ProposalStatus.DISMISSED
    locked.decided_by = actor
    locked.decided_on = timezone.localdate()
    locked.note = note
    locked.save(update_fields=["status", "decided_by", "decided_on", "note"])
    audit.record(
        actor=actor,
        action=f"system.{locked.kind}.dismiss",
        obj=locked,
        after={"status": locked.status, "note": note},
    )
    return locked


@transaction.atomic
def disposition_decide(
    *,
    actor: User,
    system: System,
    kind: str,
    due_on: dt.date,
    target: str = "",
    note: str = "",
) -> Disposition:
    """Decide how a system is dealt with under 四个一批, with a due date."""
    if not policies.disposition_decide(actor):
        raise NotAllowed(_("Only the competent department decides dispositions."))
    disposition = Disposition(
        system=system,
        kind=kind,
        target=target,
        note=note,
        decided_by=actor,
        decided_on=timezone.localdate(),
        due_on=due_on,
    )
    disposition.full_clean()
    disposition.save()
    audit.record(
        actor=actor,
        action="system.disposition.decide",
        obj=system,
        after={"disposition": disposition.pk, "kind": kind, "due_on": due_on, "target": target},
    )
    return disposition


@transaction.atomic
def disposition_progress(
    *,
    actor: User,
    disposition: Disposition,
    progress: int,
    note: str = "",
    completed_on: dt.date | None = None,
) -> Disposition:
    """Report progress; at completion the system takes the disposition's end status."""
    locked = Disposition.objects.select_for_update().select_related("system").get(pk=disposition.pk)
    if not policies.system_update(actor, locked.system):
        raise NotAllowed(_("You may only report progress on your own unit's systems."))
    if locked.is_completed:
        raise ValidationError(_("This disposition is already completed."))
    before = {"progress": locked.progress, "note": locked.note}
    if completed_on is not None:
        progress = 100
    locked.progress = progress
    locked.note = note or locked.note
    locked.completed_on = completed_on
    locked.full_clean()
    if completed_on is not None and completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("The completion date cannot be in the future.")})
    locked.save(update_fields=["progress", "note", "completed_on"])
    after: dict[str, Any] = {"progress": progress, "note": locked.note}
    if completed_on is not None:
        system = System.objects.select_for_update().get(pk=locked.system_id)
        system.status = COMPLETION_STATUS[locked.kind]
        system.save(update_fields=["status", "updated_at"])
        after.update(completed_on=completed_on, status=system.status)
    audit.record(
        actor=actor, action="system.disposition.progress", obj=locked, before=before, after=after
    )
    return locked
