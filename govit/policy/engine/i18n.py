"""Translation for rule messages, fast enough for whole-portfolio evaluation.

Django's ``gettext`` looks the active language up through a thread-and-task local on every
call; the engine evaluates tens of thousands of snapshots a second, so ``evaluate`` pins the
language once and rule messages are translated through a per-language cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token

from django.utils import translation

_language: ContextVar[str | None] = ContextVar("govit_policy_language", default=None)
_cache: dict[tuple[str, str], str] = {}


def current_language() -> str:
    """The language of the evaluation in progress, else Django's active language."""
    return _language.get() or translation.get_language() or ""


def language_pinned() -> bool:
    """A language is pinned (by ``pinned_language`` around many evaluations)."""
    return _language.get() is not None


def pin_language() -> Token[str | None]:
    """Pin Django's active language for one evaluation; give the token to ``unpin_language``."""
    return _language.set(translation.get_language() or "")


def unpin_language(token: Token[str | None]) -> None:
    _language.reset(token)


@contextmanager
def pinned_language() -> Iterator[None]:
    """Pin Django's active language for the duration of a block."""
    token = pin_language()
    try:
        yield
    finally:
        unpin_language(token)


def gettext(message: str) -> str:
    """Translate ``message`` into the pinned language (cached per language)."""
    language = _language.get()
    if language is None:
        return translation.gettext(message)
    key = (language, message)
    text = _cache.get(key)
    if text is None:
        # In the pinned language, whatever language is active now (see ``pinned_language``).
        with translation.override(language or None):
            text = translation.gettext(message)
        _cache[key] = text
    return text
