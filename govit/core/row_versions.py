"""Versions of the tables whose rows a page keeps between requests (the unit filters' options,
the working calendar, organisation subtrees, each request's user, whole-table counts), held in
Django's cache.

A page that keeps rows read from a table keys them by the table's version. Saving or deleting a
row of a tracked model (Django's signals) gives the table a new version, at once and again when
the transaction commits, so the rows every worker kept are read again at their next use. Writes
that send no signal (bulk inserts: ``govit generate``) call ``bump`` themselves.

The version must be the same for every process that serves the site, so rows are kept only
when the cache is shared (Redis, ``GOVIT_CACHE_URL``): with the per-process local-memory cache a
write seen by one worker would leave the others with the old rows, and ``shared`` is false.
"""

from __future__ import annotations

import logging
import threading
import uuid
import weakref
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished, request_started
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)
V = TypeVar("V")

PREFIX = "govit:rows"


def shared() -> bool:
    """Whether the cache is one every process reads (rows may be kept by version)."""
    return not isinstance(caches["default"], LocMemCache | DummyCache)


def _key(model: type[models.Model]) -> str:
    return f"{PREFIX}:{model._meta.label_lower}"


def version(model: type[models.Model]) -> str | None:
    """The current version of ``model``'s table (made on first use), or None when the cache
    does not answer: the caller then reads the table (nothing is kept meanwhile)."""
    found = versions(model)
    return None if found is None else found[0]


def versions(*tables: type[models.Model]) -> tuple[str, ...] | None:
    """The current versions of ``tables``, in one round trip when they all exist; None when
    the cache does not answer (a Redis that is down makes pages read instead, not fail)."""
    keys = [_key(model) for model in tables]
    memo = _request_memo()
    if memo is not None and all(key in memo for key in keys):
        return tuple(memo[key] for key in keys)
    try:
        found = cache.get_many(keys)
        for key in keys:
            if key not in found:
                made = uuid.uuid4().hex
                # Another process may have made one meanwhile: theirs wins.
                found[key] = made if cache.add(key, made, None) else (cache.get(key) or made)
    except Exception:  # any cache failure: read the tables instead
        logger.warning("The cache did not answer for the versions of %s", keys, exc_info=True)
        return None
    if memo is not None:
        memo.update((key, str(found[key])) for key in keys)
    return tuple(str(found[key]) for key in keys)


def bump(model: type[models.Model]) -> None:
    """Give ``model``'s table a new version: whatever was kept of it is read again. If the
    cache does not answer, the change is logged and not lost for long: a Redis that restarts
    keeps no version, so every process makes and reads new ones."""
    key, made = _key(model), uuid.uuid4().hex
    memo = _request_memo()
    if memo is not None:
        memo.pop(key, None)
    try:
        cache.set(key, made, None)
    except Exception:  # the write itself must not fail for the cache
        logger.error("The version of %s could not be bumped", model._meta.label, exc_info=True)
        return
    if memo is not None:
        memo[key] = made


# The versions a request has read, read once per request (a page asks for the organisations'
# several times: its user, the unit filter, the subtree of a clerk's scope): a request sees the
# tables as they were when it first asked, and its own writes at once (``bump``). Per thread,
# and only between Django's request_started and request_finished: commands and the tick read
# the cache each time.
_requests = threading.local()


def _request_memo() -> dict[str, str] | None:
    return getattr(_requests, "versions", None)


def _request_started(**_kwargs: object) -> None:
    _requests.versions = {}


def _request_finished(**_kwargs: object) -> None:
    _requests.versions = None


request_started.connect(_request_started, dispatch_uid="govit.row_versions:started")
request_finished.connect(_request_finished, dispatch_uid="govit.row_versions:finished")


# The models tracked with ``rows_only``.
_rows_only: set[type[models.Model]] = set()


def changed(model: type[models.Model]) -> None:
    """A row of ``model`` was written (what ``track``'s signals call; a queryset's ``update``
    calls it itself): bump the version now, for this transaction's own reads, and again once
    it commits, as a process that read the first new version before the commit kept rows
    without the change."""
    bump(model)
    transaction.on_commit(lambda: bump(model))


def track(model: type[models.Model], *, rows_only: bool = False) -> None:
    """Bump ``model``'s version whenever one of its rows is saved or deleted; ``rows_only``:
    only when a row is added or deleted, not when one is updated, for values that depend only
    on which rows there are (a whole table's count, ``core.pages.count``; ``tracks_rows``).
    Bulk inserts call ``changed`` or ``bump`` themselves."""

    def on_save(sender: type[models.Model], created: bool = False, **_kwargs: object) -> None:
        if created or not rows_only:
            changed(sender)

    def on_delete(sender: type[models.Model], **_kwargs: object) -> None:
        changed(sender)

    uid = f"govit.row_versions:{model._meta.label_lower}"
    post_save.connect(on_save, sender=model, weak=False, dispatch_uid=uid + ":save")
    post_delete.connect(on_delete, sender=model, weak=False, dispatch_uid=uid + ":delete")
    if rows_only:
        _rows_only.add(model)


_every_kept: weakref.WeakSet[Kept[Any]] = weakref.WeakSet()


def forget_kept() -> None:
    """Empty every ``Kept`` of this process (the tests, between them)."""
    for kept in list(_every_kept):
        kept.clear()


def _in_transaction() -> bool:
    """Whether the code runs inside a transaction of its own (a test's wrapping transaction
    does not count: the tests run inside one)."""
    blocks = transaction.get_connection().atomic_blocks
    return any(not getattr(block, "_from_testcase", False) for block in blocks)


def tracks_rows(model: type[models.Model]) -> bool:
    """Whether ``model``'s version follows its added and deleted rows (``track(rows_only=)``)."""
    return model in _rows_only


class Kept(Generic[V]):
    """Values computed from some tables, kept by this process until one of those tables gets a
    new version (at most ``limit``; emptied when full). Without a shared cache, or when it does
    not answer, every call computes."""

    def __init__(self, *, limit: int) -> None:
        self.limit = limit
        self._values: dict[tuple[tuple[str, ...], Hashable], V] = {}
        _every_kept.add(self)

    def get(
        self, tables: tuple[type[models.Model], ...], key: Hashable, compute: Callable[[], V]
    ) -> V:
        """The value of ``key`` computed from ``tables``: kept, or ``compute()`` now. Inside
        a transaction it is computed and not kept: the transaction may have written those
        tables (and may yet roll back, which gives them no new version)."""
        found_versions = versions(*tables) if shared() and not _in_transaction() else None
        if found_versions is None:
            return compute()
        full = (found_versions, key)
        if full in self._values:
            return self._values[full]
        value = compute()
        if len(self._values) >= self.limit:
            self._values.clear()
        self._values[full] = value
        return value

    def clear(self) -> None:
        self._values.clear()

    def __len__(self) -> int:
        return len(self._values)
