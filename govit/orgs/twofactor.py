"""Two-factor sign-in (等保 level 3, 身份鉴别 d): a password, then a TOTP code or a recovery code.

Holders of the oversight roles that approve money and projects (competent, finance, government),
staff and superusers, and the roles named in ``GOVIT_2FA_ROLES`` must use a second factor. A user
who must and has no confirmed device is sent to enrolment before anything else.
"""

from __future__ import annotations

import base64
import hmac
import secrets

import django_otp
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from govit.core import audit
from govit.core.crypto import sm3_hex
from govit.orgs.choices import Role
from govit.orgs.models import RecoveryCode, User
from govit.orgs.models import SealedTOTPDevice as TOTPDevice

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "TOTP"

# Roles that must always use a second factor; GOVIT_2FA_ROLES adds more.
BASE_2FA_ROLES = frozenset({Role.COMPETENT, Role.FINANCE, Role.GOVERNMENT})


def second_factor_roles() -> frozenset[str]:
    extra = {role.strip() for role in settings.GOVIT_2FA_ROLES if role.strip()}
    return frozenset(str(role) for role in BASE_2FA_ROLES) | extra


def requires_second_factor(user: User) -> bool:
    """Whether ``user`` must present a second factor after the password."""
    if not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or user.roles & second_factor_roles())


def confirmed_device(user: User) -> TOTPDevice | None:
    device: TOTPDevice | None = (
        TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
    )
    return device


def needs_verification(user: User) -> bool:
    """Whether a second factor is asked of ``user`` (required, or enrolled voluntarily)."""
    return requires_second_factor(user) or confirmed_device(user) is not None


def secret_of(device: TOTPDevice) -> str:
    """The device's key in base32, as authenticator apps take it when typed in."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def _hash_code(user: User, code: str) -> str:
    normalised = code.replace("-", "").replace(" ", "").lower()
    key = settings.SECRET_KEY.encode()
    return sm3_hex(key + f"|recovery|{user.pk}|{normalised}".encode())


def pending_device(*, actor: User) -> TOTPDevice:
    """The unconfirmed device being enrolled, created on first visit to the enrolment page."""
    device: TOTPDevice | None = (
        TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("-id").first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(
    *, actor: User, device: TOTPDevice, token: str, request: HttpRequest
) -> list[str] | None:
    """Confirm an enrolled device with a code from it; returns the new recovery codes, or None
    when the code is wrong (counted as a failed sign-in attempt)."""
    from govit.orgs.signin import sign_in_record

    if device.user_id != actor.pk or device.confirmed:
        raise PermissionError("not this user's pending device")
    if not device.verify_token(token.strip()):
        sign_in_record(
            username=actor.get_username(),
            request=request,
            user=actor,
            succeeded=False,
            action="auth.second_factor_failed",
        )
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
    audit.record(actor=actor, action="auth.totp_enrolled", obj=actor)
    codes = recovery_codes_generate(actor=actor)
    django_otp.login(request, device)
    sign_in_record(
        username=actor.get_username(),
        request=request,
        user=actor,
        succeeded=True,
        action="auth.second_factor",
    )
    return codes


@transaction.atomic
def recovery_codes_generate(*, actor: User) -> list[str]:
    """Replace the user's recovery codes with ten new ones; the plain codes are returned once."""
    RecoveryCode.objects.filter(user=actor).delete()
    now = timezone.now()
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = secrets.token_hex(5)
        codes.append(f"{raw[:5]}-{raw[5:]}")
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=actor, code_hash=_hash_code(actor, code), created_at=now)
        for code in codes
    )
    audit.record(actor=actor, action="auth.recovery_codes_generated", obj=actor)
    return codes


@transaction.atomic
def second_factor_verify(*, actor: User, token: str, request: HttpRequest) -> bool:
    """Check a TOTP or recovery code after the password; a wrong code is a failed attempt."""
    from govit.orgs.signin import sign_in_record

    device = confirmed_device(actor)
    token = token.strip()
    ok = False
    used_recovery = False
    if device is not None and token.isdigit() and device.verify_token(token):
        ok = True
    elif device is not None and token:
        wanted = _hash_code(actor, token)
        code = (
            RecoveryCode.objects.select_for_update()
            .filter(user=actor, used_at__isnull=True)
            .filter(code_hash=wanted)
            .first()
        )
        if code is not None and hmac.compare_digest(code.code_hash, wanted):
            code.used_at = timezone.now()
            code.save(update_fields=["used_at"])
            ok = used_recovery = True
    sign_in_record(
        username=actor.get_username(),
        request=request,
        user=actor,
        succeeded=ok,
        action=(
            ("auth.recovery_code_used" if used_recovery else "auth.second_factor")
            if ok
            else "auth.second_factor_failed"
        ),
    )
    if ok and device is not None:
        django_otp.login(request, device)
    return ok
