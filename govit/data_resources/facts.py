"""What the data-resource catalogue tells about systems, for their O&M funding.

For a system with entries in the catalogue (any status), the catalogue decides:
- ``in_data_catalog``: at least one of its entries is published;
- ``duplicate_collection``: a published entry was judged to collect another unit's data again;
- ``shares_data``: within ``GOVIT_SHARING_LOOKBACK_DAYS``, no request for its data had its
  refusal overturned as unfounded, was answered late, or is still unanswered past its due day.
A system with no entry at all keeps the facts declared in the system catalogue (census).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.db.models import F, Q

from govit.data_resources.choices import RequestStatus, ResourceStatus
from govit.data_resources.models import DataResource, SharingRequest
from govit.systems.facts import Facts
from govit.systems.models import System


def failing_requests(system_ids: Sequence[int], today: dt.date) -> dict[int, int]:
    """How many requests for each system's data were not answered as required."""
    since = today - dt.timedelta(days=settings.GOVIT_SHARING_LOOKBACK_DAYS)
    rows = SharingRequest.objects.filter(
        resource__source_system_id__in=system_ids, submitted_on__gte=since
    ).filter(
        Q(status=RequestStatus.OVERTURNED)
        | Q(status=RequestStatus.FORWARDED, answer_due__lt=today)
        | Q(answered_on__isnull=False, answer_due__isnull=False, answered_on__gt=F("answer_due"))
    )
    counts: dict[int, int] = defaultdict(int)
    for system_id in rows.values_list("resource__source_system_id", flat=True):
        counts[system_id] += 1
    return counts


def system_facts(systems: Sequence[System], today: dt.date) -> dict[int, Facts]:
    """The facts the catalogue decides, per system id (systems without entries are left out)."""
    ids = [system.pk for system in systems]
    entries: dict[int, list[tuple[str, int | None]]] = defaultdict(list)
    for system_id, status, duplicate in DataResource.objects.filter(
        source_system_id__in=ids
    ).values_list("source_system_id", "status", "duplicate_of_id"):
        entries[system_id].append((status, duplicate))
    failing = failing_requests(list(entries), today)
    facts: dict[int, Facts] = {}
    for system_id, rows in entries.items():
        published = [dup for status, dup in rows if status == ResourceStatus.PUBLISHED]
        facts[system_id] = {
            "in_data_catalog": bool(published),
            "duplicate_collection": any(dup is not None for dup in published),
            "shares_data": failing.get(system_id, 0) == 0,
        }
    return facts
