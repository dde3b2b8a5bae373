"""Read queries for organisations and users, scoped to the actor."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.db import models

from govit.core import row_versions
from govit.orgs.models import Membership, Organisation, User

M = TypeVar("M", bound=models.Model)


# Subtrees already walked, by the organisations table's version (``row_versions``).
_subtrees: row_versions.Kept[frozenset[int]] = row_versions.Kept(limit=4096)


def subtree_ids(organisation_ids: Iterable[int]) -> frozenset[int]:
    """The given organisations and every organisation below them (one query per level).

    With a shared cache a subtree is walked once per version of the organisations table and
    kept by the process: every page of a unit's clerk reads it (their scope), and the tree
    changes when an administrator edits an organisation."""
    ids = frozenset(organisation_ids)
    if not ids:
        return ids
    return _subtrees.get((Organisation,), ids, lambda: _walk(ids))


def _walk(organisation_ids: frozenset[int]) -> frozenset[int]:
    found = set(organisation_ids)
    frontier = set(found)
    while frontier:
        children = set(
            Organisation.objects.filter(parent_id__in=frontier).values_list("id", flat=True)
        )
        frontier = children - found
        found |= frontier
    return frozenset(found)


def unit_scope_ids(user: User) -> frozenset[int]:
    """The organisations whose objects ``user`` may read as a member (their own and below)."""
    cached: frozenset[int] | None = getattr(user, "_unit_scope_ids", None)
    if cached is None:
        cached = subtree_ids(user.organisation_ids)
        user._unit_scope_ids = cached  # type: ignore[attr-defined]
    return cached


def scoped(user: User, queryset: models.QuerySet[M], *, org_field: str) -> models.QuerySet[M]:
    """Restrict ``queryset`` to what ``user`` may read: everything for oversight roles, else the
    objects whose ``org_field`` is one of the user's organisations or below them."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser or user.oversees_all:
        return queryset
    return queryset.filter(**{f"{org_field}__in": unit_scope_ids(user)})


def organisation_list(*, actor: User) -> models.QuerySet[Organisation]:
    """Organisations the actor may see, with their parent."""
    return scoped(actor, Organisation.objects.select_related("parent"), org_field="id")


def organisation_members(*, actor: User, organisation: Organisation) -> models.QuerySet[Membership]:
    """The memberships of an organisation the actor may see."""
    return (
        Membership.objects.filter(organisation=organisation, user__is_active=True)
        .filter(organisation__in=organisation_list(actor=actor))
        .select_related("user")
        .order_by("role", "user__username")
    )
