"""The daily tick job: find the overdue acceptance duties (filing, notice to finance,
rectification, trial run, acceptance) of open projects and keep one row per duty and due day.

Idempotent: a second run on the same day adds nothing; a duty done since is marked resolved.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from govit.acceptance.choices import DutyKind, MeetingKind
from govit.acceptance.models import Meeting, Overdue
from govit.acceptance.selectors import deadlines_of
from govit.core.selectors import work_calendar
from govit.delivery.services import evaluate
from govit.projects.models import Project

# Projects that can have an open acceptance duty.
CANDIDATES = Q(state__in=("trial_run", "acceptance", "rectification")) | Q(
    acceptance_passed=True
) & (Q(acceptance_filed_on__isnull=True) | Q(finance_notified_on__isnull=True))


def tick() -> str:
    """Record the overdue duties found today and resolve those since done."""
    today = timezone.localdate()
    calendar = work_calendar()
    found: set[tuple[int, str, object]] = set()
    added = 0
    with transaction.atomic():
        for project in Project.objects.filter(CANDIDATES).exclude(
            state__in=("archived", "rejected", "terminated")
        ):
            meeting = (
                Meeting.objects.filter(project=project, kind=MeetingKind.FINAL)
                .order_by("-recorded_at", "-id")
                .first()
            )
            for deadline in deadlines_of(
                project, evaluate(project), last_meeting=meeting, calendar=calendar
            ):
                # The end of a trial run opens the application; it is not a duty one is late on.
                if deadline.kind == DutyKind.TRIAL_RUN:
                    continue
                if deadline.status != "overdue" or deadline.done_on is not None:
                    continue
                found.add((project.pk, deadline.kind, deadline.due))
                _row, created = Overdue.objects.get_or_create(
                    project=project,
                    kind=deadline.kind,
                    due=deadline.due,
                    defaults={
                        "article": deadline.article,
                        "provisional": deadline.provisional,
                        "found_on": today,
                    },
                )
                added += int(created)
        resolved = 0
        for row in Overdue.objects.filter(resolved_on__isnull=True):
            if (row.project_id, row.kind, row.due) not in found:
                row.resolved_on = today
                row.save(update_fields=["resolved_on"])
                resolved += 1
    return f"acceptance: {len(found)} overdue ({added} new, {resolved} resolved)"
