"""The daily tick job: find the overdue acceptance duties (filing, notice to finance,
rectification, trial run, acceptance) of open projects and keep one row per duty and due day.

Idempotent: a second run on the same day adds nothing; a duty done since is marked resolved.
Per batch of ``BATCH`` candidate projects, a fixed number of queries: the projects, their
snapshots (``snapshot_batch.build_snapshots``), their last final meetings and their overdue
rows are read once; new rows go in with one ``bulk_create``, resolved ones with one ``update``.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from govit.acceptance.choices import DutyKind, MeetingKind
from govit.acceptance.models import Meeting, Overdue
from govit.acceptance.selectors import Deadline, deadlines_of
from govit.core.calendar import WorkCalendar
from govit.core.selectors import work_calendar
from govit.policy import loader
from govit.projects.models import Project
from govit.projects.snapshot_batch import build_snapshots

# Projects that can have an open acceptance duty.
CANDIDATES = Q(state__in=("trial_run", "acceptance", "rectification")) | Q(
    acceptance_passed=True
) & (Q(acceptance_filed_on__isnull=True) | Q(finance_notified_on__isnull=True))
BATCH = 500

Key = tuple[int, str, dt.date]


def candidates() -> QuerySet[Project]:
    """The projects that can have an open acceptance duty."""
    return Project.objects.filter(CANDIDATES).exclude(
        state__in=("archived", "rejected", "terminated")
    )


def _overdue(chunk: list[int], today: dt.date, calendar: WorkCalendar) -> dict[Key, Deadline]:
    """The overdue duties of a batch of projects, by (project, duty, due day)."""
    projects = list(Project.objects.filter(pk__in=chunk).order_by("pk"))
    snapshots = build_snapshots(chunk, as_of=today)
    last_meeting: dict[int, Meeting] = {}
    finals = Meeting.objects.filter(project_id__in=chunk, kind=MeetingKind.FINAL).order_by(
        "recorded_at", "id"
    )
    for meeting in finals:
        last_meeting[meeting.project_id] = meeting
    found: dict[Key, Deadline] = {}
    for project in projects:
        result = loader.get(project.rulebook).evaluate(
            snapshots[project.pk], calendar=calendar, as_of=today
        )
        for deadline in deadlines_of(
            project, result, last_meeting=last_meeting.get(project.pk), calendar=calendar
        ):
            # The end of a trial run opens the application; it is not a duty one is late on.
            if deadline.kind == DutyKind.TRIAL_RUN:
                continue
            if deadline.status != "overdue" or deadline.done_on is not None:
                continue
            found.setdefault((project.pk, deadline.kind, deadline.due), deadline)
    return found


def tick(*, batch: int = BATCH) -> str:
    """Record the overdue duties found today and resolve those since done."""
    today = timezone.localdate()
    calendar = work_calendar()
    ids = list(candidates().order_by("pk").values_list("pk", flat=True))
    found = added = resolved = 0
    with transaction.atomic():
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            overdue = _overdue(chunk, today, calendar)
            found += len(overdue)
            have = {
                (row.project_id, row.kind, row.due): row
                for row in Overdue.objects.filter(project_id__in=chunk)
            }
            new = [
                Overdue(
                    project_id=key[0],
                    kind=key[1],
                    due=key[2],
                    article=deadline.article,
                    provisional=deadline.provisional,
                    found_on=today,
                )
                for key, deadline in overdue.items()
                if key not in have
            ]
            Overdue.objects.bulk_create(new)
            added += len(new)
            done = [
                row.pk
                for key, row in have.items()
                if row.resolved_on is None and key not in overdue
            ]
            resolved += Overdue.objects.filter(pk__in=done).update(resolved_on=today)
        # Projects no longer candidates owe no acceptance duty.
        resolved += (
            Overdue.objects.filter(resolved_on__isnull=True)
            .exclude(project__in=candidates().values("pk"))
            .update(resolved_on=today)
        )
    return f"acceptance: {found} overdue ({added} new, {resolved} resolved)"
