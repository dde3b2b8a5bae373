"""The audit trail: an append-only chain of events, each sealed with SM3 over its predecessor.

Every service that changes data calls ``record`` inside its own transaction, so the event and
the change commit or roll back together; a batch job (a daily tick deciding thousands of objects)
calls ``record_many``, which appends one event per object in order under one lock of the head,
sealed exactly as one ``record`` after another would seal them. ``verify`` walks the chain and
reports the first link that does not hold (an edited, removed or inserted row).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from govit.core.crypto import sm3_hex
from govit.core.models import AuditEvent, AuditHead

if TYPE_CHECKING:
    from govit.orgs.models import User

GENESIS = "0" * 64


def to_json_value(value: Any) -> Any:
    """Return ``value`` as plain JSON data (Decimal, dates and UUIDs become strings)."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def _payload(event: AuditEvent) -> bytes:
    at = event.at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    data = {
        "sequence": event.sequence,
        "at": at,
        "actor": event.actor_id,
        "actor_repr": event.actor_repr,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "before": event.before,
        "after": event.after,
        "ip": event.ip_address,
        "success": event.success,
        "prev": event.prev_hash,
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def seal(event: AuditEvent) -> str:
    """The SM3 hash of an event's content and its predecessor's hash."""
    return sm3_hex(_payload(event))


@dataclass(frozen=True)
class Entry:
    """One event of ``record_many``: what ``record`` takes, without the actor."""

    action: str
    obj: models.Model | None = None
    before: Any = None
    after: Any = None
    object_type: str = ""
    object_id: str = ""
    object_repr: str = ""
    ip_address: str | None = None
    success: bool = True


def _event(actor: User | None, entry: Entry, at: dt.datetime) -> AuditEvent:
    """The unsealed event of ``entry`` (no sequence or hashes yet)."""
    object_type, object_id, object_repr = entry.object_type, entry.object_id, entry.object_repr
    if entry.obj is not None:
        object_type = object_type or entry.obj._meta.label_lower
        object_id = object_id or str(entry.obj.pk)
        object_repr = object_repr or str(entry.obj)[:300]
    return AuditEvent(
        at=at,
        actor=actor if actor is not None and actor.pk else None,
        actor_repr=(actor.get_username() if actor is not None else "")[:150],
        action=entry.action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:300],
        before=to_json_value(entry.before),
        after=to_json_value(entry.after),
        ip_address=entry.ip_address,
        success=entry.success,
    )


def record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    before: Any = None,
    after: Any = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    ip_address: str | None = None,
    success: bool = True,
) -> AuditEvent:
    """Append one event to the chain (call it inside the business action's transaction)."""
    entry = Entry(
        action=action,
        obj=obj,
        before=before,
        after=after,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        ip_address=ip_address,
        success=success,
    )
    with transaction.atomic():
        head = _locked_head()
        event = _event(actor, entry, timezone.now())
        _link(event, head)
        event.save()
        head.save(update_fields=["sequence", "last_hash"])
    return event


def record_many(
    *, actor: User | None, entries: Sequence[Entry], batch_size: int = 500
) -> list[AuditEvent]:
    """Append many events at once, in order, each sealed over its predecessor as ``record``
    would: one lock of the head, the events inserted in batches of ``batch_size``, one update of
    the head (call it inside the business action's transaction)."""
    if not entries:
        return []
    with transaction.atomic():
        head = _locked_head()
        at = timezone.now()
        events = [_event(actor, entry, at) for entry in entries]
        for event in events:
            _link(event, head)
        AuditEvent.objects.bulk_create(events, batch_size=batch_size)
        head.save(update_fields=["sequence", "last_hash"])
    return events


def _link(event: AuditEvent, head: AuditHead) -> None:
    """Give ``event`` the next sequence number after ``head``, seal it, and move the head."""
    event.sequence = head.sequence + 1
    event.prev_hash = head.last_hash
    event.hash = seal(event)
    head.sequence = event.sequence
    head.last_hash = event.hash


def _locked_head() -> AuditHead:
    """Lock the chain's head row; recreate it from the last event if it is missing (a flushed
    test database). Writers queue on this lock, so the chain stays a chain."""
    head = AuditHead.objects.select_for_update().filter(id=1).first()
    if head is None:
        last = AuditEvent.objects.order_by("-sequence").first()
        AuditHead.objects.get_or_create(
            id=1,
            defaults={
                "sequence": last.sequence if last else 0,
                "last_hash": last.hash if last else GENESIS,
            },
        )
        head = AuditHead.objects.select_for_update().get(id=1)
    return head


@dataclass(frozen=True)
class Break:
    """The first link of the chain that does not hold."""

    sequence: int
    reason: str


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000)


def verify() -> tuple[int, Break | None]:
    """Walk the chain; return how many events hold and the first break, if any."""
    previous = GENESIS
    expected_sequence = 1
    count = 0
    for event in _events():
        if event.sequence != expected_sequence:
            return count, Break(expected_sequence, "event missing (sequence gap)")
        if event.prev_hash != previous:
            return count, Break(event.sequence, "previous hash does not match")
        if seal(event) != event.hash:
            return count, Break(event.sequence, "content does not match its hash")
        previous = event.hash
        expected_sequence += 1
        count += 1
    head = AuditHead.objects.filter(id=1).first()
    if head is not None and (head.sequence != count or head.last_hash != previous):
        return count, Break(count + 1, "events after the last one are missing")
    return count, None
