"""PBKDF2-HMAC-SM3 password hashing (GB/T 39786: 国密 algorithms for stored credentials).

SM3 comes from OpenSSL through ``hashlib`` (as for the audit chain), so PBKDF2 runs in C:
measured on the development machine, 250,000 iterations take about as long as Django's
PBKDF2-SHA256 default of 1,000,000 (SM3 costs about four SHA-256 rounds). Hashes made by
Django's hashers still verify and are upgraded to this one at the next sign-in.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.hashers import PBKDF2PasswordHasher


def _sm3(data: bytes = b"") -> Any:
    return hashlib.new("sm3", data)


class PBKDF2SM3PasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sm3"
    iterations = 250_000
    digest = staticmethod(_sm3)
