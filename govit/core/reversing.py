"""URLs of many rows from one ``reverse``."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

# A number no primary key reaches, reversed in place of the key and then replaced by it.
_SENTINEL = 2_147_483_647


def pk_url(name: str) -> Callable[[int], str]:
    """A function from a primary key to the URL ``name`` with that key as its only argument,
    from one ``reverse`` (instead of one per row)."""
    head, _, tail = reverse(name, args=[_SENTINEL]).rpartition(str(_SENTINEL))
    return lambda pk: f"{head}{pk}{tail}"
