"""Sessions kept in the shared cache, written through to the database (ADR 0030).

Django's ``cached_db`` store: a request reads its session from Redis, not from the sessions
table, and every write (a sign-in, the once-a-minute refresh of ``SessionActivityMiddleware``,
a sign-out, a revoked session) goes to both. The settings choose it only when the cache is
shared (``GOVIT_CACHE_URL``): with each process's own local-memory cache, a session ended in one
worker would live on in the others' caches.

One difference from Django's store: a cache that does not answer makes the request read (or
check) the database instead of failing, as the values kept by table version do
(``core.row_versions``). Ending a session still fails loudly when the cache cannot forget it:
a sign-out or revocation that only seemed to work would leave the session usable.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.sessions.backends import cached_db, db
from django.core.cache import BaseCache

logger = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    _cache: BaseCache

    def load(self) -> dict[str, Any]:
        try:
            data = self._cache.get(self.cache_key)
        except Exception:  # a cache that does not answer: the database has every session
            logger.warning("The cache did not answer for a session", exc_info=True)
            data = None
        if data is not None:
            return data  # type: ignore[no-any-return]
        record = self._get_session_from_db()  # type: ignore[attr-defined]
        if record is None:
            return {}
        data = self.decode(record.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=record.expire_date))
        except Exception:
            logger.warning("A session could not be kept in the cache", exc_info=True)
        return data

    def exists(self, session_key: str) -> bool:
        try:
            return super().exists(session_key)
        except Exception:
            logger.warning("The cache did not answer for a session", exc_info=True)
            return db.SessionStore.exists(self, session_key)
