import pytest
from django.urls import reverse
from django_otp.oath import totp

from govit.core.models import AuditEvent
from govit.orgs.models import RecoveryCode, SignInAttempt
from govit.orgs.models import SealedTOTPDevice as TOTPDevice
from govit.orgs.tests.factories import PASSWORD
from govit.orgs.twofactor import requires_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _gate_on(settings):
    settings.GOVIT_2FA_ENFORCED = True


def _sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _enrol(client, user):
    _sign_in(client, user)
    client.get(reverse("two-factor-enrol"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("two-factor-enrol"), {"token": _code(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    return device, list(response.context["codes"])


def test_it_requires_a_second_factor_of_privileged_roles(reviewer, finance_clerk, applicant):
    assert requires_second_factor(reviewer)
    assert requires_second_factor(finance_clerk)
    assert not requires_second_factor(applicant)


def test_it_adds_roles_from_the_setting(settings, applicant):
    settings.GOVIT_2FA_ROLES = ["unit"]
    assert requires_second_factor(applicant)


def test_staff_need_a_second_factor(applicant):
    applicant.is_staff = True
    assert requires_second_factor(applicant)


def test_a_privileged_user_without_a_device_is_sent_to_enrolment(client, reviewer):
    _sign_in(client, reviewer)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("two-factor-enrol")
    page = client.get(reverse("two-factor-enrol"))
    assert page.status_code == 200
    assert "otpauth://totp/" in page.content.decode()
    assert "<svg" in page.content.decode()


def test_a_privileged_user_cannot_reach_home_without_the_code(client, reviewer):
    _enrol(client, reviewer)
    client.post(reverse("logout"))
    _sign_in(client, reviewer)
    response = client.get(reverse("home"))
    assert response["Location"] == reverse("two-factor-verify")
    assert client.get(reverse("project-list")).status_code == 302


def test_a_correct_code_opens_the_home_page(client, reviewer):
    device, _codes = _enrol(client, reviewer)
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    _sign_in(client, reviewer)
    device.refresh_from_db()
    device.last_t = -1  # the same 30-second step may be used once only
    device.save(update_fields=["last_t"])
    response = client.post(reverse("two-factor-verify"), {"token": _code(device)})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert SignInAttempt.objects.filter(username=reviewer.username, succeeded=True).exists()


def test_a_unit_clerk_reaches_home_with_the_password_alone(client, applicant):
    _sign_in(client, applicant)
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_code_is_refused_and_counted(client, reviewer):
    _enrol(client, reviewer)
    client.post(reverse("logout"))
    _sign_in(client, reviewer)
    before = SignInAttempt.objects.filter(succeeded=False).count()
    response = client.post(reverse("two-factor-verify"), {"token": "000000"})
    assert response.status_code == 200
    assert SignInAttempt.objects.filter(succeeded=False).count() == before + 1
    assert AuditEvent.objects.filter(action="auth.second_factor_failed", success=False).exists()
    assert client.get(reverse("home")).status_code == 302


def test_wrong_codes_lock_the_account(client, reviewer):
    _enrol(client, reviewer)
    client.post(reverse("logout"))
    _sign_in(client, reviewer)
    for _ in range(5):
        client.post(reverse("two-factor-verify"), {"token": "000000"})
    response = client.post(reverse("two-factor-verify"), {"token": "000000"})
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_works_once(client, reviewer):
    _device, codes = _enrol(client, reviewer)
    assert len(codes) == 10
    stored = RecoveryCode.objects.filter(user=reviewer)
    assert stored.count() == 10
    assert not stored.filter(code_hash__in=codes).exists()  # only hashes are kept
    client.post(reverse("logout"))
    _sign_in(client, reviewer)
    assert client.post(reverse("two-factor-verify"), {"token": codes[0]}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    _sign_in(client, reviewer)
    assert client.post(reverse("two-factor-verify"), {"token": codes[0]}).status_code == 200
    assert client.get(reverse("home")).status_code == 302
    assert AuditEvent.objects.filter(action="auth.recovery_code_used").count() == 1


def test_a_wrong_enrolment_code_is_counted(client, reviewer):
    _sign_in(client, reviewer)
    client.get(reverse("two-factor-enrol"))
    response = client.post(reverse("two-factor-enrol"), {"token": "000000"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.get(user=reviewer).confirmed
    assert SignInAttempt.objects.filter(username=reviewer.username, succeeded=False).count() == 1


def test_production_refuses_to_turn_the_gate_off():
    import os
    import subprocess
    import sys

    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    environment.update(
        GOVIT_ENV="production",
        ALLOWED_HOSTS="govit.example",
        SECRET_KEY="x" * 60,
        GOVIT_SM4_KEYS="k1:" + "0123456789abcdef" * 2,
        GOVIT_2FA_ENFORCED="0",
    )
    result = subprocess.run(
        [sys.executable, "-m", "govit.cli", "rulebook", "list"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "GOVIT_2FA_ENFORCED cannot be turned off in production" in result.stderr
