"""A typed front for ``rules`` predicates, which the rest of govit builds its policies from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import rules

# A rules predicate: callable, and composable with &, | and ~.
Predicate = Any


def predicate(function: Callable[..., bool]) -> Predicate:
    """Turn a function of ``(user)`` or ``(user, obj)`` into a composable predicate."""
    return rules.predicate(function)


# Rules a view may name besides the registered permissions and the apps' policy predicates.
PUBLIC = "public"  # anyone, signed in or not (sign-in, language, API docs)
SIGNED_IN = "signed_in"  # any signed-in user, on their own data or on public texts

F = TypeVar("F", bound=Callable[..., Any])


def permission(*rules_: str) -> Callable[[F], F]:
    """Name the permission rule(s) a view or API operation checks (``"projects.view_project"``,
    ``"documents.document_upload"``, ``PUBLIC`` or ``SIGNED_IN``); tests/test_permission_rules.py
    fails for a route without one. Put it directly above the ``def`` (under ``@router.get``
    and ``@login_required``): the wrappers copy the attribute."""
    if not rules_ or not all(isinstance(rule, str) and rule for rule in rules_):
        raise ValueError("permission() needs at least one rule name")

    def mark(view: F) -> F:
        view.permission_rules = tuple(rules_)  # type: ignore[attr-defined]
        return view

    return mark


def rules_of(view: Any) -> tuple[str, ...]:
    """The rules a URL callback or view function names (class-based views: on the class)."""
    found = getattr(view, "permission_rules", None)
    if found is None and hasattr(view, "view_class"):
        found = getattr(view.view_class, "permission_rules", None)
    return tuple(found or ())
