"""What a user may do next: each app registers a provider that the home page asks.

Apps register in their ``AppConfig.ready``; a provider reads data (counts, open items) for the
user and returns actions, so the home page is fed by the apps without depending on them. A
provider that serves only some roles says so (``@serves(role, ...)``): it is not
called for a user who holds none of them, so it costs that user nothing.

``for_user`` keeps each user's computed actions in Django's cache (ADR 0022), keyed on the user,
their memberships, the language, the date and the head of the audit chain: every business
action writes an audit event in its transaction, so any of them makes the next home page
compute afresh. ``GOVIT_HOME_ACTIONS_CACHE_SECONDS`` bounds how long an entry lives, so data
written without an audit event (bulk loads, the tick's deadlines) shows within that time (300 s
by default, ADR 0027); 0 turns the cache off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache

from govit.core import user_cache
from govit.core.spread import spread

if TYPE_CHECKING:
    from govit.orgs.models import User


@dataclass(frozen=True)
class NextAction:
    """A thing the user may do now, with a link to the page that does it."""

    label: str
    url: str
    detail: str = ""
    count: int | None = None
    priority: int = 50  # lower comes first


Provider = Callable[["User"], Iterable[NextAction]]
# Each provider with the roles it serves (None: every signed-in user).
_providers: list[tuple[Provider, frozenset[str] | None]] = []

CACHE_PREFIX = "govit:home-actions"


def serves(*roles: str) -> Callable[[Provider], Provider]:
    """Mark a provider as serving only users holding one of ``roles`` (read by ``register``):
    the home page does not call it for anyone else (but for superusers, who read everything)."""

    def mark(provider: Provider) -> Provider:
        provider.serves = frozenset(roles)  # type: ignore[attr-defined]
        return provider

    return mark


def register(provider: Provider) -> Provider:
    """Register a provider (idempotent, usable as a decorator); a provider marked with
    ``serves`` is asked only for the users holding one of its roles."""
    if all(registered is not provider for registered, _roles in _providers):
        _providers.append((provider, getattr(provider, "serves", None)))
    return provider


def compute(user: User) -> list[NextAction]:
    """Every registered provider's actions for ``user``, most urgent first (no cache)."""
    # The memberships, read once (cached on the user) for every provider.
    held: frozenset[str] = user.roles if user.is_authenticated else frozenset()
    actions = [
        action
        for provider, roles in _providers
        if roles is None or held & roles or user.is_superuser
        for action in provider(user)
    ]
    return sorted(actions, key=lambda action: (action.priority, action.label))


def for_user(user: User) -> list[NextAction]:
    """``compute(user)``, from the cache while no audited change and no day has passed."""
    seconds = settings.GOVIT_HOME_ACTIONS_CACHE_SECONDS
    if not seconds or not user.is_authenticated:
        return compute(user)
    # The version is read before computing: a change committed in between is then cached
    # under the older version, which the next request no longer asks for.
    key = cache_key(user)
    cached = cache.get(key)
    if cached is not None:
        return [NextAction(*row) for row in cached]
    actions = compute(user)
    rows = [
        (str(a.label), str(a.url), str(a.detail), a.count, a.priority) for a in actions
    ]  # plain data in the request's language: no lazy strings, no model objects
    cache.set(key, rows, seconds - spread(key, seconds))  # not all users' entries at once
    return [NextAction(*row) for row in rows]


def cache_key(user: User) -> str:
    """The user, what they hold, the language, the date and the audit chain's head."""
    return user_cache.key_for(CACHE_PREFIX, user)
