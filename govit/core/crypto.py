"""Commercial cryptography (商用密码) primitives: SM3 digests.

SM3 comes from OpenSSL through ``hashlib``; GB/T 39786 asks for SM3 for integrity.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def sm3_hex(data: bytes) -> str:
    """Return the SM3 digest of ``data`` as 64 hexadecimal characters."""
    return hashlib.new("sm3", data).hexdigest()


def sm3_stream_hex(chunks: Iterable[bytes]) -> str:
    """Return the SM3 digest of a stream of chunks (a file read piece by piece)."""
    digest = hashlib.new("sm3")
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()
