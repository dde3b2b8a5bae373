"""Stale data: projects in delivery whose progress has not been updated for
GOVIT_STALE_PROGRESS_DAYS days are flagged by the daily tick and listed for oversight."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Max, QuerySet
from django.db.models.functions import Coalesce, Greatest
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
# Rows per statement when flags are written.
BATCH = 1000


def _with_last_moment() -> QuerySet[Project]:
    """Active projects annotated with ``last_moment``: their last change or state change."""
    return (
        Project.objects.filter(state__in=ACTIVE_STATES)
        .annotate(last_step=Max("history__at"))
        .annotate(last_moment=Greatest("updated_at", Coalesce("last_step", "updated_at")))
    )


def stale_since(today: dt.date, days: int) -> QuerySet[Project]:
    """Active projects whose last progress update (a local day) is ``days`` or more days
    before ``today``: their last moment is before the start of day ``today - days + 1``."""
    cutoff = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=days - 1), dt.time.min)
    )
    return _with_last_moment().filter(last_moment__lt=cutoff)  # type: ignore[misc]  # annotation


@transaction.atomic
def flags_refresh(today: dt.date | None = None) -> str:
    """Flag projects stale for the configured days; clear the flags of updated ones.

    Set-based: a fixed number of queries whatever the number of projects (the flags to write
    go in with ``bulk_create`` and ``bulk_update``, in batches of ``BATCH`` rows)."""
    today = today or timezone.localdate()
    limit = settings.GOVIT_STALE_PROGRESS_DAYS
    stale_projects = stale_since(today, limit)
    tz = timezone.get_current_timezone()
    stale = {
        pk: moment.astimezone(tz).date()
        for pk, moment in stale_projects.values_list(  # type: ignore[misc]  # annotation
            "pk", "last_moment"
        )
    }
    cleared, _count = StaleFlag.objects.exclude(project_id__in=stale_projects.values("pk")).delete()
    existing = {flag.project_id: flag for flag in StaleFlag.objects.only("project", "last_update")}
    new = [
        StaleFlag(project_id=pk, last_update=day, flagged_on=today)
        for pk, day in stale.items()
        if pk not in existing
    ]
    moved = []
    for pk, flag in existing.items():
        if pk in stale and flag.last_update != stale[pk]:
            flag.last_update = stale[pk]
            moved.append(flag)
    StaleFlag.objects.bulk_create(new, batch_size=BATCH)
    StaleFlag.objects.bulk_update(moved, ["last_update"], batch_size=BATCH)
    made = len(new)
    if made or cleared:
        audit.record(
            actor=None,
            action="oversight.stale_flags",
            object_type="oversight.staleflag",
            after={"flagged": made, "cleared": cleared, "days": limit, "on": today},
        )
    return f"stale progress: {made} flagged, {cleared} cleared ({limit} days)"
