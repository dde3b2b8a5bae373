"""Docking with the shared platforms (Gaoping 第十一条): records, their confirmation and end,
and the docked facts confirmed records decide (docs/systems.md, ADR 0017).

A system's docked fact for a platform comes from its confirmed records when it has any: docked
while one of them has started and not ended. Without a confirmed record the census declaration
stands, unless ``GOVIT_DOCKING_REQUIRES_RECORD`` is on: then the system counts as not docked.
Pending records decide nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.crypto import sm3_stream_hex
from govit.documents.validation import check_upload
from govit.orgs.models import User
from govit.systems import policies
from govit.systems.choices import DOCKING_FACTS, DockingStatus
from govit.systems.errors import NotAllowed
from govit.systems.facts import Facts
from govit.systems.models import DockingRecord, System


def requires_record() -> bool:
    return bool(getattr(settings, "GOVIT_DOCKING_REQUIRES_RECORD", False))


def system_facts(systems: Sequence[System], today: dt.date) -> dict[int, Facts]:
    """Per system id, the docked facts its confirmed records decide (one query a batch)."""
    ids = [system.pk for system in systems]
    if not ids:
        return {}
    rows = DockingRecord.objects.filter(
        system_id__in=ids, status=DockingStatus.CONFIRMED
    ).values_list("system_id", "platform", "docked_on", "ended_on")
    found: dict[int, Facts] = {}
    for system_id, platform, docked_on, ended_on in rows:
        name = DOCKING_FACTS.get(platform)
        if name is None:
            continue
        active = docked_on <= today and (ended_on is None or ended_on > today)
        facts = found.setdefault(system_id, {})
        facts[name] = bool(facts.get(name)) or active
    if requires_record():
        for system_id in ids:
            facts = found.setdefault(system_id, {})
            for name in DOCKING_FACTS.values():
                facts.setdefault(name, False)
    return found


def _not_future(field: str, day: dt.date | None, message: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: message})


def _store_evidence(record: DockingRecord, upload: UploadedFile) -> None:
    """The documents app's checks (size, type sniffing, no archives or macros) and an SM3
    digest, then the file on the record."""
    try:
        checked = check_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"evidence": exc.error_list}) from None
    record.evidence_sm3 = sm3_stream_hex(upload.chunks())
    upload.seek(0)
    record.evidence_name = (upload.name or "file")[-255:]
    record.evidence_content_type = checked.content_type
    record.evidence = upload


def _refresh_funding(actor: User, system: System) -> None:
    """Store the system's O&M funding decision again now that its docking changed."""
    from govit.systems import funding

    funding.system_recompute_funding(actor=actor, system=system)


@transaction.atomic
def docking_record(
    *,
    actor: User,
    system: System,
    platform: str,
    docked_on: dt.date,
    method: str,
    reference: str = "",
    note: str = "",
    evidence: UploadedFile | None = None,
    ended_on: dt.date | None = None,
) -> DockingRecord:
    """Record that a system docked with a platform; it decides nothing until confirmed."""
    if not policies.docking_record(actor, system):
        raise NotAllowed(_("You may only record docking of your own unit's systems."))
    record = DockingRecord(
        system=system,
        platform=platform,
        docked_on=docked_on,
        method=method,
        reference=(reference or "").strip(),
        note=note or "",
        ended_on=ended_on,
        recorded_by=actor,
    )
    errors: dict[str, list[str]] = {}
    try:
        record.full_clean(exclude=["evidence", "recorded_by"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    today = timezone.localdate()
    if docked_on is not None and docked_on > today:
        errors.setdefault("docked_on", []).append(_("The docking date cannot be in the future."))
    if ended_on is not None and ended_on > today:
        errors.setdefault("ended_on", []).append(_("The end date cannot be in the future."))
    if errors:
        raise ValidationError(errors)
    if evidence is not None:
        _store_evidence(record, evidence)
    record.save()
    try:
        audit.record(
            actor=actor,
            action="system.docking.record",
            obj=system,
            after={
                "record": record.pk,
                "platform": platform,
                "docked_on": docked_on,
                "method": method,
                "reference": record.reference,
                "evidence_sm3": record.evidence_sm3,
                "ended_on": ended_on,
            },
        )
    except BaseException:
        if record.evidence:
            record.evidence.storage.delete(record.evidence.name)
        raise
    return record


@transaction.atomic
def docking_confirm(*, actor: User, record: DockingRecord) -> DockingRecord:
    """Confirm a record (the competent department or the big-data centre, not the one who
    entered it); the system's O&M funding decision is stored again."""
    locked = DockingRecord.objects.select_for_update().select_related("system").get(pk=record.pk)
    if not policies.docking_confirmer(actor):
        raise NotAllowed(
            _("Only the competent department or the big-data centre confirms docking.")
        )
    if not policies.docking_confirm(actor, locked):
        raise NotAllowed(_("A docking record is confirmed by someone other than who entered it."))
    if locked.is_confirmed:
        raise ValidationError(_("This docking record is already confirmed."))
    locked.status = DockingStatus.CONFIRMED
    locked.confirmed_by = actor
    locked.confirmed_on = timezone.localdate()
    locked.save(update_fields=["status", "confirmed_by", "confirmed_on"])
    audit.record(
        actor=actor,
        action="system.docking.confirm",
        obj=locked.system,
        after={"record": locked.pk, "platform": locked.platform, "docked_on": locked.docked_on},
    )
    _refresh_funding(actor, locked.system)
    return locked


@transaction.atomic
def docking_end(*, actor: User, record: DockingRecord, ended_on: dt.date) -> DockingRecord:
    """Record that the docking ended (or withdraw the record) on a day."""
    locked = DockingRecord.objects.select_for_update().select_related("system").get(pk=record.pk)
    if not policies.docking_end(actor, locked.system):
        raise NotAllowed(_("You may only end docking of your own unit's systems."))
    if locked.ended_on is not None:
        raise ValidationError(_("This docking record has already ended."))
    _not_future("ended_on", ended_on, _("The end date cannot be in the future."))
    locked.ended_on = ended_on
    locked.full_clean(exclude=["evidence", "recorded_by", "confirmed_by"])
    locked.save(update_fields=["ended_on"])
    audit.record(
        actor=actor,
        action="system.docking.end",
        obj=locked.system,
        after={"record": locked.pk, "platform": locked.platform, "ended_on": ended_on},
    )
    if locked.is_confirmed:
        _refresh_funding(actor, locked.system)
    return locked
