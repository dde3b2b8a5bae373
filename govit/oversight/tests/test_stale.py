"""The stale-data tick: the boundary of the configured number of days (in local days), the
last state change counts as progress, flags kept, moved and cleared, and a query count that
does not grow with the projects."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.fixtures import Settings

from govit.core.models import AuditEvent
from govit.delivery.tests.helpers import approved_project
from govit.orgs.models import Organisation
from govit.oversight import stale
from govit.oversight.models import StaleFlag
from govit.projects.models import Project, StateChange

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 30)


def _local(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def _last_change(project: Project, moment: dt.datetime) -> None:
    Project.objects.filter(pk=project.pk).update(updated_at=moment)


def _flags() -> dict[int, dt.date]:
    return dict(StaleFlag.objects.values_list("project_id", "last_update"))


@pytest.fixture(autouse=True)
def _days(settings: Settings) -> None:
    settings.GOVIT_STALE_PROGRESS_DAYS = 30


def test_a_project_is_stale_from_the_configured_day_in_local_days(unit_org: Organisation) -> None:
    # 30 local days before TODAY is 2026-05-31: its last second is stale, the next day is not.
    late_on_the_day = approved_project(unit_org)
    _last_change(late_on_the_day, _local(dt.date(2026, 5, 31), dt.time(23, 59, 59)))
    early_next_day = approved_project(unit_org)
    _last_change(early_next_day, _local(dt.date(2026, 6, 1), dt.time(0, 0)))
    stale.flags_refresh(today=TODAY)
    assert _flags() == {late_on_the_day.pk: dt.date(2026, 5, 31)}
    stale.flags_refresh(today=TODAY + dt.timedelta(days=1))
    assert _flags() == {
        late_on_the_day.pk: dt.date(2026, 5, 31),
        early_next_day.pk: dt.date(2026, 6, 1),
    }


def test_a_later_state_change_is_progress_and_closed_projects_are_not_flagged(
    unit_org: Organisation,
) -> None:
    long_ago = _local(dt.date(2026, 1, 5), dt.time(9))
    moved = approved_project(unit_org)
    _last_change(moved, long_ago)
    StateChange.objects.create(
        project=moved,
        from_state="contracted",
        to_state="construction",
        transition="start",
        at=_local(dt.date(2026, 6, 20), dt.time(9)),
    )
    idle = approved_project(unit_org)
    _last_change(idle, long_ago)
    StateChange.objects.create(
        project=idle, to_state="construction", transition="start", at=long_ago
    )
    closed = approved_project(unit_org, state="operation")
    _last_change(closed, long_ago)
    stale.flags_refresh(today=TODAY)
    assert _flags() == {idle.pk: dt.date(2026, 1, 5)}


def test_flags_are_kept_with_their_first_day_moved_and_cleared(unit_org: Organisation) -> None:
    kept = approved_project(unit_org)
    _last_change(kept, _local(dt.date(2026, 3, 1), dt.time(9)))
    moved = approved_project(unit_org)
    _last_change(moved, _local(dt.date(2026, 3, 1), dt.time(9)))
    cleared = approved_project(unit_org)
    _last_change(cleared, _local(dt.date(2026, 3, 1), dt.time(9)))
    assert stale.flags_refresh(today=TODAY) == "stale progress: 3 flagged, 0 cleared (30 days)"
    # Progress on one; another's last change found earlier than flagged (a corrected record).
    _last_change(cleared, _local(TODAY, dt.time(8)))
    _last_change(moved, _local(dt.date(2026, 2, 1), dt.time(9)))
    later = TODAY + dt.timedelta(days=3)
    assert stale.flags_refresh(today=later) == "stale progress: 0 flagged, 1 cleared (30 days)"
    assert _flags() == {kept.pk: dt.date(2026, 3, 1), moved.pk: dt.date(2026, 2, 1)}
    assert set(StaleFlag.objects.values_list("flagged_on", flat=True)) == {TODAY}
    events = AuditEvent.objects.filter(action="oversight.stale_flags")
    assert [(e.after or {})["flagged"] for e in events] == [3, 0]
    assert stale.flags_refresh(today=later).startswith("stale progress: 0 flagged, 0 cleared")
    assert events.count() == 2  # nothing changed, nothing recorded


def _refresh_queries(today: dt.date) -> int:
    with CaptureQueriesContext(connection) as captured:
        stale.flags_refresh(today=today)
    return len(captured.captured_queries)


def test_the_queries_do_not_grow_with_the_projects(unit_org: Organisation) -> None:
    old = _local(dt.date(2026, 1, 5), dt.time(9))

    def add(count: int) -> list[Project]:
        made = [approved_project(unit_org) for _ in range(count)]
        for project in made:
            _last_change(project, old)
        return made

    def run(made: list[Project], moved: list[Project]) -> tuple[int, int]:
        """Queries of a run that flags ``made`` and clears ``moved``, and of the daily run."""
        for project in moved:
            _last_change(project, timezone.now())
        first = _refresh_queries(TODAY)
        assert set(_flags()) >= {p.pk for p in made}
        return first, _refresh_queries(TODAY)

    few = add(2)
    few_queries = run(few, [])
    many = add(40)
    many_queries = run(many, few)
    assert many_queries == few_queries
    assert len(_flags()) == 40
