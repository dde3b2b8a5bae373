"""Each request's user kept by table versions (``orgs.backends``): read once, read again after
any write to the users, memberships or organisations, never kept without a shared cache."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.urls import reverse

from govit.core import row_versions
from govit.orgs import backends
from govit.orgs.choices import Role
from govit.orgs.models import Membership, User
from govit.orgs.passwords import PasswordHistoryValidator
from govit.orgs.tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


def get_user(pk: int) -> User | None:
    return backends.UserBackend().get_user(str(pk))


def test_the_user_and_memberships_are_read_once_per_version(
    shared_cache: None, django_assert_num_queries: Any
) -> None:
    user = member(Role.UNIT, phone="13800138000")
    unit_name = user.active_memberships[0].organisation.name
    with django_assert_num_queries(2):
        first = get_user(user.pk)
    with django_assert_num_queries(0):
        again = get_user(user.pk)
        assert again is not None
        assert first is not None
        assert again is not first  # each request its own instances
        assert again.roles == {Role.UNIT}
        assert again.organisations[0].name == unit_name
        assert again.get_session_auth_hash() == user.get_session_auth_hash()
        assert again.username == user.username


def test_the_personal_data_is_not_kept(shared_cache: None, django_assert_num_queries: Any) -> None:
    user = member(Role.UNIT, phone="13800138000")
    kept = backends._kept.get(backends.TABLES, user.pk, lambda: backends.read(user.pk))
    assert kept is not None
    assert "13800138000" not in repr(kept)
    found = get_user(user.pk)
    assert found is not None
    assert found.get_deferred_fields() == {"phone", "id_number"}
    with django_assert_num_queries(1):
        assert found.phone == "13800138000"


def test_an_inactive_user_is_refused_from_the_next_request(shared_cache: None) -> None:
    user = member(Role.UNIT)
    assert get_user(user.pk) is not None
    user.is_active = False
    user.save()
    assert get_user(user.pk) is None


def test_a_revoked_membership_or_a_closed_organisation_shows_at_once(shared_cache: None) -> None:
    user = member(Role.UNIT)
    other = OrganisationFactory(kind=Role.COMPETENT)
    Membership.objects.create(user=user, organisation=other, role=Role.COMPETENT)
    found = get_user(user.pk)
    assert found is not None
    assert found.roles == {Role.UNIT, Role.COMPETENT}
    other.is_active = False
    other.save()
    found = get_user(user.pk)
    assert found is not None
    assert found.roles == {Role.UNIT}
    Membership.objects.get(user=user, role=Role.UNIT).delete()
    found = get_user(user.pk)
    assert found is not None
    assert found.roles == frozenset()


def test_a_new_password_ends_the_kept_session_hash(shared_cache: None) -> None:
    user = member(Role.UNIT)
    before = get_user(user.pk)
    assert before is not None
    form = SetPasswordForm(user, {"new_password1": "Q7!xv#2mLp9r", "new_password2": "Q7!xv#2mLp9r"})
    assert form.is_valid(), form.errors
    form.save()
    after = get_user(user.pk)
    assert after is not None
    assert after.get_session_auth_hash() != before.get_session_auth_hash()


def test_the_password_date_written_by_an_update_shows_at_once(shared_cache: None) -> None:
    user = member(Role.UNIT)
    before = get_user(user.pk)
    assert before is not None
    PasswordHistoryValidator().password_changed("Q7!xv#2mLp9r", user)
    after = get_user(user.pk)
    assert after is not None
    assert after.password_changed_at == user.password_changed_at
    assert after.password_changed_at != before.password_changed_at


def test_an_unknown_or_malformed_id_is_nobody(shared_cache: None) -> None:
    assert get_user(999_999) is None
    assert backends.UserBackend().get_user("not a number") is None


def test_without_a_shared_cache_the_user_is_read_each_time(
    django_assert_num_queries: Any,
) -> None:
    user = member(Role.UNIT)
    assert not row_versions.shared()
    for _round in range(2):
        with django_assert_num_queries(2):
            assert get_user(user.pk) is not None


def test_a_user_made_inactive_is_signed_out_of_the_pages(shared_cache: None, client: Any) -> None:
    user = member(Role.UNIT)
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 200
    assert len(backends._kept) == 1  # the page's user, kept
    user.is_active = False
    user.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
