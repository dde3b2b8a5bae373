"""Lifetimes that differ by key, so that what was kept together does not expire together."""

from __future__ import annotations

import zlib


def spread(key: str, seconds: int) -> int:
    """How many seconds less than ``seconds`` the entry under ``key`` lives: up to a fifth of
    them, the same for a key every time. Entries made together (every official's at nine, every
    scope's after a restart) would otherwise all expire together, and their recomputations run
    at the same moment every lifetime (the load benchmark's slowest seconds, docs/benchmarks.md
    round eight)."""
    return zlib.crc32(key.encode()) % (seconds // 5 + 1)
