"""The overdue list as one database query: boundary days, month ends, contracts, agreement with
the per-system computation, constant queries and pages."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.urls import reverse

from govit.core.calendar import WorkCalendar, add_months
from govit.security.models import Assessment, Grading, ServiceContract
from govit.security.overdue import filing_threshold, months_threshold, overdue_page
from govit.security.selectors import registers
from govit.systems.models import System
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db
CALENDAR = WorkCalendar()


def graded(system, user, level, graded_on, filed_on=None):
    return Grading.objects.create(
        system=system,
        business_level=level,
        service_level=1,
        level=level,
        graded_on=graded_on,
        filed_on=filed_on,
        filing_number="41010099999-25001" if filed_on else "",
        recorded_by=user,
    )


def assessed(system, user, kind, done_on):
    return Assessment.objects.create(
        system=system, kind=kind, done_on=done_on, conclusion="good", recorded_by=user
    )


def listed(actor, today):
    total, rows = overdue_page(actor=actor, today=today, calendar=CALENDAR, limit=1000)
    assert total == len(rows)
    return {(row.system.pk, row.duty.kind, row.duty.due, row.duty.basis) for row in rows}


def test_a_duty_due_today_is_not_overdue_and_due_yesterday_is(reviewer, applicant, unit_org):
    system = SystemFactory(unit=unit_org)
    graded(system, applicant, 3, dt.date(2024, 1, 10), filed_on=dt.date(2024, 1, 20))
    assessed(system, applicant, "mlps", dt.date(2025, 3, 10))
    assessed(system, applicant, "crypto", dt.date(2025, 3, 10))
    assert listed(reviewer, dt.date(2026, 3, 10)) == set()
    assert listed(reviewer, dt.date(2026, 3, 11)) == {
        (system.pk, "mlps", dt.date(2026, 3, 10), "GB/T 22239-2019"),
        (system.pk, "crypto", dt.date(2026, 3, 10), "GB/T 39786-2021"),
    }


def test_a_month_end_period_ends_on_the_last_day_of_a_shorter_month(reviewer, applicant, unit_org):
    leap = SystemFactory(unit=unit_org)
    graded(leap, applicant, 3, dt.date(2024, 1, 1), filed_on=dt.date(2024, 1, 2))
    assessed(leap, applicant, "mlps", dt.date(2024, 2, 29))
    assessed(leap, applicant, "crypto", dt.date(2025, 12, 1))
    level4 = SystemFactory(unit=unit_org)
    graded(level4, applicant, 4, dt.date(2024, 1, 1), filed_on=dt.date(2024, 1, 2))
    assessed(level4, applicant, "mlps", dt.date(2024, 8, 31))
    assessed(level4, applicant, "crypto", dt.date(2025, 1, 1))
    # 2024-02-29 + 12 months: 2025-02-28; 2024-08-31 + 6 months: 2025-02-28.
    assert listed(reviewer, dt.date(2025, 2, 28)) == set()
    assert listed(reviewer, dt.date(2025, 3, 1)) == {
        (leap.pk, "mlps", dt.date(2025, 2, 28), "GB/T 22239-2019"),
        (level4.pk, "mlps", dt.date(2025, 2, 28), "GB/T 22239-2019"),
    }


def test_the_filing_period_moves_past_a_closing_holiday(reviewer, applicant, unit_org):
    system = SystemFactory(unit=unit_org)
    graded(system, applicant, 2, dt.date(2025, 3, 10))
    # 30 days: 2025-04-09, a Wednesday.
    assert listed(reviewer, dt.date(2025, 4, 9)) == set()
    assert listed(reviewer, dt.date(2025, 4, 10)) == {
        (system.pk, "filing", dt.date(2025, 4, 9), "GB/T 22240-2020")
    }
    holiday = SystemFactory(unit=unit_org)
    # 2025-09-01 + 30 days = 2025-10-01, National Day: due on 2025-10-09 (first working day).
    graded(holiday, applicant, 2, dt.date(2025, 9, 1))
    assert (holiday.pk, "filing") not in {
        (s, k) for s, k, *_ in listed(reviewer, dt.date(2025, 10, 9))
    }
    assert (holiday.pk, "filing", dt.date(2025, 10, 9), "GB/T 22240-2020") in listed(
        reviewer, dt.date(2025, 10, 10)
    )


def test_running_contracts_owe_yearly_tests(reviewer, applicant, unit_org):
    system = SystemFactory(unit=unit_org)
    ServiceContract.objects.create(
        system=system, vendor="某公司", starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2027, 12, 31)
    )
    ended = SystemFactory(unit=unit_org)
    ServiceContract.objects.create(
        system=ended, vendor="旧公司", starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2025, 6, 30)
    )
    assert listed(reviewer, dt.date(2026, 1, 1)) == set()
    due = dt.date(2026, 1, 1)
    basis = "毕节 第二十八条"
    assert listed(reviewer, dt.date(2026, 1, 2)) == {
        (system.pk, kind, due, basis) for kind in ("security_test", "crypto", "risk")
    }
    # A penetration test discharges the information security test; one before the contract
    # does not discharge anything.
    assessed(system, applicant, "pentest", dt.date(2025, 11, 1))
    assessed(system, applicant, "risk", dt.date(2024, 12, 31))
    assert {kind for _, kind, *_ in listed(reviewer, dt.date(2026, 1, 2))} == {"crypto", "risk"}


def test_the_list_agrees_with_the_registers_of_each_system(reviewer, applicant, unit_org):
    rng = random.Random(6)
    start = dt.date(2023, 1, 1)

    def day():
        return start + dt.timedelta(days=rng.randrange(0, 1000))

    systems = [SystemFactory(unit=unit_org) for _ in range(40)]
    for system in systems:
        if rng.random() < 0.8:
            graded(system, applicant, rng.choice([1, 2, 3, 3, 4]), day(), rng.choice([None, day()]))
        for _ in range(rng.randrange(0, 4)):
            assessed(system, applicant, rng.choice(["mlps", "crypto", "risk", "pentest"]), day())
        if rng.random() < 0.4:
            begins = day()
            ServiceContract.objects.create(
                system=system,
                vendor="某公司",
                starts_on=begins,
                ends_on=begins + dt.timedelta(days=rng.randrange(100, 900)),
                crypto=rng.random() < 0.5,
            )
    for today in (
        dt.date(2024, 6, 30),
        dt.date(2025, 2, 28),
        dt.date(2025, 10, 8),
        dt.date(2026, 3, 1),
    ):
        expected = {
            (pk, duty.kind, duty.due, duty.basis)
            for pk, register in registers(systems, today=today, calendar=CALENDAR).items()
            for duty in register.overdue
        }
        assert listed(reviewer, today) == expected


def test_thresholds_are_the_last_overdue_start_day():
    for today in (dt.date(2025, 3, 1), dt.date(2024, 3, 1), dt.date(2025, 10, 9)):
        for months in (1, 6, 12):
            last = months_threshold(today, months)
            assert (
                add_months(last, months) < today <= add_months(last + dt.timedelta(days=1), months)
            )
        last = filing_threshold(today, CALENDAR)
        assert CALENDAR.deadline_after_days(last, 30).date < today
        assert CALENDAR.deadline_after_days(last + dt.timedelta(days=1), 30).date >= today


def _many(applicant, unit_org, count):
    for _ in range(count):
        system = SystemFactory(unit=unit_org)
        graded(system, applicant, 3, dt.date(2022, 1, 1))
        ServiceContract.objects.create(
            system=system,
            vendor="某公司",
            starts_on=dt.date(2024, 1, 1),
            ends_on=dt.date(2030, 1, 1),
        )


def test_the_page_and_api_take_a_constant_number_of_queries_and_page(
    client, reviewer, applicant, unit_org, django_assert_max_num_queries
):
    _many(applicant, unit_org, 3)
    client.force_login(reviewer)
    client.get(reverse("security-overdue"))
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse("security-overdue")).status_code == 200
        baseline = len(few)
    _many(applicant, unit_org, 30)
    with django_assert_max_num_queries(baseline):
        page = client.get(reverse("security-overdue")).content.decode()
    assert page.count('data-testid="overdue-duty"') == 50
    assert "第1页，共4页" in page
    second = client.get(reverse("security-overdue"), {"page": 4}).content.decode()
    assert second.count('data-testid="overdue-duty"') == 33 * 6 - 150
    with django_assert_max_num_queries(baseline):
        body = client.get("/api/v1/security/overdue", {"offset": 190, "limit": 20}).json()
    assert body["count"] == 33 * 6
    assert len(body["items"]) == 8
    dues = [item["duty"]["due"] for item in body["items"]]
    assert dues == sorted(dues)
    assert client.get("/api/v1/security/overdue", {"limit": 201}).status_code == 422


def test_other_units_duties_are_not_in_a_units_list(applicant, other_applicant, unit_org):
    system = SystemFactory(unit=unit_org)
    graded(system, applicant, 3, dt.date(2022, 1, 1))
    assert {pk for pk, *_ in listed(applicant, dt.date(2026, 1, 1))} == {system.pk}
    assert listed(other_applicant, dt.date(2026, 1, 1)) == set()
    assert System.objects.count() == 1
