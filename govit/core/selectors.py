"""Read queries of the core app."""

from __future__ import annotations

from govit.core import row_versions
from govit.core.calendar import WorkCalendar
from govit.core.models import CalendarDay, CalendarYear

# The calendar last built, by the versions of its two tables.
_calendars: row_versions.Kept[WorkCalendar] = row_versions.Kept(limit=1)


def work_calendar() -> WorkCalendar:
    """The working calendar, from the administrator's table (two small queries).

    With a shared cache (``row_versions``) the calendar is built once per version of its
    tables and kept by each process (a project's page, the deadlines and the tick read it;
    it changes a few times a year); it never changes once built, so requests share it."""
    return _calendars.get((CalendarDay, CalendarYear), "calendar", _read)


def _read() -> WorkCalendar:
    overrides = dict(CalendarDay.objects.values_list("date", "is_workday"))
    years = frozenset(CalendarYear.objects.values_list("year", flat=True))
    return WorkCalendar(overrides=overrides, covered_years=years)
