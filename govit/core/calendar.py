"""The working-day calendar and the legal reading of periods.

- 民法典 第二百零一条: a period counted in days, months or years starts the day after the event.
- 民法典 第二百零二条: a period in months ends on the corresponding day of the last month; where
  that month has no such day, on its last day.
- 民法典 第二百零三条: a period whose last day is a statutory holiday ends on the day after it.

Working days come from the administrator's table (``CalendarDay``, for years whose notice the
administrator has loaded, and for corrections) and then from the ``chinese-calendar`` package.
For a year that neither covers, Monday to Friday are working days and every answer built on
such a day is marked provisional, so a deadline can be recomputed once the notice is out.

``WorkCalendar`` is a pure object: the policy engine receives one and never reads the database.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import chinese_calendar


@dataclass(frozen=True, slots=True)
class DueDate:
    """A computed date, provisional when some day it depends on had no holiday data."""

    date: dt.date
    provisional: bool = False


@dataclass(frozen=True)
class WorkCalendar:
    """Working days: overrides first, then chinese-calendar, then Monday to Friday."""

    overrides: Mapping[dt.date, bool] = field(default_factory=dict)
    covered_years: Collection[int] = field(default_factory=frozenset)
    # The calendar never changes once built, so periods already counted are remembered.
    _periods: dict[tuple[dt.date, int], DueDate] = field(
        default_factory=dict, compare=False, repr=False
    )

    def day(self, day: dt.date) -> tuple[bool, bool]:
        """Return ``(is_workday, provisional)`` for ``day``."""
        if day in self.overrides:
            return self.overrides[day], False
        known = _package_workday(day)
        if known is not None:
            return known, False
        return day.weekday() < 5, day.year not in self.covered_years  # Monday to Friday

    def is_workday(self, day: dt.date) -> bool:
        return self.day(day)[0]

    def add_working_days(self, start: dt.date, days: int) -> DueDate:
        """Return the ``days``-th working day after ``start`` (the event day is not counted)."""
        if days < 1:
            raise ValueError("a period of working days has at least one day")
        known = self._periods.get((start, days))
        if known is not None:
            return known
        due = self._count_working_days(start, days)
        self._periods[(start, days)] = due
        return due

    def _count_working_days(self, start: dt.date, days: int) -> DueDate:
        current = start
        counted = 0
        provisional = False
        while counted < days:
            current += dt.timedelta(days=1)
            workday, unsure = self.day(current)
            provisional = provisional or unsure
            if workday:
                counted += 1
        return DueDate(current, provisional)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Count working days after ``start`` up to and including ``end``."""
        count = 0
        current = start
        while current < end:
            current += dt.timedelta(days=1)
            if self.is_workday(current):
                count += 1
        return count

    def next_workday_on_or_after(self, day: dt.date) -> DueDate:
        """Return ``day`` if it is a working day, else the next one (民法典 第二百零三条)."""
        current = day
        provisional = False
        while True:
            workday, unsure = self.day(current)
            provisional = provisional or unsure
            if workday:
                return DueDate(current, provisional)
            current += dt.timedelta(days=1)

    def deadline_after_months(self, start: dt.date, months: int) -> DueDate:
        """A period of ``months`` months from the event, moved past a closing holiday."""
        return self.next_workday_on_or_after(add_months(start, months))

    def deadline_after_days(self, start: dt.date, days: int) -> DueDate:
        """A period of ``days`` calendar days from the event, moved past a closing holiday."""
        return self.next_workday_on_or_after(start + dt.timedelta(days=days))


@lru_cache(maxsize=16384)
def _package_workday(day: dt.date) -> bool | None:
    """chinese-calendar's answer for ``day``, or None for a year it does not cover."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def add_months(start: dt.date, months: int) -> dt.date:
    """Return the last day of a period of ``months`` months from ``start`` (第二百零二条)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = _stdlib_calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last))


PURE_CALENDAR = WorkCalendar()


def current() -> WorkCalendar:
    """The deployment's calendar: the administrator's table over chinese-calendar."""
    from govit.core.selectors import work_calendar

    return work_calendar()


def is_workday(day: dt.date) -> bool:
    """Whether ``day`` is a working day in this deployment's calendar."""
    return current().is_workday(day)


def add_working_days(start: dt.date, days: int) -> DueDate:
    """The ``days``-th working day after ``start`` in this deployment's calendar."""
    return current().add_working_days(start, days)
