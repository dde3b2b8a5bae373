"""Table versions in the shared cache (``row_versions``) and the working calendar kept by them."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.core.cache import cache

from govit.core import row_versions, selectors
from govit.core.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db


def test_a_version_holds_until_a_row_is_saved_or_deleted(shared_cache: None) -> None:
    first = row_versions.version(CalendarDay)
    assert row_versions.version(CalendarDay) == first
    assert row_versions.versions(CalendarDay, CalendarYear) == (
        first,
        row_versions.version(CalendarYear),
    )
    day = CalendarDay.objects.create(date=dt.date(2027, 7, 18), is_workday=True)
    saved = row_versions.version(CalendarDay)
    assert saved != first
    day.delete()
    assert row_versions.version(CalendarDay) not in (first, saved)
    row_versions.bump(CalendarYear)  # as a bulk load does


def test_the_working_calendar_is_kept_until_its_tables_change(
    shared_cache: None, django_assert_num_queries: Any
) -> None:
    sunday = dt.date(2027, 7, 18)
    with django_assert_num_queries(2):
        kept = selectors.work_calendar()
    with django_assert_num_queries(0):
        assert selectors.work_calendar() is kept
    assert not kept.is_workday(sunday)
    CalendarDay.objects.create(date=sunday, is_workday=True, name="调休上班")
    with django_assert_num_queries(2):
        again = selectors.work_calendar()
    assert again.is_workday(sunday)
    CalendarYear.objects.create(year=2027)
    assert selectors.work_calendar() is not again


def test_without_a_shared_cache_the_calendar_is_read_each_time(
    django_assert_num_queries: Any,
) -> None:
    assert not row_versions.shared()
    for _round in range(2):
        with django_assert_num_queries(2):
            selectors.work_calendar()


def test_a_version_changes_again_when_the_transaction_commits(
    shared_cache: None, django_capture_on_commit_callbacks: Any
) -> None:
    """A process that read the version bumped inside the transaction, before the commit, kept
    rows without the change: the commit gives the table yet another version."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        CalendarYear.objects.create(year=2028)
        inside = row_versions.version(CalendarYear)
    assert len(callbacks) == 1
    assert row_versions.version(CalendarYear) != inside


def test_a_subtree_is_walked_once_per_version_of_the_organisations(
    shared_cache: None, django_assert_num_queries: Any
) -> None:
    from govit.orgs import selectors as org_selectors
    from govit.orgs.models import Organisation
    from govit.orgs.tests.factories import OrganisationFactory

    top = OrganisationFactory(name="市局")
    child = OrganisationFactory(name="分局", parent=top)
    with django_assert_num_queries(2):  # one query per level: the child, then none below
        assert org_selectors.subtree_ids([top.pk]) == {top.pk, child.pk}
    with django_assert_num_queries(0):
        assert org_selectors.subtree_ids([top.pk]) == {top.pk, child.pk}
    grandchild = OrganisationFactory(name="所", parent=child)
    assert org_selectors.subtree_ids([top.pk]) == {top.pk, child.pk, grandchild.pk}
    grandchild.parent = None
    grandchild.save()
    assert org_selectors.subtree_ids([top.pk]) == {top.pk, child.pk}
    assert Organisation.objects.count() == 3


def test_a_cache_that_does_not_answer_makes_pages_read_not_fail(
    shared_cache: None, django_assert_num_queries: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """A Redis that is down: the versions are None, the tables are read each time, and a
    write still succeeds (its bump is logged)."""
    from govit.orgs import selectors as org_selectors
    from govit.orgs.tests.factories import OrganisationFactory

    top = OrganisationFactory(name="市局")
    down = ConnectionError("Redis is down")
    with (
        mock.patch.object(cache, "get_many", side_effect=down),
        mock.patch.object(cache, "set", side_effect=down),
    ):
        assert row_versions.version(CalendarDay) is None
        with django_assert_num_queries(2):
            selectors.work_calendar()
        with django_assert_num_queries(1):
            assert org_selectors.subtree_ids([top.pk]) == {top.pk}
        CalendarDay.objects.create(date=dt.date(2027, 7, 18), is_workday=True)
    assert CalendarDay.objects.count() == 1
    assert "could not be bumped" in caplog.text


def test_a_request_reads_each_version_once_and_sees_its_own_writes(shared_cache: None) -> None:
    """Between request_started and request_finished the versions read are kept (one round trip
    per table a request), a bump of the request's own replaces its table's; outside a request
    every call asks the cache."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    asked = mock.Mock(wraps=cache.get_many)
    # As Django's test client does: the test's transaction is not a connection to close.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with mock.patch.object(cache, "get_many", asked):
            request_started.send(sender=None)
            first = row_versions.version(CalendarDay)
            assert row_versions.version(CalendarDay) == first
            assert asked.call_count == 1
            CalendarDay.objects.create(date=dt.date(2027, 7, 18), is_workday=True)
            assert row_versions.version(CalendarDay) != first
            assert asked.call_count == 1
            request_finished.send(sender=None)
            row_versions.version(CalendarDay)
            row_versions.version(CalendarDay)
            assert asked.call_count == 3
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_inside_a_transaction_nothing_is_kept_or_served(
    shared_cache: None, django_assert_num_queries: Any
) -> None:
    """A transaction may write the tables and roll back, which gives them no new version: what
    it reads is computed afresh and not kept."""
    from django.db import transaction

    from govit.orgs import selectors as org_selectors
    from govit.orgs.tests.factories import OrganisationFactory

    top = OrganisationFactory(name="市局")
    with django_assert_num_queries(1):
        assert org_selectors.subtree_ids([top.pk]) == {top.pk}
    try:
        with transaction.atomic():
            child = OrganisationFactory(name="分局", parent=top)
            with django_assert_num_queries(2):
                assert org_selectors.subtree_ids([top.pk]) == {top.pk, child.pk}
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert org_selectors.subtree_ids([top.pk]) == {top.pk}
