"""The dashboard keeps a user's figures per filters until an audited change, the next day or
the end of ``GOVIT_DASHBOARD_CACHE_SECONDS``."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.fixtures import Settings

from govit.core import audit
from govit.orgs.models import User
from govit.reports import selectors
from govit.reports.selectors import PortfolioFilter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cached(settings: Settings) -> None:
    settings.GOVIT_DASHBOARD_CACHE_SECONDS = 60
    cache.clear()


def test_a_second_visit_reads_the_kept_figures(
    reviewer: User, django_assert_max_num_queries: Any
) -> None:
    first, at = selectors.cached_portfolio(actor=reviewer)
    with django_assert_max_num_queries(1):  # the audit chain's head
        again, again_at = selectors.cached_portfolio(actor=reviewer)
    assert again == first
    assert again_at == at


def test_other_filters_and_other_users_have_their_own_figures(
    reviewer: User, applicant: User
) -> None:
    selectors.cached_portfolio(actor=reviewer)
    mine = selectors.cached_portfolio(actor=reviewer, filters=PortfolioFilter(state="draft"))
    assert mine[0].filters.state == "draft"
    theirs, _ = selectors.cached_portfolio(actor=applicant)
    assert theirs == selectors.portfolio(actor=applicant)


def test_an_audited_change_gives_new_figures(reviewer: User, project: Any) -> None:
    before, _ = selectors.cached_portfolio(actor=reviewer)
    audit.record(actor=reviewer, action="project.update", obj=project)
    with mock.patch.object(selectors, "portfolio", wraps=selectors.portfolio) as computed:
        selectors.cached_portfolio(actor=reviewer)
    assert computed.call_count == 1
    assert before.project_count >= 1


def test_the_next_day_and_another_language_compute_again(reviewer: User) -> None:
    selectors.cached_portfolio(actor=reviewer)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with mock.patch.object(selectors, "portfolio", wraps=selectors.portfolio) as computed:
        with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
            selectors.cached_portfolio(actor=reviewer)
        with translation.override("en"):
            selectors.cached_portfolio(actor=reviewer)
    assert computed.call_count == 2


def test_zero_seconds_turns_the_cache_off(settings: Settings, reviewer: User) -> None:
    settings.GOVIT_DASHBOARD_CACHE_SECONDS = 0
    with mock.patch.object(selectors, "portfolio", wraps=selectors.portfolio) as computed:
        selectors.cached_portfolio(actor=reviewer)
        selectors.cached_portfolio(actor=reviewer)
    assert computed.call_count == 2


def test_the_page_says_when_its_figures_were_computed(reviewer: User) -> None:
    client = Client()
    client.force_login(reviewer)
    response = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert 'data-testid="computed-at"' in response.content.decode()
