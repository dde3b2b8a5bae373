"""A typed front for ``rules`` predicates, which the rest of govit builds its policies from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules

# A rules predicate: callable, and composable with &, | and ~.
Predicate = Any


def predicate(function: Callable[..., bool]) -> Predicate:
    """Turn a function of ``(user)`` or ``(user, obj)`` into a composable predicate."""
    return rules.predicate(function)
