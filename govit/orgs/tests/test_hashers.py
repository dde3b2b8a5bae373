"""Passwords are hashed with PBKDF2-HMAC-SM3; older PBKDF2-SHA256 hashes are upgraded."""

import hashlib
import time

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password

from govit.orgs.hashers import PBKDF2SM3PasswordHasher
from govit.orgs.models import User

pytestmark = pytest.mark.django_db

SM3_FIRST = [
    "govit.orgs.hashers.PBKDF2SM3PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def test_it_is_pbkdf2_over_hmac_sm3():
    hasher = PBKDF2SM3PasswordHasher()
    encoded = hasher.encode("口令-Secret-1", "somesalt", iterations=1000)
    algorithm, iterations, salt, digest = encoded.split("$")
    assert (algorithm, iterations, salt) == ("pbkdf2_sm3", "1000", "somesalt")
    import base64

    expected = hashlib.pbkdf2_hmac("sm3", "口令-Secret-1".encode(), b"somesalt", 1000)
    assert base64.b64decode(digest) == expected
    assert hasher.verify("口令-Secret-1", encoded)
    assert not hasher.verify("口令-Secret-2", encoded)


def test_production_settings_put_it_first_and_it_is_fast_enough(settings):
    from govit import settings as govit_settings

    assert govit_settings.PASSWORD_HASHERS[0] == "govit.orgs.hashers.PBKDF2SM3PasswordHasher"
    settings.PASSWORD_HASHERS = SM3_FIRST
    started = time.monotonic()
    encoded = make_password("口令-Secret-1")
    elapsed = time.monotonic() - started
    assert identify_hasher(encoded).algorithm == "pbkdf2_sm3"
    assert elapsed < 5  # about a second on a loaded two-core machine; no slower than Django's


def test_an_older_hash_still_signs_in_and_is_upgraded(settings, applicant):
    settings.PASSWORD_HASHERS = SM3_FIRST
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    old = PBKDF2PasswordHasher().encode("Older-Pass-2025", "saltsalt", iterations=1000)
    User.objects.filter(pk=applicant.pk).update(password=old)
    applicant.refresh_from_db()
    assert applicant.check_password("Older-Pass-2025")
    applicant.refresh_from_db()
    assert applicant.password.startswith("pbkdf2_sm3$")
    assert check_password("Older-Pass-2025", applicant.password)
