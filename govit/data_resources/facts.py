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
from django.db.models import Count, F, Q

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
    """The facts the catalogue decides, per system id (systems without entries are left out).

    Counted by the database, one row per system: ``govit tick`` asks for the systems of every
    open project, some ten entries each on the province's catalogue."""
    ids = [system.pk for system in systems]
    published = Q(status=ResourceStatus.PUBLISHED)
    rows = (
        DataResource.objects.filter(source_system_id__in=ids)
        .order_by()
        .values("source_system_id")
        .annotate(
            published=Count("pk", filter=published),
            duplicates=Count("pk", filter=published & Q(duplicate_of__isnull=False)),
        )
        .values_list("source_system_id", "published", "duplicates")
    )
    counts = {system_id: (shown, duplicates) for system_id, shown, duplicates in rows}
    failing = failing_requests(list(counts), today)
    return {
        system_id: {
            "in_data_catalog": shown > 0,
            "duplicate_collection": duplicates > 0,
            "shares_data": failing.get(system_id, 0) == 0,
        }
        for system_id, (shown, duplicates) in counts.items()
    }
