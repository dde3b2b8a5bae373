"""Model fields: text stored encrypted with SM4 (ID numbers, phone numbers)."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from govit.core import crypto


@cache
def _keyring(configured: str, secret: str) -> crypto.KeyRing:
    if not configured:
        return crypto.derived_keyring(secret)
    try:
        return crypto.parse_keyring(configured)
    except ValueError as exc:
        raise ImproperlyConfigured(f"GOVIT_SM4_KEYS is not usable: {exc}.") from None


def keyring() -> crypto.KeyRing:
    """The deployment's SM4 keys (GOVIT_SM4_KEYS; in development, derived from SECRET_KEY)."""
    return _keyring(settings.GOVIT_SM4_KEYS, settings.SECRET_KEY)


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text that is encrypted with SM4-GCM before it reaches the database.

    The database holds ``sm4gcm:<key id>:<base64>``; Python code sees the plain text. Values
    cannot be searched or sorted in SQL; keep a separate digest field where a lookup is needed.
    """

    description = "Text encrypted with SM4"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "" or not crypto.is_encrypted(value):
            return value
        return crypto.decrypt(value, keyring())

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "" or crypto.is_encrypted(str(value)):
            return value
        return crypto.encrypt(str(value), keyring())
