"""Helpers shared by the catalogue's views."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from govit.orgs.models import User
from govit.systems import selectors
from govit.systems.models import System


def actor_of(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def visible_system(request: HttpRequest, pk: int) -> System:
    """The system if the actor may read it; another unit's system answers 404."""
    system = selectors.system_get(actor=actor_of(request), pk=pk)
    if system is None:
        raise Http404
    return system
