"""Commercial cryptography (商用密码) primitives: SM3 digests and SM4 field encryption.

SM3 comes from OpenSSL through ``hashlib`` (integrity, GB/T 39786); SM4 in GCM mode through
``cryptography`` (confidentiality of stored personal data, with authentication of the value).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def sm3_hex(data: bytes) -> str:
    """Return the SM3 digest of ``data`` as 64 hexadecimal characters."""
    return hashlib.new("sm3", data).hexdigest()


def sm3_stream_hex(chunks: Iterable[bytes]) -> str:
    """Return the SM3 digest of a stream of chunks (a file read piece by piece)."""
    digest = hashlib.new("sm3")
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


# --- SM4 field encryption -------------------------------------------------------------------

PREFIX = "sm4gcm"
NONCE_BYTES = 12
TAG_BYTES = 16


class CryptoKeyError(Exception):
    """A ciphertext names a key this deployment does not have, or does not decrypt."""


@dataclass(frozen=True)
class KeyRing:
    """SM4 keys by id; the first is used to encrypt, all of them to decrypt (rotation)."""

    keys: tuple[tuple[str, bytes], ...]

    @property
    def current(self) -> tuple[str, bytes]:
        return self.keys[0]

    def get(self, key_id: str) -> bytes:
        for candidate, key in self.keys:
            if candidate == key_id:
                return key
        raise CryptoKeyError(f"no SM4 key with id {key_id!r} is configured")


def parse_keyring(text: str) -> KeyRing:
    """Parse ``id:hex,id:hex`` (the first pair is the current key; each key is 16 bytes)."""
    keys = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        key_id, _, hex_key = part.partition(":")
        key = bytes.fromhex(hex_key)
        if not key_id or len(key) != 16:  # SM4 keys are 128 bits
            raise ValueError("each SM4 key is written id:32-hex-digits")
        keys.append((key_id, key))
    if not keys:
        raise ValueError("no SM4 key given")
    return KeyRing(tuple(keys))


def derived_keyring(secret: str) -> KeyRing:
    """A development key derived from SECRET_KEY (production configures GOVIT_SM4_KEYS)."""
    key = hmac.new(secret.encode(), b"govit-sm4-field-key", "sm3").digest()[:16]
    return KeyRing((("dev", key),))


def encrypt(plaintext: str, keyring: KeyRing) -> str:
    """Encrypt with SM4-GCM under the current key: ``sm4gcm:<key id>:<base64 nonce+ct+tag>``."""
    key_id, key = keyring.current
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    body = encryptor.update(plaintext.encode()) + encryptor.finalize() + encryptor.tag
    return f"{PREFIX}:{key_id}:{base64.b64encode(nonce + body).decode()}"


def decrypt(token: str, keyring: KeyRing) -> str:
    """Decrypt a value written by ``encrypt`` (any configured key); refuse a tampered one."""
    prefix, key_id, payload = [*token.split(":", 2), "", ""][:3]
    if prefix != PREFIX:
        raise CryptoKeyError("not an SM4-encrypted value")
    raw = base64.b64decode(payload)
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(keyring.get(key_id)), modes.GCM(nonce, tag)).decryptor()
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode()
    except InvalidTag:
        raise CryptoKeyError("the encrypted value was altered or the key is wrong") from None


def is_encrypted(value: str) -> bool:
    return value.startswith(f"{PREFIX}:")


def key_id_of(token: str) -> str:
    return token.split(":", 2)[1]
