"""The pydantic schema of a rulebook file (``policy/rulebooks/<id>.yaml``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ARTICLE_PATTERN = r"^第[零一二三四五六七八九十百]+条$"
ROLE_IDS = Literal[
    "competent",
    "unit",
    "finance",
    "drc",
    "cac",
    "police",
    "crypto",
    "secrecy",
    "audit",
    "datacenter",
    "government",
    "expert",
    "agency",
    "vendor",
    "supervisor",
]

ArticleLabel = Annotated[str, StringConstraints(pattern=ARTICLE_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Strict):
    """A sentence of the regulation, quoted verbatim, that the rulebook relies on."""

    article: ArticleLabel
    quote: NonEmpty
    topic: str = ""


class Source(Strict):
    """Where the regulation text came from."""

    file: NonEmpty = Field(description="the cleaned text under policy/regulations/")
    original: NonEmpty = Field(description="the file name of the copy it was cleaned from")
    note: str = ""


class Rulebook(Strict):
    """One regulation turned into data: metadata, local role titles and citations."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    title: NonEmpty
    short_name: NonEmpty
    issuer: str | None = None
    issued_on: dt.date | None = None
    document_number: str | None = None
    level: Literal["city", "county"]
    source: Source
    roles: dict[ROLE_IDS, NonEmpty] = Field(description="local title of each role")
    citations: list[Citation] = Field(default_factory=list)

    def role_title(self, role: str) -> str | None:
        return self.roles.get(role)  # type: ignore[call-overload, no-any-return]


def article_sort_key(label: str) -> int:
    """Sort key of an article label, for listings."""
    from govit.policy.articles import parse_article_ref

    return parse_article_ref(label) if re.match(ARTICLE_PATTERN, label) else 0
