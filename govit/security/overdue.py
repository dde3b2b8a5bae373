"""The competent department's list of overdue security duties, as one database query.

Each kind of duty (duties.py) is a part of a UNION: the filing, the 等级测评 and the 密评 of a
system's current grading, and the yearly tests every running service contract owes (Bijie
第二十八条). A part annotates, with subqueries, the day its period starts (the last assessment
of the kind, else the grading or the contract's start) and keeps the rows whose duty is
overdue on ``today``. Whether a duty is overdue is monotone in the start day, so Python
computes, once per period length, the last start day that is overdue today (``last_overdue_start``)
and the database compares the dates. The rows are ordered by the end of the period (months
added in SQL, 民法典 第二百零二条), so pages are stable; the page's rows get their due day
from duties.py (a filing period ending on a holiday moves to the next working day).

The list takes a constant number of queries (count, page, the page's systems) whatever the
number of systems: ``overdue_page``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    DateField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from govit.core.calendar import WorkCalendar, add_months
from govit.orgs.models import User
from govit.orgs.selectors import scoped
from govit.security.choices import AssessmentKind, DutyKind
from govit.security.duties import CONTRACT_ARTICLE, SECURITY_TEST_KINDS, Duty
from govit.security.models import Assessment, Grading, ServiceContract
from govit.systems.models import System

FILING_BASIS = "GB/T 22240-2020"
MLPS_BASIS = "GB/T 22239-2019"
CRYPTO_BASIS = "GB/T 39786-2021"
COLUMNS = ("row_system", "row_kind", "row_since", "row_last", "row_months", "row_due", "row_basis")


class AddMonths(Func):
    """``date + months`` ending on the last day of a shorter month (民法典 第二百零二条)."""

    output_field = DateField()
    arity = 2

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = (
            "MIN(DATE(%(expressions)s), "
            "DATE(%(date)s, 'start of month', '+' || (%(months)s + 1) || ' months', '-1 day'))"
        )
        date_sql, date_params = compiler.compile(self.source_expressions[0])
        months_sql, months_params = compiler.compile(self.source_expressions[1])
        sql = template % {
            "expressions": f"{date_sql}, '+' || ({months_sql}) || ' months'",
            "date": date_sql,
            "months": months_sql,
        }
        return sql, (*date_params, *months_params, *date_params, *months_params)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        date_sql, date_params = compiler.compile(self.source_expressions[0])
        months_sql, months_params = compiler.compile(self.source_expressions[1])
        return (
            f"(({date_sql}) + make_interval(months => ({months_sql})::integer))::date",
            (*date_params, *months_params),
        )


class AddDays(Func):
    """``date + days`` (calendar days)."""

    output_field = DateField()
    arity = 2

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        date_sql, date_params = compiler.compile(self.source_expressions[0])
        days_sql, days_params = compiler.compile(self.source_expressions[1])
        return f"DATE({date_sql}, '+' || ({days_sql}) || ' days')", (*date_params, *days_params)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        date_sql, date_params = compiler.compile(self.source_expressions[0])
        days_sql, days_params = compiler.compile(self.source_expressions[1])
        return f"(({date_sql}) + ({days_sql})::integer)", (*date_params, *days_params)


def last_overdue_start(today: dt.date, due_of: Callable[[dt.date], dt.date]) -> dt.date:
    """The last start day whose duty is overdue on ``today`` (its due day is before today).

    ``due_of`` must not decrease and must be at least its argument; the search walks back from
    the day before today, by months first, then by days."""
    day = today - dt.timedelta(days=1)
    step = dt.timedelta(days=1)
    # Skip back by the distance of the period itself, then walk day by day.
    guess = day - (due_of(day) - day)
    while due_of(guess) >= today:
        guess -= step
    while due_of(guess + step) < today:
        guess += step
    return guess


def months_threshold(today: dt.date, months: int) -> dt.date:
    return last_overdue_start(today, lambda day: add_months(day, months))


def filing_threshold(today: dt.date, calendar: WorkCalendar) -> dt.date:
    days = int(settings.GOVIT_MLPS_FILING_DAYS)
    return last_overdue_start(today, lambda day: calendar.deadline_after_days(day, days).date)


def _latest_done(
    kinds: frozenset[str], *, system: OuterRef, since: OuterRef | None = None
) -> Subquery:
    found = Assessment.objects.filter(system_id=system, kind__in=sorted(kinds))
    if since is not None:
        found = found.filter(done_on__gte=since)
    return Subquery(found.order_by("-done_on").values("done_on")[:1], output_field=DateField())


def _rows(queryset: QuerySet[Any], **columns: Any) -> QuerySet[Any]:
    """Annotate the union's columns in one order (a UNION pairs columns by position)."""
    named = {f"row_{name}": columns[name] for name in (c[4:] for c in COLUMNS)}
    rows: QuerySet[Any] = queryset.annotate(**named).values(*COLUMNS).order_by()
    return rows


def _grading_parts(systems: QuerySet[System], today: dt.date, calendar: WorkCalendar) -> list[Any]:
    current = Grading.objects.filter(system_id=OuterRef("pk")).order_by("-graded_on", "-id")
    graded = systems.annotate(
        g_level=Subquery(current.values("level")[:1], output_field=IntegerField()),
        g_on=Subquery(current.values("graded_on")[:1], output_field=DateField()),
        g_filed=Subquery(current.values("filed_on")[:1], output_field=DateField()),
    ).filter(g_level__isnull=False)
    filing_days = int(settings.GOVIT_MLPS_FILING_DAYS)
    filing = _rows(
        graded.filter(
            g_level__gte=2, g_filed__isnull=True, g_on__lte=filing_threshold(today, calendar)
        ),
        system=F("pk"),
        kind=Value(DutyKind.FILING.value),
        since=F("g_on"),
        last=Value(None, output_field=DateField()),
        months=Value(0),
        due=AddDays(F("g_on"), Value(filing_days)),
        basis=Value(FILING_BASIS),
    )
    months3 = int(settings.GOVIT_MLPS_TEST_MONTHS)
    months4 = int(settings.GOVIT_MLPS_TEST_MONTHS_L4)
    mlps_last = _latest_done(frozenset({AssessmentKind.MLPS}), system=OuterRef("pk"))
    mlps = graded.filter(g_level__gte=3).annotate(
        since=Coalesce(mlps_last, F("g_on"), output_field=DateField()),
        months=Case(When(g_level__gte=4, then=Value(months4)), default=Value(months3)),
    )
    mlps = _rows(
        mlps.filter(
            Q(g_level=3, since__lte=months_threshold(today, months3))
            | Q(g_level__gte=4, since__lte=months_threshold(today, months4))
        ),
        system=F("pk"),
        kind=Value(DutyKind.MLPS.value),
        since=F("since"),
        last=mlps_last,
        months=F("months"),
        due=AddMonths(F("since"), F("months")),
        basis=Value(MLPS_BASIS),
    )
    crypto_months = int(settings.GOVIT_CRYPTO_TEST_MONTHS)
    crypto_last = _latest_done(frozenset({AssessmentKind.CRYPTO}), system=OuterRef("pk"))
    crypto = graded.filter(g_level__gte=settings.GOVIT_CRYPTO_MIN_LEVEL).annotate(
        since=Coalesce(crypto_last, F("g_on"), output_field=DateField())
    )
    crypto = _rows(
        crypto.filter(since__lte=months_threshold(today, crypto_months)),
        system=F("pk"),
        kind=Value(DutyKind.CRYPTO.value),
        since=F("since"),
        last=crypto_last,
        months=Value(crypto_months),
        due=AddMonths(F("since"), Value(crypto_months)),
        basis=Value(CRYPTO_BASIS),
    )
    return [filing, mlps, crypto]


def _contract_parts(actor: User, today: dt.date) -> list[Any]:
    months = int(settings.GOVIT_CONTRACT_TEST_MONTHS)
    threshold = months_threshold(today, months)
    running = scoped(
        actor,
        ServiceContract.objects.filter(starts_on__lte=today, ends_on__gte=today),
        org_field="system__unit_id",
    )
    parts = []
    wanted = (
        ("security_test", DutyKind.SECURITY_TEST, SECURITY_TEST_KINDS),
        ("crypto", DutyKind.CRYPTO, frozenset({AssessmentKind.CRYPTO})),
        ("risk", DutyKind.RISK, frozenset({AssessmentKind.RISK})),
    )
    for flag, kind, kinds in wanted:
        last = _latest_done(kinds, system=OuterRef("system_id"), since=OuterRef("starts_on"))
        owed = running.filter(**{flag: True}).annotate(
            since=Coalesce(last, F("starts_on"), output_field=DateField())
        )
        parts.append(
            _rows(
                owed.filter(since__lte=threshold),
                system=F("system_id"),
                kind=Value(kind.value),
                since=F("since"),
                last=last,
                months=Value(months),
                due=AddMonths(F("since"), Value(months)),
                basis=Value(CONTRACT_ARTICLE),
            )
        )
    return parts


def overdue_rows(*, actor: User, today: dt.date, calendar: WorkCalendar) -> QuerySet[Any]:
    """Every overdue duty of the systems the actor may read, one row per duty and source, the
    earliest due first (a lazy UNION query of dicts with the ``COLUMNS`` keys)."""
    systems = scoped(actor, System.objects.all(), org_field="unit_id")
    first, *others = [*_grading_parts(systems, today, calendar), *_contract_parts(actor, today)]
    union: QuerySet[Any] = first.union(*others, all=True)
    return union.order_by("row_due", "row_system", "row_kind")


@dataclass(frozen=True)
class OverdueRow:
    system: System
    duty: Duty


def _duty(row: dict[str, Any], calendar: WorkCalendar, today: dt.date) -> Duty:
    since = _as_date(row["row_since"])
    if row["row_kind"] == DutyKind.FILING:
        due = calendar.deadline_after_days(since, int(settings.GOVIT_MLPS_FILING_DAYS))
        day, provisional = due.date, due.provisional
    else:
        day, provisional = add_months(since, int(row["row_months"])), False
    last = row["row_last"]
    return Duty(
        kind=row["row_kind"],
        due=day,
        overdue=today > day,
        basis=row["row_basis"],
        last_done=_as_date(last) if last is not None else None,
        provisional=provisional,
    )


def _as_date(value: dt.date | str) -> dt.date:
    # A UNION's columns may come back as text from SQLite.
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def overdue_page(
    *,
    actor: User,
    today: dt.date,
    calendar: WorkCalendar,
    offset: int = 0,
    limit: int = 50,
) -> tuple[int, list[OverdueRow]]:
    """The number of overdue duties and the rows ``offset`` to ``offset + limit`` (3 queries
    plus the actor's scope)."""
    rows = overdue_rows(actor=actor, today=today, calendar=calendar)
    total = rows.count()
    return total, _resolve(list(rows[offset : offset + limit]), calendar, today)


def overdue_paginated(
    *, actor: User, today: dt.date, calendar: WorkCalendar, number: Any, per_page: int = 50
) -> tuple[Page[Any], list[OverdueRow]]:
    """A page of the list for the pages (Django's paginator; ``number`` from the request)."""
    page = Paginator(overdue_rows(actor=actor, today=today, calendar=calendar), per_page).get_page(
        number
    )
    return page, _resolve(list(page.object_list), calendar, today)


def _resolve(
    rows: list[dict[str, Any]], calendar: WorkCalendar, today: dt.date
) -> list[OverdueRow]:
    systems = System.objects.select_related("unit").in_bulk({row["row_system"] for row in rows})
    return [OverdueRow(systems[row["row_system"]], _duty(row, calendar, today)) for row in rows]
