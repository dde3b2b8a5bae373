"""Read queries of the core app."""

from __future__ import annotations

from govit.core.calendar import WorkCalendar
from govit.core.models import CalendarDay, CalendarYear


def work_calendar() -> WorkCalendar:
    """Build the calendar from the administrator's table (two small queries)."""
    overrides = dict(CalendarDay.objects.values_list("date", "is_workday"))
    years = frozenset(CalendarYear.objects.values_list("year", flat=True))
    return WorkCalendar(overrides=overrides, covered_years=years)
