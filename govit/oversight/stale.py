"""Stale data: projects in delivery whose progress has not been updated for
GOVIT_STALE_PROGRESS_DAYS days are flagged by the daily tick and listed for oversight."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from govit.core import audit
from govit.oversight.models import StaleFlag
from govit.projects.models import Project

# States in which a project has progress to report.
ACTIVE_STATES = (
    "approved",
    "filed",
    "procurement",
    "contracted",
    "construction",
    "acceptance",
    "rectification",
)


def last_updates() -> dict[int, dt.date]:
    """Each active project's last progress update: its last change or state change."""
    rows = (
        Project.objects.filter(state__in=ACTIVE_STATES)
        .annotate(last_step=Max("history__at"))
        .values_list("pk", "updated_at", "last_step")
    )
    tz = timezone.get_current_timezone()
    out: dict[int, dt.date] = {}
    for pk, updated, step in rows:
        moments = [m for m in (updated, step) if m is not None]
        out[pk] = max(moments).astimezone(tz).date()
    return out


@transaction.atomic
def flags_refresh(today: dt.date | None = None) -> str:
    """Flag projects stale for the configured days; clear the flags of updated ones."""
    today = today or timezone.localdate()
    limit = settings.GOVIT_STALE_PROGRESS_DAYS
    updates = last_updates()
    stale = {pk: day for pk, day in updates.items() if (today - day).days >= limit}
    cleared, _count = StaleFlag.objects.exclude(project_id__in=stale).delete()
    existing = set(StaleFlag.objects.values_list("project_id", flat=True))
    made = 0
    for pk, day in stale.items():
        if pk in existing:
            StaleFlag.objects.filter(project_id=pk).update(last_update=day)
            continue
        StaleFlag.objects.create(project_id=pk, last_update=day, flagged_on=today)
        made += 1
    if made or cleared:
        audit.record(
            actor=None,
            action="oversight.stale_flags",
            object_type="oversight.staleflag",
            after={"flagged": made, "cleared": cleared, "days": limit, "on": today},
        )
    return f"stale progress: {made} flagged, {cleared} cleared ({limit} days)"
