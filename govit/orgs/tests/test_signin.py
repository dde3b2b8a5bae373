import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from govit.core.models import AuditEvent
from govit.orgs import services
from govit.orgs.models import SignInAttempt
from govit.orgs.signin import locked_until
from govit.orgs.tests.factories import PASSWORD
from govit.orgs.validators import CharacterClassValidator

pytestmark = pytest.mark.django_db


def _try(client, password):
    return client.post(reverse("login"), {"username": "applicant", "password": password})


def test_it_locks_an_account_after_five_failures(client, applicant):
    for _ in range(5):
        assert _try(client, "wrong").status_code == 200
    response = _try(client, PASSWORD)
    assert response.status_code == 200
    assert "已锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, applicant):
    for _ in range(4):
        _try(client, "wrong")
    assert _try(client, PASSWORD).status_code == 302


def test_the_lock_ends_after_fifteen_minutes(applicant):
    start = timezone.now() - dt.timedelta(minutes=20)
    for minute in range(5):
        SignInAttempt.objects.create(
            username="applicant", at=start + dt.timedelta(minutes=minute), succeeded=False
        )
    last = start + dt.timedelta(minutes=4)
    assert locked_until("applicant", now=last + dt.timedelta(minutes=14)) == last + dt.timedelta(
        minutes=15
    )
    assert locked_until("applicant", now=last + dt.timedelta(minutes=15, seconds=1)) is None


def test_a_success_clears_the_count(applicant):
    now = timezone.now()
    for second in range(4):
        SignInAttempt.objects.create(
            username="applicant", at=now + dt.timedelta(seconds=second), succeeded=False
        )
    SignInAttempt.objects.create(
        username="applicant", at=now + dt.timedelta(seconds=5), succeeded=True
    )
    SignInAttempt.objects.create(
        username="applicant", at=now + dt.timedelta(seconds=6), succeeded=False
    )
    assert locked_until("applicant", now=now + dt.timedelta(seconds=7)) is None


def test_sign_ins_and_failures_are_audited(client, applicant):
    _try(client, "wrong")
    _try(client, PASSWORD)
    actions = list(AuditEvent.objects.values_list("action", "success"))
    assert ("auth.sign_in_failed", False) in actions
    assert ("auth.sign_in", True) in actions


def test_it_shows_the_last_sign_in(client, applicant):
    applicant.last_login = timezone.now() - dt.timedelta(days=1)
    applicant.save()
    response = client.post(
        reverse("login"), {"username": "applicant", "password": PASSWORD}, follow=True
    )
    assert "上次登录" in response.content.decode()


@pytest.mark.parametrize(
    ("password", "ok"),
    [("alllowercase1", False), ("Lower-and-1", True), ("NoDigitsHere", False), ("ABCdef123", True)],
)
def test_passwords_mix_three_character_classes(password, ok):
    validator = CharacterClassValidator()
    if ok:
        validator.validate(password)
    else:
        with pytest.raises(ValidationError):
            validator.validate(password)


def test_user_create_applies_the_password_policy():
    with pytest.raises(ValidationError):
        services.user_create(actor=None, username="weak", password="short")
