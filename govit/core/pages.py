"""Paged lists: the filters a page link keeps, a paginator that counts at most ``cap`` rows,
and whole-table counts kept until a row is added or deleted.

A text search of one or two characters cannot use the trigram index (trigrams need three
characters: ``projects`` migration 0006), so its count reads every row of the table: at a
province's 100,000 projects about 50 ms of three processes for a common word such as 系统,
which matches one project in seven, on every page of the results. Counting at most ``cap + 1``
rows stops the scan once the cap is passed (about 7,000 rows for such a word); the page then
says that more than ``cap`` rows match and offers the first ``cap``, to be narrowed by the
filters. A rare word still reads the whole table, as its rows query must.

A reader who sees a whole big table (the competent department: every project; a whole-catalogue
reader: the province's 500,000 data resources) had it counted at every page of its list: a
quarter of the database's time under load (issue #9). ``count`` keeps the count of an
unfiltered queryset of a model tracked by ``row_versions.track(rows_only=True)`` until a row of
it is added or deleted (an update changes no count); filtered lists are counted as before.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, cast

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from govit.core import row_versions

_counts: row_versions.Kept[int] = row_versions.Kept(limit=64)


def kept_filters(request: HttpRequest) -> str:
    """The request's query string without ``page``: what the list's page links keep
    (``web/partials/pagination.html``)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    """Pages of at most ``cap`` rows of ``object_list`` (a queryset); ``capped`` says whether
    more match."""

    def __init__(self, object_list: QuerySet[Any], per_page: int, *, cap: int) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def _seen(self) -> int:
        return cast("QuerySet[Any]", self.object_list)[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._seen, self.cap)

    @property
    def capped(self) -> bool:
        return self._seen > self.cap


def count(queryset: QuerySet[Any]) -> int:
    """``queryset.count()``, kept while no row is added or deleted when the queryset is the
    whole table of a model tracked by ``row_versions.track(rows_only=True)``."""
    model = queryset.model
    if not (row_versions.tracks_rows(model) and _whole_table(queryset)):
        return queryset.count()
    return _counts.get((model,), model._meta.label, queryset.count)


def _whole_table(queryset: QuerySet[Any]) -> bool:
    """Whether ``queryset`` counts every row of its table (no filter, distinct, slice,
    grouping, union or aggregate)."""
    query = queryset.query
    return not (
        query.where
        or query.distinct
        or query.combinator
        or query.is_sliced
        or query.group_by
        or any(getattr(value, "contains_aggregate", False) for value in query.annotations.values())
    )


class CountedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator of a queryset whose count is ``count``'s."""

    @cached_property
    def count(self) -> int:
        return count(cast("QuerySet[Any]", self.object_list))
