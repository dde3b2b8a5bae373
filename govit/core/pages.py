"""Paged web lists: the filters a page link keeps, and a paginator that counts at most ``cap``
rows.

A text search of one or two characters cannot use the trigram index (trigrams need three
characters: ``projects`` migration 0006), so its count reads every row of the table: at a
province's 100,000 projects about 50 ms of three processes for a common word such as 系统,
which matches one project in seven, on every page of the results. Counting at most ``cap + 1``
rows stops the scan once the cap is passed (about 7,000 rows for such a word); the page then
says that more than ``cap`` rows match and offers the first ``cap``, to be narrowed by the
filters. A rare word still reads the whole table, as its rows query must.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, cast

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


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
