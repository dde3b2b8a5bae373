"""Read queries of the data-resource catalogue, scoped to the actor.

A unit reads its own entries in every status and every unit's published entries (the sharing
and open catalogues are how units find data); oversight roles read everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from govit.data_resources.choices import (
    OPEN_TYPES,
    SHARED_TYPES,
    RequestStatus,
    ResourceStatus,
)
from govit.data_resources.models import DataResource, SharingRequest
from govit.orgs.models import User
from govit.orgs.selectors import unit_scope_ids

CATALOGUES = ("all", "sharing", "open")


def resource_list(
    *, actor: User, filters: Mapping[str, Any] | None = None, catalogue: str = "all"
) -> QuerySet[DataResource]:
    """Entries the actor may read; ``catalogue`` narrows to the sharing or the open catalogue."""
    queryset = DataResource.objects.select_related("unit", "source_system")
    if not actor.is_authenticated or not actor.is_active:
        return queryset.none()
    if not (actor.is_superuser or actor.oversees_all):
        queryset = queryset.filter(
            Q(unit_id__in=unit_scope_ids(actor)) | Q(status=ResourceStatus.PUBLISHED)
        )
    if catalogue == "sharing":
        queryset = queryset.filter(status=ResourceStatus.PUBLISHED, sharing_type__in=SHARED_TYPES)
    elif catalogue == "open":
        queryset = queryset.filter(status=ResourceStatus.PUBLISHED, open_type__in=OPEN_TYPES)
    filters = filters or {}
    for name in ("status", "sharing_type", "open_type", "grade", "update_cycle"):
        if filters.get(name):
            queryset = queryset.filter(**{name: filters[name]})
    if filters.get("unit"):
        queryset = queryset.filter(unit_id=filters["unit"])
    if filters.get("system"):
        queryset = queryset.filter(source_system_id=filters["system"])
    if filters.get("q"):
        text = str(filters["q"]).strip()
        queryset = queryset.filter(
            Q(name__icontains=text) | Q(code__icontains=text) | Q(summary__icontains=text)
        )
    return queryset.order_by("code", "id")


def resource_get(*, actor: User, pk: int) -> DataResource | None:
    """One entry the actor may read, or None (another unit's unpublished entry is hidden)."""
    return resource_list(actor=actor).filter(pk=pk).first()


def review_queue(*, actor: User) -> QuerySet[DataResource]:
    """Entries waiting for the competent department: submitted or approved (to publish)."""
    return resource_list(actor=actor).filter(
        status__in=(ResourceStatus.SUBMITTED, ResourceStatus.APPROVED)
    )


def request_list(*, actor: User, status: str | None = None) -> QuerySet[SharingRequest]:
    """Requests the actor's units made or received; all of them for oversight roles."""
    queryset = SharingRequest.objects.select_related(
        "resource__unit", "resource__source_system", "requester", "requested_by"
    )
    if not actor.is_authenticated or not actor.is_active:
        return queryset.none()
    if not (actor.is_superuser or actor.oversees_all):
        scope = unit_scope_ids(actor)
        queryset = queryset.filter(Q(requester_id__in=scope) | Q(resource__unit_id__in=scope))
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def request_get(*, actor: User, pk: int) -> SharingRequest | None:
    return request_list(actor=actor).filter(pk=pk).first()


def overdue_requests(*, actor: User, today: dt.date) -> QuerySet[SharingRequest]:
    """Requests whose check or answer is past its due date and still open."""
    return request_list(actor=actor).filter(
        Q(status=RequestStatus.PENDING_CHECK, check_due__lt=today)
        | Q(status=RequestStatus.FORWARDED, answer_due__lt=today)
    )
