"""Authenticator secrets are SM4-encrypted at rest, rotated with the other encrypted fields,
and the migration seals the secrets stored in the clear before it."""

import importlib

import pytest
from django.core.management import call_command
from django.db import connection
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from govit.core import crypto
from govit.orgs.models import SealedTOTPDevice, TOTPSecret

pytestmark = pytest.mark.django_db

seal_migration = importlib.import_module("govit.orgs.migrations.0007_totp_secret_sm4")


def _raw(sql: str, *params: int) -> list[tuple[object, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _code(device: SealedTOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_new_device_keeps_its_secret_encrypted_and_still_verifies(reviewer):
    device = SealedTOTPDevice.objects.create(user=reviewer, name="TOTP", confirmed=False)
    plain = device.hex_key
    assert len(plain) == 40
    ((key_column,),) = _raw("SELECT key FROM otp_totp_totpdevice WHERE id = %s", device.pk)
    assert key_column == ""
    ((sealed,),) = _raw("SELECT key FROM orgs_totpsecret WHERE device_id = %s", device.pk)
    assert crypto.is_encrypted(str(sealed))
    assert plain not in str(sealed)
    fresh = SealedTOTPDevice.objects.get(pk=device.pk)
    assert fresh.hex_key == plain
    assert fresh.verify_token(_code(fresh))


def test_a_device_read_without_its_sealed_secret_verifies_nothing(reviewer):
    device = SealedTOTPDevice.objects.create(user=reviewer, name="TOTP", confirmed=True)
    code = _code(device)
    plain_device = TOTPDevice.objects.get(pk=device.pk)
    assert plain_device.bin_key == b""
    assert not plain_device.verify_token(code)


def test_the_migration_seals_secrets_stored_in_the_clear(reviewer):
    from django.apps import apps

    clear = TOTPDevice.objects.create(user=reviewer, name="old", confirmed=True)
    plain = clear.key
    assert _raw("SELECT key FROM otp_totp_totpdevice WHERE id = %s", clear.pk) == [(plain,)]
    seal_migration.seal_existing_secrets(apps, None)
    assert _raw("SELECT key FROM otp_totp_totpdevice WHERE id = %s", clear.pk) == [("",)]
    assert SealedTOTPDevice.objects.get(pk=clear.pk).hex_key == plain
    seal_migration.seal_existing_secrets(apps, None)  # idempotent
    assert TOTPSecret.objects.get(device_id=clear.pk).key == plain


def test_rotation_reencrypts_the_secrets(settings, reviewer):
    old = "old:" + "11" * 16
    settings.GOVIT_SM4_KEYS = old
    device = SealedTOTPDevice.objects.create(user=reviewer, name="TOTP", confirmed=True)
    plain = device.hex_key
    settings.GOVIT_SM4_KEYS = "new:" + "22" * 16 + "," + old
    call_command("crypto", "rotate")
    ((sealed,),) = _raw("SELECT key FROM orgs_totpsecret WHERE device_id = %s", device.pk)
    assert crypto.key_id_of(str(sealed)) == "new"
    assert SealedTOTPDevice.objects.get(pk=device.pk).hex_key == plain
