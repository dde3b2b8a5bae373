"""The dashboard's figures kept in Django's cache, shared by scope, served stale while one
request recomputes them (ADR 0024).

At a province's scale the figures are full scans of whole tables (about a second). They depend
on the actor only through what the actor may read, so the key holds that scope (``scope_of``),
the filters, the language and the date, and neither the user nor the audit chain's head: the
officials who see the same projects share one entry, and a clerk's submission does not throw
every entry away. An entry is due at ``GOVIT_DASHBOARD_CACHE_SECONDS`` old, or up to a fifth
earlier (``spread``: entries made together fall due apart); the first request to find it due
takes a short lock and has them recomputed, the others keep the previous figures meanwhile.
The recomputation runs in a background thread (``GOVIT_DASHBOARD_BACKGROUND``): the request
that found the figures due is served the previous ones too, so no visit waits for a
province's aggregates (ADR 0025). A scope's first visit of the day is served the previous day's
figures the same way, if there are any. The page says when its figures were computed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import timezone, translation

from govit.core import user_cache
from govit.core.spread import spread
from govit.orgs.models import User
from govit.reports import selectors
from govit.reports.selectors import Bar, Portfolio, PortfolioFilter

logger = logging.getLogger(__name__)

PREFIX = "govit:dashboard"
# "Refresh now" recomputes only figures at least this old (at most the lifetime): holding the
# key down costs the database one computation per scope every ten seconds at worst.
REFRESH_SECONDS = 10
# How long the recomputing request holds the lock; it releases it when done, so this bounds
# only a request that died while computing.
LOCK_SECONDS = 30
# Entries are kept for the day (the date is in the key) so that a due entry can still be
# served while it is recomputed.
KEEP_SECONDS = 24 * 60 * 60


@functools.cache
def _format() -> str:
    """A digest of the kept objects' fields: a shared cache outlives a deployment, and an entry
    pickled by an older version of these classes must not be read by a newer one."""
    from govit.reports.throughput import Stage, Throughput

    classes = (Portfolio, Bar, Throughput, Stage)
    names = [f"{c.__name__}({','.join(f.name for f in dataclasses.fields(c))})" for c in classes]
    return hashlib.sha256(";".join(names).encode()).hexdigest()[:8]


def scope_of(actor: User) -> str:
    """What decides ``actor``'s figures: what they hold (``user_cache.holdings``: the
    memberships behind ``visible_projects``, ``scoped`` and the data catalogue, the sign-off
    roles of the review list, the flags), and the user themself only where the review figures
    count their own seats and tasks (a review reader other than the competent department,
    ``reviews.selectors.review_list``)."""
    from govit.reviews import policies as review_policies

    if review_policies.review_list(actor) and not review_policies.is_competent(actor):
        return f"{user_cache.holdings(actor)}-{actor.pk}"
    return user_cache.holdings(actor)


def key_for(actor: User, filters: PortfolioFilter, *, days_ago: int = 0) -> str:
    """The entry of ``actor``'s scope for ``filters`` in the request's language, today (or
    ``days_ago`` days before)."""
    query = "&".join(f"{k}={v}" for k, v in sorted(filters.as_query().items()))
    language, today = user_cache.language_and_day()
    day = (dt.date.fromisoformat(today) - dt.timedelta(days=days_ago)).isoformat()
    return ":".join((PREFIX, _format(), scope_of(actor), language, day, query))


def start_thread(work: Callable[[], None]) -> threading.Thread:
    """Run ``work`` in a daemon thread, on a database connection of its own that runs no
    parallel query (``_one_core``) and is closed at the end (tests replace this to run it in
    place)."""

    def run() -> None:
        try:
            _one_core()
            work()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name="govit-dashboard", daemon=True)
    thread.start()
    return thread


def _one_core() -> None:
    """No parallel workers for this connection's queries on PostgreSQL: the figures' scans
    would otherwise take every core for a while (three processes each), and the requests
    being served meanwhile wait for them; on one core they take a little longer, in the
    background."""
    connection = connections["default"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET max_parallel_workers_per_gather = 0")


def _compute(key: str, actor: User, filters: PortfolioFilter) -> tuple[Portfolio, dt.datetime]:
    """Compute the figures and keep them under ``key``, with the time before computing (what
    was committed by then is counted)."""
    started = timezone.now()
    computed = (selectors.portfolio(actor=actor, filters=filters), started)
    cache.set(key, computed, KEEP_SECONDS)
    return computed


def _recompute(key: str, lock: str, actor: User, filters: PortfolioFilter, language: str) -> None:
    """Compute the figures into ``key`` and release ``lock``: the background thread's work."""
    try:
        with translation.override(language):
            _compute(key, actor, filters)
    except Exception:
        # The previous figures stay; the lock is released below, so the next visit tries again.
        logger.exception("The dashboard's figures of %s could not be recomputed", key)
    finally:
        cache.delete(lock)


def cached_portfolio(
    *, actor: User, filters: PortfolioFilter | None = None, fresh: bool = False
) -> tuple[Portfolio, dt.datetime]:
    """``selectors.portfolio`` and when it was computed. ``fresh`` (the page's "refresh now")
    makes figures due from ``REFRESH_SECONDS`` old rather than at the end of their lifetime;
    ``GOVIT_DASHBOARD_CACHE_SECONDS`` 0 computes every time."""
    filters = filters or PortfolioFilter()
    seconds = settings.GOVIT_DASHBOARD_CACHE_SECONDS
    if not seconds:
        return selectors.portfolio(actor=actor, filters=filters), timezone.now()
    key = key_for(actor, filters)
    found: tuple[Portfolio, dt.datetime] | None = cache.get(key)
    lock = key + ":lock"
    background = settings.GOVIT_DASHBOARD_BACKGROUND and not fresh
    due_at = min(seconds, REFRESH_SECONDS) if fresh else seconds - spread(key, seconds)
    if found is None and background:
        # The scope's first visit today: yesterday's figures, due at once, if it has any.
        found, due_at = cache.get(key_for(actor, filters, days_ago=1)), 0
    if found is not None:
        age = (timezone.now() - found[1]).total_seconds()
        # Not due, or another request is recomputing it: the previous figures, labelled.
        if age < due_at or not cache.add(lock, 1, LOCK_SECONDS):
            return found
        if background:
            language = translation.get_language() or settings.LANGUAGE_CODE
            try:
                start_thread(functools.partial(_recompute, key, lock, actor, filters, language))
            except RuntimeError:  # no thread to be had: the lock's expiry lets another try
                logger.exception("No thread to recompute the dashboard's figures of %s", key)
            return found
    try:
        return _compute(key, actor, filters)
    finally:
        if found is not None:
            cache.delete(lock)
