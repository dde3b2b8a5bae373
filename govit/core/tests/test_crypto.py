import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from govit.core import crypto
from govit.core.crypto import CryptoKeyError, sm3_hex
from govit.core.fields import _keyring
from govit.orgs.models import User
from govit.orgs.validators import id_number_check_character, validate_id_number

KEY_A = "a:" + "00112233445566778899aabbccddeeff"
KEY_B = "b:" + "ffeeddccbbaa99887766554433221100"


def test_sm3_matches_the_standards_example():
    # GB/T 32905-2016, example 1: "abc".
    assert sm3_hex(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_sm4_round_trips_and_hides_the_plaintext():
    ring = crypto.parse_keyring(KEY_A)
    token = crypto.encrypt("13800138000", ring)
    assert "13800138000" not in token
    assert token.startswith("sm4gcm:a:")
    assert crypto.decrypt(token, ring) == "13800138000"
    assert crypto.encrypt("13800138000", ring) != token  # a fresh nonce each time


def test_sm4_refuses_a_tampered_value():
    import base64

    ring = crypto.parse_keyring(KEY_A)
    token = crypto.encrypt("110101199003074514", ring)
    prefix, key_id, payload = token.split(":", 2)
    raw = bytearray(base64.b64decode(payload))
    raw[crypto.NONCE_BYTES] ^= 0x01  # one bit of the ciphertext
    tampered = base64.b64encode(bytes(raw)).decode()
    with pytest.raises(CryptoKeyError, match="altered"):
        crypto.decrypt(f"{prefix}:{key_id}:{tampered}", ring)


def test_an_old_key_still_decrypts_after_rotation():
    old = crypto.parse_keyring(KEY_A)
    token = crypto.encrypt("13800138000", old)
    rotated = crypto.parse_keyring(f"{KEY_B},{KEY_A}")
    assert crypto.decrypt(token, rotated) == "13800138000"
    assert crypto.encrypt("x", rotated).startswith("sm4gcm:b:")
    with pytest.raises(CryptoKeyError, match="no SM4 key"):
        crypto.decrypt(token, crypto.parse_keyring(KEY_B))


@pytest.mark.parametrize("text", ["", "a:0011", "a:zz112233445566778899aabbccddeeff", ":00"])
def test_it_refuses_malformed_keys(text):
    with pytest.raises(ValueError):  # noqa: PT011
        crypto.parse_keyring(text)


def _stored(user, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM orgs_user WHERE id = %s", [user.pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_personal_fields_are_encrypted_at_rest(applicant):
    applicant.phone = "13800138000"
    applicant.id_number = "11010519491231002X"
    applicant.save()
    assert _stored(applicant, "phone").startswith("sm4gcm:")
    assert "13800138000" not in _stored(applicant, "phone")
    fresh = User.objects.get(pk=applicant.pk)
    assert (fresh.phone, fresh.id_number) == ("13800138000", "11010519491231002X")


@pytest.mark.django_db
def test_rotation_re_encrypts_under_the_new_key(applicant, settings):
    _keyring.cache_clear()
    settings.GOVIT_SM4_KEYS = KEY_A
    applicant.phone = "13800138000"
    applicant.save()
    assert _stored(applicant, "phone").startswith("sm4gcm:a:")
    settings.GOVIT_SM4_KEYS = f"{KEY_B},{KEY_A}"
    call_command("crypto", "rotate")
    assert _stored(applicant, "phone").startswith("sm4gcm:b:")
    assert User.objects.get(pk=applicant.pk).phone == "13800138000"
    _keyring.cache_clear()


def test_identity_card_numbers_carry_their_check_character():
    assert id_number_check_character("11010519491231002") == "X"
    validate_id_number("11010519491231002X")
    with pytest.raises(ValidationError):
        validate_id_number("110105194912310021")
    with pytest.raises(ValidationError):
        validate_id_number("1101051949123100")
