"""Reading and exporting the audit trail: the audit administrator's work, and theirs alone."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from govit.core import audit
from govit.core.models import AuditEvent
from govit.orgs.models import User
from govit.orgs.policies import audit_trail_export as may_export
from govit.orgs.policies import can_view_audit_trail

CSV_COLUMNS = (
    "sequence",
    "at",
    "actor_repr",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "ip_address",
    "success",
    "hash",
)


class AuditFilterForm(forms.Form):
    """Filters of the trail page; every field optional."""

    since = forms.DateField(label=_("From"), required=False)
    until = forms.DateField(label=_("To"), required=False)
    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    action = forms.CharField(label=_("Event type"), required=False, max_length=100)
    success = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=(("", _("All")), ("1", _("Succeeded")), ("0", _("Failed"))),
    )


def audit_events(*, actor: User, filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    """The trail, newest first, filtered; refuses anyone but the audit administrator."""
    if not can_view_audit_trail(actor):
        raise PermissionDenied
    events = AuditEvent.objects.all().order_by("-sequence")
    if filters.get("since"):
        events = events.filter(at__date__gte=filters["since"])
    if filters.get("until"):
        events = events.filter(at__date__lte=filters["until"])
    if filters.get("actor"):
        events = events.filter(actor_repr__icontains=filters["actor"])
    if filters.get("action"):
        events = events.filter(action__icontains=filters["action"])
    if filters.get("success") in ("0", "1"):
        events = events.filter(success=filters["success"] == "1")
    return events


def _rows(
    *, actor: User, filters: dict[str, Any], ip_address: str | None, format: str
) -> Iterator[list[Any]]:
    """The export's rows; the export itself is written to the trail before the first row."""
    if not may_export(actor):
        raise PermissionDenied
    events = audit_events(actor=actor, filters=filters)
    count = events.count()
    after = {key: value for key, value in filters.items() if value not in (None, "")}
    audit.record(
        actor=actor,
        action="audit.export",
        object_type="core.auditevent",
        object_repr=f"{count}",
        after={**after, "format": format},
        ip_address=ip_address,
    )
    for event in events.iterator():
        row = []
        for column in CSV_COLUMNS:
            value = getattr(event, column)
            row.append(value.isoformat() if isinstance(value, dt.datetime) else value)
        yield row


@transaction.atomic
def audit_trail_export(
    *, actor: User, filters: dict[str, Any], ip_address: str | None = None
) -> str:
    """The filtered trail as CSV text; the export is itself written to the trail first."""
    rows = _rows(actor=actor, filters=filters, ip_address=ip_address, format="csv")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


@transaction.atomic
def audit_trail_export_xlsx(
    *, actor: User, filters: dict[str, Any], ip_address: str | None = None
) -> bytes:
    """The filtered trail as an xlsx workbook; the export is itself written to the trail."""
    from openpyxl import Workbook

    rows = _rows(actor=actor, filters=filters, ip_address=ip_address, format="xlsx")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("audit")
    sheet.append(list(CSV_COLUMNS))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
