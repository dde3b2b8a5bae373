"""The home page's next actions: providers asked only for the roles they serve, and the per-user
cache keyed on the audit chain's head, the language and the date (ADR 0022)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.fixtures import Settings

from govit.core import actions
from govit.core.actions import NextAction
from govit.core.spread import spread
from govit.orgs import services
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.orgs.tests.factories import OrganisationFactory, UserFactory, member

BROWSE = "/accounts/organisations/"


@pytest.fixture
def cached(settings: Settings) -> Iterator[None]:
    """The cache on (the suite turns it off: its factories write without audit events)."""
    settings.GOVIT_HOME_ACTIONS_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def browse_count(user: User) -> int | None:
    """The count of the competent department's "browse organisations" action."""
    return next(a.count for a in actions.for_user(user) if a.url == BROWSE)


def fresh(user: User) -> User:
    """The user as the next request loads it (nothing cached on the object)."""
    return User.objects.get(pk=user.pk)


@pytest.mark.usefixtures("cached")
def test_a_cached_second_call_reads_only_the_audit_head(reviewer: User) -> None:
    first = actions.for_user(reviewer)
    with CaptureQueriesContext(connection) as captured:
        second = actions.for_user(reviewer)
    assert second == first
    assert [q["sql"] for q in captured.captured_queries if "core_auditevent" not in q["sql"]] == []
    assert len(captured.captured_queries) == 1


@pytest.mark.usefixtures("cached")
def test_the_cached_actions_are_those_computed(reviewer: User, applicant: User) -> None:
    for user in (reviewer, applicant):
        assert actions.for_user(user) == actions.compute(fresh(user))
        assert actions.for_user(fresh(user)) == actions.compute(fresh(user))


@pytest.mark.usefixtures("cached")
def test_an_audited_business_action_shows_on_the_next_home_page(reviewer: User) -> None:
    before = browse_count(reviewer)
    services.organisation_create(actor=reviewer, name="新设单位", kind=Role.UNIT)
    assert browse_count(fresh(reviewer)) == before + 1  # type: ignore[operator]


@pytest.mark.usefixtures("cached")
def test_a_write_without_audit_waits_for_the_entry_to_expire(reviewer: User) -> None:
    """What the bounded lifetime is for: data written outside services (bulk loads)."""
    before = browse_count(reviewer)
    OrganisationFactory()
    assert browse_count(fresh(reviewer)) == before
    cache.clear()  # as the entry's expiry would
    assert browse_count(fresh(reviewer)) == before + 1  # type: ignore[operator]


@pytest.mark.usefixtures("cached")
def test_an_entry_lives_at_most_the_configured_seconds(reviewer: User, settings: Settings) -> None:
    settings.GOVIT_HOME_ACTIONS_CACHE_SECONDS = 17
    with mock.patch.object(cache, "set", wraps=cache.set) as stored:
        actions.for_user(reviewer)
    key, _rows, lifetime = stored.call_args.args
    # Up to a fifth less, by key: the entries made together do not expire together.
    assert lifetime == 17 - spread(key, 17)
    assert 14 <= lifetime <= 17


@pytest.mark.usefixtures("cached")
def test_another_users_entry_is_not_served(reviewer: User, competent_org: Organisation) -> None:
    colleague = member(Role.COMPETENT, competent_org)  # same roles, same organisation
    actions.for_user(reviewer)
    assert actions.cache_key(colleague) != actions.cache_key(reviewer)
    staff = UserFactory(is_staff=True)
    assert actions.for_user(staff) == actions.compute(fresh(staff))
    assert "/admin/" in [a.url for a in actions.for_user(staff)]
    assert "/admin/" not in [a.url for a in actions.for_user(fresh(reviewer))]


@pytest.mark.usefixtures("cached")
def test_a_new_membership_changes_the_key(reviewer: User) -> None:
    key = actions.cache_key(reviewer)
    reviewer.memberships.create(organisation=OrganisationFactory(kind=Role.UNIT), role=Role.UNIT)
    assert actions.cache_key(fresh(reviewer)) != key


@pytest.mark.usefixtures("cached")
def test_the_labels_are_in_the_requests_language(reviewer: User) -> None:
    with translation.override("en"):
        english = {a.url: a.label for a in actions.for_user(reviewer)}
    with translation.override("zh-hans"):
        chinese = {a.url: a.label for a in actions.for_user(fresh(reviewer))}
    with translation.override("en"):
        again = {a.url: a.label for a in actions.for_user(fresh(reviewer))}
    assert english[BROWSE] == "Browse organisations"
    assert chinese[BROWSE] == "浏览组织机构"
    assert again == english


@pytest.mark.usefixtures("cached")
def test_the_date_is_in_the_key(reviewer: User) -> None:
    today = timezone.localdate()
    key = actions.cache_key(reviewer)
    with mock.patch("django.utils.timezone.localdate", return_value=today + dt.timedelta(1)):
        assert actions.cache_key(reviewer) != key
        actions.for_user(reviewer)
        user = fresh(reviewer)
        with CaptureQueriesContext(connection) as captured:
            actions.for_user(user)
    assert len(captured.captured_queries) == 2  # memberships and the audit head: cached
    user = fresh(reviewer)
    with CaptureQueriesContext(connection) as captured:
        actions.for_user(user)  # today again: computed, as no entry for today exists
    assert len(captured.captured_queries) > 2


@pytest.mark.usefixtures("cached")
def test_the_entry_holds_plain_data(reviewer: User) -> None:
    actions.for_user(reviewer)
    (rows,) = [cache.get(actions.cache_key(reviewer))]
    assert rows
    for row in rows:
        label, url, detail, count, priority = row
        assert type(label) is str
        assert type(url) is str
        assert type(detail) is str
        assert count is None or type(count) is int
        assert type(priority) is int


def test_off_by_default_in_tests_and_zero_turns_it_off(reviewer: User, settings: Settings) -> None:
    settings.GOVIT_HOME_ACTIONS_CACHE_SECONDS = 0
    with mock.patch.object(cache, "set") as stored:
        actions.for_user(reviewer)
    stored.assert_not_called()


@pytest.mark.usefixtures("cached")
def test_the_home_page_shows_a_new_count_after_a_business_action(
    client: Client, reviewer: User
) -> None:
    client.force_login(reviewer)
    first = next_actions_html(client)
    with CaptureQueriesContext(connection) as captured:
        assert next_actions_html(client) == first
    assert not [q for q in captured.captured_queries if "COUNT(*)" in q["sql"]]
    count = Organisation.objects.count()
    services.organisation_create(actor=reviewer, name="又一单位", kind=Role.UNIT)
    page = next_actions_html(client)
    assert f">{count + 1}</span>" in page
    assert f">{count + 1}</span>" not in first


def next_actions_html(client: Client) -> str:
    page = client.get(reverse("home")).content.decode()
    start = page.index('data-testid="next-actions"')
    return page[start : page.index("</div>\n  </div>", start)]


# Providers asked only for the roles they serve.


def test_a_provider_is_asked_only_for_the_roles_it_serves(
    reviewer: User, applicant: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[User] = []

    @actions.serves(Role.UNIT)
    def provider(user: User) -> list[NextAction]:
        asked.append(user)
        return [NextAction(label="unit only", url="/x/")]

    monkeypatch.setattr(actions, "_providers", [])
    actions.register(provider)
    actions.register(provider)  # idempotent
    assert actions.compute(reviewer) == []
    assert [a.label for a in actions.compute(applicant)] == ["unit only"]
    superuser = UserFactory(is_superuser=True)  # reads everything, holds no role
    assert [a.label for a in actions.compute(superuser)] == ["unit only"]
    assert asked == [applicant, superuser]


def test_the_roles_are_read_once_for_every_provider(reviewer: User) -> None:
    user = fresh(reviewer)
    with CaptureQueriesContext(connection) as captured:
        actions.compute(user)
    memberships = [q for q in captured.captured_queries if 'FROM "orgs_membership"' in q["sql"]]
    assert len(memberships) == 1


@pytest.mark.parametrize(
    "role", [Role.EXPERT, Role.VENDOR, Role.AGENCY, Role.SUPERVISOR, Role.AUDIT]
)
def test_an_unserved_role_asks_nothing_of_the_role_bound_providers(db: None, role: str) -> None:
    user = member(role)
    called = [p for p, roles in actions._providers if roles is None or user.roles & roles]
    skipped = [p for p, roles in actions._providers if p not in called]
    assert skipped  # the delivery provider serves vendors and supervisors, not all
    for provider in skipped:
        assert list(provider(fresh(user))) == []  # skipping it changes nothing
