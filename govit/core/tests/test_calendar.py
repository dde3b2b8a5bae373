import datetime as dt

import pytest

from govit.core import calendar
from govit.core.calendar import DueDate, WorkCalendar, add_months
from govit.core.models import CalendarDay, CalendarYear

D = dt.date
CAL = WorkCalendar()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 9, 24), True),  # Thursday before the Mid-autumn Festival
        (D(2026, 9, 25), False),  # 中秋节
        (D(2026, 9, 28), True),
        (D(2026, 10, 1), False),  # 国庆节
        (D(2026, 10, 7), False),
        (D(2026, 10, 8), True),
        (D(2026, 9, 20), True),  # Sunday made a working day (调休)
        (D(2026, 10, 10), True),  # Saturday made a working day (调休)
        (D(2026, 10, 11), False),  # ordinary Sunday
    ],
)
def test_it_knows_the_2026_autumn_holidays_and_makeup_days(day, expected):
    assert CAL.is_workday(day) is expected
    assert CAL.day(day) == (expected, False)


def test_it_starts_a_working_day_period_the_day_after_the_event():
    # Monday 2026-09-21 + 1 working day is Tuesday, not Monday itself (民法典 第二百零一条).
    assert CAL.add_working_days(D(2026, 9, 21), 1) == DueDate(D(2026, 9, 22))


def test_it_skips_the_mid_autumn_and_national_day_holidays():
    # From Thursday 2026-09-24: 28, 29, 30 Sep, 8, 9 Oct are the five working days.
    assert CAL.add_working_days(D(2026, 9, 24), 5) == DueDate(D(2026, 10, 9))


def test_it_counts_the_makeup_saturday_as_a_working_day():
    # 2026-10-08 (Thu), 10-09 (Fri), 10-10 (Sat, 调休) ...
    assert CAL.add_working_days(D(2026, 10, 7), 3) == DueDate(D(2026, 10, 10))
    assert CAL.add_working_days(D(2026, 10, 7), 4) == DueDate(D(2026, 10, 12))


def test_it_counts_the_makeup_sunday_before_national_day():
    assert CAL.add_working_days(D(2026, 9, 18), 1) == DueDate(D(2026, 9, 20))


def test_it_counts_fifteen_working_days_across_the_golden_week():
    due = CAL.add_working_days(D(2026, 9, 21), 15)
    # 22-24 Sep, 28-30 Sep, 8-10 Oct (10 Oct is 调休), 12-16 Oct, 19 Oct.
    assert due == DueDate(D(2026, 10, 19))
    assert CAL.working_days_between(D(2026, 9, 21), due.date) == 15


def test_it_refuses_a_period_of_no_days():
    with pytest.raises(ValueError, match="at least one day"):
        CAL.add_working_days(D(2026, 1, 5), 0)


def test_it_falls_back_to_weekdays_and_marks_unknown_years_provisional():
    assert CAL.day(D(2031, 1, 6)) == (True, True)  # a Monday
    assert CAL.day(D(2031, 1, 4)) == (False, True)  # a Saturday
    due = CAL.add_working_days(D(2030, 12, 30), 3)
    assert due.provisional is True
    assert due.date == D(2031, 1, 2)


def test_it_is_not_provisional_when_the_period_stays_in_known_years():
    assert CAL.add_working_days(D(2026, 12, 1), 5).provisional is False


def test_it_lets_overrides_win_over_the_package():
    cal = WorkCalendar(overrides={D(2026, 9, 24): False})
    assert cal.add_working_days(D(2026, 9, 23), 1) == DueDate(D(2026, 9, 28))


def test_it_is_not_provisional_in_a_year_the_administrator_loaded():
    cal = WorkCalendar(overrides={D(2031, 1, 1): False}, covered_years={2031})
    assert cal.add_working_days(D(2030, 12, 31), 1) == DueDate(D(2031, 1, 2), False)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2026, 1, 15), 1, D(2026, 2, 15)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # no 31 February: the month's last day
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2026, 8, 31), 1, D(2026, 9, 30)),
        (D(2026, 3, 31), 6, D(2026, 9, 30)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 5, 10), 12, D(2027, 5, 10)),
        (D(2026, 5, 10), 24, D(2028, 5, 10)),
    ],
)
def test_it_ends_a_month_period_on_the_corresponding_day(start, months, end):
    assert add_months(start, months) == end


def test_it_moves_a_period_that_ends_on_a_holiday_to_the_next_working_day():
    # Three months from 2026-07-01 end on 2026-10-01, National Day: moved to 10-08.
    assert CAL.deadline_after_months(D(2026, 7, 1), 3) == DueDate(D(2026, 10, 8))
    assert CAL.deadline_after_months(D(2026, 7, 2), 3) == DueDate(D(2026, 10, 8))
    assert CAL.deadline_after_months(D(2026, 6, 28), 3) == DueDate(D(2026, 9, 28))


@pytest.mark.django_db
def test_it_reads_the_administrators_holiday_table():
    CalendarDay.objects.create(date=D(2026, 9, 24), is_workday=False, name="临时休假")
    assert calendar.is_workday(D(2026, 9, 24)) is False
    assert calendar.add_working_days(D(2026, 9, 23), 1) == DueDate(D(2026, 9, 28))


@pytest.mark.django_db
def test_it_treats_a_loaded_year_as_certain():
    CalendarYear.objects.create(year=2031, source="国办发明电〔2030〕N号")
    assert calendar.add_working_days(D(2031, 1, 5), 1).provisional is False
