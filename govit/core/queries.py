"""Query helpers shared by the apps' batch readers."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q


def covering(field: str, ids: Sequence[int]) -> Q:
    """A filter on ``field`` that matches every row of the sorted ``ids`` and perhaps others
    between them: a range when the ids are dense (a batch of open projects: the closed ones
    between them cost less than an ``IN`` list of 500 numbers, which Django and the driver
    prepare value by value on every query), else the ids themselves. The caller looks rows up
    by id, so rows of other ids are never read as a batch member's."""
    if ids and ids[-1] - ids[0] < 2 * len(ids):
        return Q(**{f"{field}__gte": ids[0], f"{field}__lte": ids[-1]})
    return Q(**{f"{field}__in": ids})
