"""Password expiry (forced change at sign-in) and history (the last N cannot be reused)."""

import datetime as dt

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from govit.core.models import AuditEvent
from govit.orgs.models import PasswordHistory, User
from govit.orgs.passwords import password_expired
from govit.orgs.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW = ["Neue-Passwort-2026a", "Zweites-Kennwort-7b", "Drittes-Kennwort-8c", "Viertes-Wort-9d!x"]


def _age(user: User, days: int) -> None:
    User.objects.filter(pk=user.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=days)
    )
    user.refresh_from_db()


def _change(client, old, new):
    return client.post(
        reverse("password-change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_setting_a_password_notes_when_and_keeps_its_hash_only(applicant):
    assert applicant.password_changed_at is not None
    assert timezone.now() - applicant.password_changed_at < dt.timedelta(minutes=1)
    (earlier,) = PasswordHistory.objects.filter(user=applicant)
    assert earlier.password_hash == applicant.password
    assert PASSWORD not in earlier.password_hash


@pytest.mark.parametrize(("days", "expired"), [(89, False), (90, True), (400, True)])
def test_a_password_expires_after_the_configured_days(applicant, days, expired):
    _age(applicant, days)
    assert password_expired(applicant) is expired


def test_zero_days_means_passwords_never_expire(applicant, settings):
    settings.GOVIT_PASSWORD_MAX_AGE_DAYS = 0
    _age(applicant, 4000)
    assert not password_expired(applicant)


def test_an_expired_password_must_be_changed_before_any_other_page(client, applicant, project):
    _age(applicant, 91)
    signed_in = client.post(reverse("login"), {"username": "applicant", "password": PASSWORD})
    assert signed_in.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 302
    assert home["Location"] == reverse("password-change")
    api = client.get("/api/v1/projects")
    assert api.status_code == 403
    assert "密码已过期" in api.json()["detail"]
    page = client.get(reverse("password-change"))
    assert 'data-testid="password-expired"' in page.content.decode()
    changed = _change(client, PASSWORD, NEW[0])
    assert changed.status_code == 302
    assert client.get(reverse("home")).status_code == 200  # still signed in, free to go on
    assert client.get("/api/v1/projects").status_code == 200
    event = AuditEvent.objects.filter(action="auth.password_changed").get()
    assert event.actor_id == applicant.pk


def test_the_last_n_passwords_cannot_be_chosen_again(client, applicant, settings):
    settings.GOVIT_PASSWORD_HISTORY = 3
    client.force_login(applicant)
    same = _change(client, PASSWORD, PASSWORD)
    assert same.status_code == 400
    assert "最近" in same.content.decode()
    assert 'data-testid="password-error-new_password2"' in same.content.decode()
    current = PASSWORD
    for new in NEW:
        assert _change(client, current, new).status_code == 302
        current = new
    applicant.refresh_from_db()
    # The last three (NEW[1..3], the current one included) are refused; NEW[0] is four back.
    for recent in NEW[1:]:
        with pytest.raises(ValidationError) as caught:
            validate_password(recent, applicant)
        assert caught.value.error_list[0].code == "password_reused"
    validate_password(NEW[0], applicant)
    assert PasswordHistory.objects.filter(user=applicant).count() == 3


def test_a_wrong_current_password_changes_nothing(client, applicant):
    client.force_login(applicant)
    before = User.objects.get(pk=applicant.pk).password
    response = _change(client, "not-my-password", NEW[0])
    assert response.status_code == 400
    assert User.objects.get(pk=applicant.pk).password == before
    assert not AuditEvent.objects.filter(action="auth.password_changed").exists()


def test_the_change_page_needs_a_signed_in_user(client):
    response = client.get(reverse("password-change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
