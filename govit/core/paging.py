"""Pages of the API lists: a deferred join for offsets and an opaque keyset cursor.

A page at a deep offset costs the database every row before it. The deferred join asks
first for the keys of the page's rows only (the list's sort columns and primary key, which an
index can answer without building the rows), then for those rows with the list's joins and
prefetches, put back in the list's order: one query more than a plain slice, whatever the
offset.

A list whose order ends on a unique column (the primary key) may also be walked by keyset:
``after`` (the ``next`` of the previous page) starts the page just past that row, so a client
walks the whole list without offsets. The cursor is the sort values of the last row, encoded;
it only says where to start, the list's own filters (what the caller may see) still apply, so
a forged cursor shows nothing more than an offset would.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Field, Model, Q, QuerySet

T = TypeVar("T", bound=Model)
CURSOR_MAX_LENGTH = 1000
_LARGEST = 2**63 - 1


class CursorError(ValueError):
    """The ``after`` value is not a cursor of this list."""


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: list[T]
    next: str | None  # the cursor of the last row when more rows follow


@dataclass(frozen=True)
class _Key:
    name: str  # as values_list and filter spell it
    field: Field[Any, Any]
    descending: bool


def page(queryset: QuerySet[T], *, limit: int, offset: int = 0, after: str = "") -> Page[T]:
    """The rows ``offset`` to ``offset + limit`` of ``queryset`` (after the cursor ``after``
    if given), in its order, and the cursor of the next page. Two queries (keys, rows) plus the
    queryset's prefetches; raises CursorError for a bad ``after``."""
    keys = sort_keys(queryset)
    ranked = queryset.filter(_past(keys, decode(after, keys))) if after else queryset
    names = [key.name for key in keys]
    marks = list(ranked.values_list(*names)[offset : offset + limit + 1])
    more, marks = len(marks) > limit, marks[:limit]
    if not marks:
        return Page(rows=[], next=None)
    ids = [mark[-1] for mark in marks]
    found = {row.pk: row for row in queryset.order_by().filter(pk__in=ids)}
    rows = [found[pk] for pk in ids if pk in found]  # a row gone between the queries is left out
    return Page(rows=rows, next=encode(keys, marks[-1]) if more else None)


def sort_keys(queryset: QuerySet[Any]) -> list[_Key]:
    """The list's order as keys; it must be plain non-null columns ending on a unique one."""
    meta = queryset.model._meta
    order = list(queryset.query.order_by or meta.ordering)
    keys = []
    for item in order:
        if not isinstance(item, str) or "__" in item.lstrip("-"):
            raise TypeError(f"not a column to page by: {item!r}")
        name = item.lstrip("-")
        field = meta.pk if name == "pk" else meta.get_field(name)
        if field.null:
            raise TypeError(f"a nullable column cannot page: {name}")
        keys.append(_Key(name=field.attname, field=field, descending=item.startswith("-")))
    if not keys or not (keys[-1].field.primary_key):
        raise TypeError("a keyset page needs an order ending on the primary key")
    return keys


def encode(keys: list[_Key], values: tuple[Any, ...]) -> str:
    plain = [v.isoformat() if isinstance(v, dt.date) else v for v in values]
    text = json.dumps({"k": [key.name for key in keys], "v": plain}, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(cursor: str, keys: list[_Key]) -> list[Any]:
    """The sort values a cursor of this list carries, checked one by one."""
    if len(cursor) > CURSOR_MAX_LENGTH:
        raise CursorError("too long")
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError) as exc:
        raise CursorError("not a cursor") from exc
    names = [key.name for key in keys]
    if not isinstance(data, dict) or data.get("k") != names:
        raise CursorError("not a cursor of this list")
    values = data.get("v")
    if not isinstance(values, list) or len(values) != len(keys):
        raise CursorError("not a cursor of this list")
    return [_value(key, value) for key, value in zip(keys, values, strict=True)]


def _value(key: _Key, raw: Any) -> Any:
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        raise CursorError("not a cursor of this list")
    if isinstance(raw, str) and "\x00" in raw:
        raise CursorError("not a cursor of this list")
    try:
        value = key.field.to_python(raw)
    except (ValidationError, TypeError, ValueError) as exc:
        raise CursorError("not a cursor of this list") from exc
    if isinstance(value, int) and abs(value) > _LARGEST:
        raise CursorError("not a cursor of this list")
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        raise CursorError("not a cursor of this list")
    if value is None:
        raise CursorError("not a cursor of this list")
    return value


def _past(keys: list[_Key], values: list[Any]) -> Q:
    """Rows strictly after ``values`` in the keys' order: a bound on the first key (which an
    index can range over) and the tie-breaks of the rest."""
    first = keys[0]
    bound = Q(**{f"{first.name}__{'lte' if first.descending else 'gte'}": values[0]})
    beyond = Q()
    for i, key in enumerate(keys):
        equal = {keys[j].name: values[j] for j in range(i)}
        step = Q(**equal, **{f"{key.name}__{'lt' if key.descending else 'gt'}": values[i]})
        beyond |= step
    return bound & beyond
