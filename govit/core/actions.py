"""What a user may do next: each app registers a provider that the home page asks.

Apps register in their ``AppConfig.ready``; a provider reads data (counts, open items) for the
user and returns actions, so the home page is fed by the apps without depending on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Register a provider (idempotent, usable as a decorator)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def for_user(user: User) -> list[NextAction]:
    """Every registered provider's actions for ``user``, most urgent first."""
    actions = [action for provider in _providers for action in provider(user)]
    return sorted(actions, key=lambda action: (action.priority, action.label))
