"""Types shared by the API modules (django-ninja): an id that can name a database row.

``DatabaseId`` bounds an integer id to 1 … 2**63 - 1, the largest bigint of PostgreSQL (and
of SQLite, whose driver raises ``OverflowError`` above it). A larger id answers 422 naming the
field, instead of reaching the database. It works as a path or query parameter and as a field of
a ``Schema``; ``DatabaseId | None = None`` makes it optional.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

DATABASE_ID_MAX = 2**63 - 1

DatabaseId = Annotated[int, Field(ge=1, le=DATABASE_ID_MAX)]
