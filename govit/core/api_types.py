"""Types shared by the API modules (django-ninja): an id that can name a database row.

``DatabaseId`` bounds an integer id to 1 … 2**63 - 1, the largest bigint of PostgreSQL (and
of SQLite, whose driver raises ``OverflowError`` above it). A larger id answers 422 naming the
field, instead of reaching the database. It works as a path or query parameter and as a field of
a ``Schema``; ``DatabaseId | None = None`` makes it optional.

``Cursor`` and ``api_page`` page a list by offset or by keyset cursor (govit.core.paging).
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import ValidationError
from pydantic import Field

from govit.core import paging
from govit.core.paging import Page

T = TypeVar("T", bound=Model)
DATABASE_ID_MAX = 2**63 - 1

DatabaseId = Annotated[int, Field(ge=1, le=DATABASE_ID_MAX)]

# The ``after`` of a list: the ``next`` of its previous page (govit.core.paging).
Cursor = Annotated[str, Field(max_length=paging.CURSOR_MAX_LENGTH)]


def api_page(queryset: QuerySet[T], *, limit: int, offset: int = 0, after: str = "") -> Page[T]:
    """A page of an API list (govit.core.paging); a bad ``after`` answers 422 naming it."""
    try:
        return paging.page(queryset, limit=limit, offset=offset, after=after)
    except paging.CursorError as exc:
        message = _("Not a cursor of this list (use the “next” of its previous page).")
        raise ValidationError([{"loc": ("query", "after"), "msg": message}]) from exc


def link_next_page(request: HttpRequest, response: HttpResponse, page: Page[Any]) -> None:
    """For a bare-array list: when more rows follow ``page``, the ``Link`` header of the next
    page, this request's address with ``after`` the page's cursor and no ``offset``."""
    if not page.next:
        return
    params = request.GET.copy()
    params.pop("offset", None)
    params["after"] = page.next
    response["Link"] = f'<{request.path}?{params.urlencode()}>; rel="next"'
