"""The dashboard keeps its figures per scope, filters, language and date, shares them between
the users who see the same projects, and serves them stale while one request recomputes them
(ADR 0024)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.fixtures import Settings

from govit.core import audit
from govit.core.spread import spread
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.orgs.tests.factories import member
from govit.projects.models import Project
from govit.projects.tests.factories import ProjectFactory
from govit.reports import dashboard_cache, selectors
from govit.reports.selectors import PortfolioFilter
from govit.reviews.models import Review
from govit.reviews.workflow_models import ReviewTask

pytestmark = pytest.mark.django_db

LIFETIME = 60


@pytest.fixture(autouse=True)
def _cached(settings: Settings, request: pytest.FixtureRequest) -> Iterator[None]:
    settings.GOVIT_DASHBOARD_CACHE_SECONDS = LIFETIME
    # The request that finds the figures due recomputes them itself (the background
    # recomputation has its own tests below).
    settings.GOVIT_DASHBOARD_BACKGROUND = False
    cache.clear()
    if request.node.get_closest_marker("spread"):
        yield
        return
    # Every entry due at exactly its lifetime (the spread has its own tests below).
    with mock.patch.object(dashboard_cache, "spread", return_value=0):
        yield


@contextmanager
def _computations() -> Iterator[mock.MagicMock]:
    with mock.patch.object(selectors, "portfolio", wraps=selectors.portfolio) as computed:
        yield computed


@contextmanager
def _at(moment: dt.datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def test_it_shares_the_figures_of_officials_with_the_same_scope(
    reviewer: User, competent_org: Organisation, project: Project
) -> None:
    colleague = member(Role.COMPETENT, competent_org, username="colleague")
    mine, at = dashboard_cache.cached_portfolio(actor=reviewer)
    with _computations() as computed:
        theirs, their_at = dashboard_cache.cached_portfolio(actor=colleague)
    assert computed.call_count == 0
    assert (theirs, their_at) == (mine, at)
    assert theirs.project_count == 1


def test_different_scopes_get_their_own_figures(
    reviewer: User, applicant: User, other_applicant: User, unit_org: Organisation
) -> None:
    ProjectFactory(unit=unit_org)
    ProjectFactory(unit=unit_org)
    everything, _ = dashboard_cache.cached_portfolio(actor=reviewer)
    with _computations() as computed:
        ours, _ = dashboard_cache.cached_portfolio(actor=applicant)
        theirs, _ = dashboard_cache.cached_portfolio(actor=other_applicant)
    assert computed.call_count == 2
    assert (everything.project_count, ours.project_count, theirs.project_count) == (2, 2, 0)
    assert dashboard_cache.cached_portfolio(actor=other_applicant)[0].project_count == 0


def test_a_clerk_whose_reviews_count_their_own_tasks_has_their_own_figures(
    reviewer: User, applicant: User, unit_org: Organisation
) -> None:
    """A unit reads its closed reviews and the reviews it holds a task in: a colleague of
    the same unit without the task must not see it counted."""
    colleague = member(Role.UNIT, unit_org, username="colleague")
    project = ProjectFactory(unit=unit_org, state="review")
    review = Review.objects.create(
        project=project,
        kind="joint",
        rulebook=project.rulebook,
        opened_on=timezone.localdate(),
        review_on=timezone.localdate(),
        created_by=reviewer,
    )
    ReviewTask.objects.create(
        review=review, step="countersign", assignee=applicant, created_by=reviewer
    )
    mine, _ = dashboard_cache.cached_portfolio(actor=applicant)
    theirs, _ = dashboard_cache.cached_portfolio(actor=colleague)
    assert sum(bar.value for bar in mine.reviews) == 1
    assert sum(bar.value for bar in theirs.reviews) == 0
    assert dashboard_cache.scope_of(applicant) != dashboard_cache.scope_of(colleague)


def test_the_scope_follows_the_memberships(reviewer: User, competent_org: Organisation) -> None:
    before = dashboard_cache.scope_of(reviewer)
    member(Role.COMPETENT, competent_org, username="someone")
    assert dashboard_cache.scope_of(User.objects.get(pk=reviewer.pk)) == before
    reviewer.memberships.all().delete()
    assert dashboard_cache.scope_of(User.objects.get(pk=reviewer.pk)) != before


def test_an_audited_change_keeps_the_figures_until_they_are_due(
    reviewer: User, project: Project
) -> None:
    first, at = dashboard_cache.cached_portfolio(actor=reviewer)
    audit.record(actor=reviewer, action="project.update", obj=project)
    with _computations() as computed:
        again, again_at = dashboard_cache.cached_portfolio(actor=reviewer)
    assert computed.call_count == 0
    assert (again, again_at) == (first, at)


def test_a_second_visit_costs_no_query(reviewer: User, django_assert_num_queries: Any) -> None:
    dashboard_cache.cached_portfolio(actor=reviewer)
    reviewer = User.objects.get(pk=reviewer.pk)
    with django_assert_num_queries(1):  # the memberships, for the scope
        dashboard_cache.cached_portfolio(actor=reviewer)


def test_the_figures_are_due_at_exactly_their_lifetime(reviewer: User) -> None:
    _, at = dashboard_cache.cached_portfolio(actor=reviewer)
    with _computations() as computed:
        with _at(at + dt.timedelta(seconds=LIFETIME, microseconds=-1)):
            _, kept_at = dashboard_cache.cached_portfolio(actor=reviewer)
        assert computed.call_count == 0
        assert kept_at == at
        later = at + dt.timedelta(seconds=LIFETIME)
        with _at(later):
            _, new_at = dashboard_cache.cached_portfolio(actor=reviewer)
        assert computed.call_count == 1
        assert new_at == later


@pytest.mark.spread
def test_an_entry_is_due_its_spread_before_the_end_of_its_lifetime(reviewer: User) -> None:
    _, at = dashboard_cache.cached_portfolio(actor=reviewer)
    early = spread(dashboard_cache.key_for(reviewer, PortfolioFilter()), LIFETIME)
    due = at + dt.timedelta(seconds=LIFETIME - early)
    with _computations() as computed:
        with _at(due - dt.timedelta(microseconds=1)):
            dashboard_cache.cached_portfolio(actor=reviewer)
        assert computed.call_count == 0
        with _at(due):
            dashboard_cache.cached_portfolio(actor=reviewer)
        assert computed.call_count == 1


def test_while_one_request_recomputes_the_others_get_the_previous_figures(
    reviewer: User,
) -> None:
    first, at = dashboard_cache.cached_portfolio(actor=reviewer)
    key = dashboard_cache.key_for(reviewer, PortfolioFilter())
    assert cache.add(key + ":lock", 1, 30)  # another request is recomputing
    with _computations() as computed, _at(at + dt.timedelta(seconds=LIFETIME + 5)):
        kept, kept_at = dashboard_cache.cached_portfolio(actor=reviewer)
        assert computed.call_count == 0
        assert (kept, kept_at) == (first, at)
        cache.delete(key + ":lock")  # it is done (without storing, here)
        dashboard_cache.cached_portfolio(actor=reviewer)
        assert computed.call_count == 1
    assert cache.get(key + ":lock") is None  # the recomputing request released its lock


def test_without_previous_figures_a_request_computes_even_under_the_lock(
    reviewer: User,
) -> None:
    key = dashboard_cache.key_for(reviewer, PortfolioFilter())
    cache.add(key + ":lock", 1, 30)
    with _computations() as computed:
        dashboard_cache.cached_portfolio(actor=reviewer)
    assert computed.call_count == 1
    assert cache.get(key + ":lock") == 1  # not ours to release


def test_refresh_now_recomputes_figures_ten_seconds_old(reviewer: User) -> None:
    _, at = dashboard_cache.cached_portfolio(actor=reviewer)
    seconds = dashboard_cache.REFRESH_SECONDS
    with _computations() as computed:
        with _at(at + dt.timedelta(seconds=seconds - 1)):
            dashboard_cache.cached_portfolio(actor=reviewer, fresh=True)
        assert computed.call_count == 0
        with _at(at + dt.timedelta(seconds=seconds)):
            dashboard_cache.cached_portfolio(actor=reviewer, fresh=True)
        assert computed.call_count == 1


def test_language_date_and_filters_have_their_own_figures(reviewer: User) -> None:
    dashboard_cache.cached_portfolio(actor=reviewer)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with _computations() as computed:
        with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
            dashboard_cache.cached_portfolio(actor=reviewer)
        with translation.override("en"):
            dashboard_cache.cached_portfolio(actor=reviewer)
        drafts, _ = dashboard_cache.cached_portfolio(
            actor=reviewer, filters=PortfolioFilter(state="draft")
        )
        dashboard_cache.cached_portfolio(actor=reviewer, filters=PortfolioFilter(state="draft"))
    assert computed.call_count == 3
    assert drafts.filters.state == "draft"


def test_figures_kept_by_another_version_of_the_code_are_not_read(reviewer: User) -> None:
    dashboard_cache.cached_portfolio(actor=reviewer)
    changed = mock.patch.object(dashboard_cache, "_format", return_value="changed")
    with _computations() as computed, changed:
        dashboard_cache.cached_portfolio(actor=reviewer)
    assert computed.call_count == 1


def test_zero_seconds_turns_the_cache_off(settings: Settings, reviewer: User) -> None:
    settings.GOVIT_DASHBOARD_CACHE_SECONDS = 0
    with _computations() as computed:
        dashboard_cache.cached_portfolio(actor=reviewer)
        dashboard_cache.cached_portfolio(actor=reviewer)
    assert computed.call_count == 2
    assert not cache.get(dashboard_cache.key_for(reviewer, PortfolioFilter()))


def test_the_page_says_when_its_figures_were_computed_and_offers_a_refresh(
    reviewer: User,
) -> None:
    client = Client()
    client.force_login(reviewer)
    response = client.get(reverse("dashboard"), {"plan_year": 2026})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="computed-at"' in page
    assert 'href="?plan_year=2026&amp;fresh=1" data-testid="refresh-figures"' in page


def test_the_refresh_link_recomputes_and_the_page_links_keep_only_the_filters(
    reviewer: User,
) -> None:
    client = Client()
    client.force_login(reviewer)
    client.get(reverse("dashboard"), {"plan_year": 2026})
    _, at = dashboard_cache.cached_portfolio(actor=reviewer, filters=PortfolioFilter(2026))
    with _computations() as computed, _at(at + dt.timedelta(seconds=30)):
        response = client.get(reverse("dashboard"), {"plan_year": "2026", "fresh": "1"})
    page = response.content.decode()
    assert computed.call_count == 1
    assert "projects.xlsx?plan_year=2026" in page
    links = re.findall(r'href="([^"]*)"', page)
    assert [link for link in links if "fresh=" in link] == ["?plan_year=2026&amp;fresh=1"]


def test_without_the_cache_the_page_has_no_refresh_link(settings: Settings, reviewer: User) -> None:
    settings.GOVIT_DASHBOARD_CACHE_SECONDS = 0
    client = Client()
    client.force_login(reviewer)
    page = client.get(reverse("dashboard")).content.decode()
    assert 'data-testid="computed-at"' in page
    assert "refresh-figures" not in page


def test_the_finance_view_shows_the_dashboards_money_figures_and_live_rows(
    finance_clerk: User, unit_org: Organisation
) -> None:
    """The finance view's totals are the dashboard's money figures of the same scope and
    filters, from the same entry (computed once for both pages), labelled with their time;
    its rows are read at each visit."""
    from decimal import Decimal

    ProjectFactory(unit=unit_org, investment=Decimal("500000"))
    client = Client()
    client.force_login(finance_clerk)
    with _computations() as computed:
        first = client.get(reverse("finance-view"))
        client.get(reverse("dashboard"))
    assert computed.call_count == 1
    applied = {bar.key: bar.value for bar in first.context["totals"]}["applied"]
    assert applied == Decimal("500000")
    assert 'data-testid="totals-as-of"' in first.content.decode()
    ProjectFactory(unit=unit_org, investment=Decimal("700000"))
    again = client.get(reverse("finance-view"))
    assert again.context["totals"] == first.context["totals"]  # not due yet
    assert len(again.context["rows"]) == len(first.context["rows"]) + 1
    later = timezone.now() + dt.timedelta(seconds=LIFETIME + 1)
    with _at(later):
        due = client.get(reverse("finance-view"))
    assert {bar.key: bar.value for bar in due.context["totals"]}["applied"] == Decimal("1200000")


REDIS_URL = "redis://127.0.0.1:6379/1"


def _redis_reachable() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except Exception:
        return False


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_workers_share_the_figures_through_redis(
    reviewer: User, competent_org: Organisation
) -> None:
    from django.core.cache.backends.redis import RedisCache

    prefix = f"govit-test-{uuid.uuid4().hex}"
    backend = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }
    colleague = member(Role.COMPETENT, competent_org, username="colleague")
    with override_settings(CACHES={"default": backend}):
        key = dashboard_cache.key_for(reviewer, PortfolioFilter())
        try:
            _, at = dashboard_cache.cached_portfolio(actor=reviewer)
            # Another worker: its own connection to the same Redis.
            other = RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
            assert other.get(key)[1] == at
            with _computations() as computed:
                _, their_at = dashboard_cache.cached_portfolio(actor=colleague)
            assert computed.call_count == 0
            assert their_at == at
        finally:
            cache.delete(key)


@pytest.fixture
def background(settings: Settings) -> Iterator[list[Any]]:
    """The background recomputation on, its work run in place when it starts (the list
    holds each piece of work started)."""
    settings.GOVIT_DASHBOARD_BACKGROUND = True
    started: list[Any] = []

    def run_in_place(work: Any) -> None:
        started.append(work)
        work()

    with mock.patch.object(dashboard_cache, "start_thread", run_in_place):
        yield started


def test_due_figures_are_served_while_the_background_recomputes_them(
    reviewer: User, background: list[Any]
) -> None:
    first, at = dashboard_cache.cached_portfolio(actor=reviewer)  # none yet: computed here
    assert background == []
    later = at + dt.timedelta(seconds=LIFETIME)
    with _computations() as computed, _at(later):
        served, served_at = dashboard_cache.cached_portfolio(actor=reviewer)
        assert (served, served_at) == (first, at)  # the visit does not wait
        assert computed.call_count == 1  # the background did the work
        assert len(background) == 1
        _, kept_at = dashboard_cache.cached_portfolio(actor=reviewer)
    assert kept_at == later
    key = dashboard_cache.key_for(reviewer, PortfolioFilter())
    assert cache.get(key + ":lock") is None


def test_figures_not_yet_due_start_no_background_work(
    reviewer: User, background: list[Any]
) -> None:
    _, at = dashboard_cache.cached_portfolio(actor=reviewer)
    with _at(at + dt.timedelta(seconds=LIFETIME, microseconds=-1)):
        dashboard_cache.cached_portfolio(actor=reviewer)
    assert background == []


def test_under_the_lock_no_second_background_work_starts(
    reviewer: User, background: list[Any]
) -> None:
    first, at = dashboard_cache.cached_portfolio(actor=reviewer)
    key = dashboard_cache.key_for(reviewer, PortfolioFilter())
    cache.add(key + ":lock", 1, 30)
    with _at(at + dt.timedelta(seconds=LIFETIME + 1)):
        assert dashboard_cache.cached_portfolio(actor=reviewer) == (first, at)
    assert background == []
    assert cache.get(key + ":lock") == 1


def test_a_failed_background_recomputation_keeps_the_figures_and_frees_the_lock(
    reviewer: User, background: list[Any], caplog: pytest.LogCaptureFixture
) -> None:
    first, at = dashboard_cache.cached_portfolio(actor=reviewer)
    key = dashboard_cache.key_for(reviewer, PortfolioFilter())
    broken = mock.patch.object(selectors, "portfolio", side_effect=RuntimeError("database gone"))
    with broken, _at(at + dt.timedelta(seconds=LIFETIME)):
        assert dashboard_cache.cached_portfolio(actor=reviewer) == (first, at)
    assert cache.get(key) == (first, at)
    assert cache.get(key + ":lock") is None
    assert "could not be recomputed" in caplog.text


def test_refresh_now_waits_for_the_figures_even_with_the_background_on(
    reviewer: User, background: list[Any]
) -> None:
    _, at = dashboard_cache.cached_portfolio(actor=reviewer)
    later = at + dt.timedelta(seconds=dashboard_cache.REFRESH_SECONDS)
    with _at(later):
        _, new_at = dashboard_cache.cached_portfolio(actor=reviewer, fresh=True)
    assert new_at == later
    assert background == []


def test_the_first_visit_of_the_day_gets_yesterdays_figures_while_todays_are_computed(
    reviewer: User, background: list[Any]
) -> None:
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=yesterday):
        old, old_at = dashboard_cache.cached_portfolio(actor=reviewer)
    with _computations() as computed:
        served, served_at = dashboard_cache.cached_portfolio(actor=reviewer)
        assert (served, served_at) == (old, old_at)
        assert computed.call_count == 1  # today's, in the background
    assert cache.get(dashboard_cache.key_for(reviewer, PortfolioFilter())) is not None
    # Two days old: not served; the visit computes.
    with mock.patch("django.utils.timezone.localdate", return_value=today + dt.timedelta(days=2)):
        with _computations() as computed:
            dashboard_cache.cached_portfolio(actor=reviewer)
        assert computed.call_count == 1
    assert len(background) == 1


def test_the_background_recomputes_in_the_language_of_the_visit(
    reviewer: User, background: list[Any]
) -> None:
    with translation.override("en"):
        first, at = dashboard_cache.cached_portfolio(actor=reviewer)
        with _at(at + dt.timedelta(seconds=LIFETIME)):
            dashboard_cache.cached_portfolio(actor=reviewer)
        again, _ = dashboard_cache.cached_portfolio(actor=reviewer)
    assert [bar.label for bar in again.money] == [bar.label for bar in first.money]
    assert again.money[0].label == "Applied for"


@pytest.mark.django_db(transaction=True)
def test_a_real_thread_recomputes_with_its_own_connection(
    settings: Settings, competent_org: Organisation, unit_org: Organisation
) -> None:
    settings.GOVIT_DASHBOARD_BACKGROUND = True
    official = member(Role.COMPETENT, competent_org, username="thread-reader")
    first, at = dashboard_cache.cached_portfolio(actor=official)
    ProjectFactory(unit=unit_org)
    threads: list[Any] = []

    def start(work: Any) -> Any:
        threads.append(real_start(work))
        return threads[0]

    real_start = dashboard_cache.start_thread
    parallel: list[str] = []
    compute = selectors.portfolio

    def portfolio(**kwargs: Any) -> Any:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW max_parallel_workers_per_gather")
                parallel.append(cursor.fetchone()[0])
        return compute(**kwargs)

    started = mock.patch.object(dashboard_cache, "start_thread", start)
    watched = mock.patch.object(selectors, "portfolio", portfolio)
    with started, watched:
        with _at(at + dt.timedelta(seconds=LIFETIME)):
            assert dashboard_cache.cached_portfolio(actor=official)[0] == first
        threads[0].join(timeout=30)
    assert not threads[0].is_alive()
    if connection.vendor == "postgresql":
        assert parallel == ["0"]  # the thread's queries run on one core
    renewed, _ = cache.get(dashboard_cache.key_for(official, PortfolioFilter()))
    assert renewed.project_count == first.project_count + 1
