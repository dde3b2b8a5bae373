"""The pydantic schema of a rulebook file (``policy/rulebooks/<id>.yaml``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from govit.policy.engine.snapshot import Stage

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


class RuleEntry(Strict):
    """One use of a registered rule: which rule, with which params, citing which sentence."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_.]*$")]
    rule: NonEmpty = Field(description="the id of a registered rule function")
    article: ArticleLabel
    quote: NonEmpty
    params: dict[str, Any] = Field(default_factory=dict)
    applies_from: Stage | None = Field(
        default=None, description="the rule is checked once the project reaches this stage"
    )
    blocks: list[Stage] = Field(
        default_factory=list, description="states a block finding of this rule stops"
    )
    severity: Literal["block", "warn", "info"] | None = Field(
        default=None, description="the highest severity this entry may report (原则上: warn)"
    )
    note: str = ""


class ManualEntry(Strict):
    """An article (or sentence) that a machine cannot check, listed so coverage shows."""

    article: ArticleLabel
    quote: str | None = None
    note: NonEmpty


class Transition(Strict):
    """A step of the project lifecycle: from which states, to which, by whom, on what basis."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    name: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    source: list[Stage] = Field(alias="from", min_length=1)
    to: Stage
    roles: list[ROLE_IDS] = Field(min_length=1)
    label: NonEmpty = Field(description="the action's name in Chinese")
    label_en: NonEmpty
    article: ArticleLabel | None = None
    quote: str | None = None


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
    states: list[Stage] = Field(default_factory=list)
    initial: Stage = "draft"
    transitions: list[Transition] = Field(default_factory=list)
    rules: list[RuleEntry] = Field(default_factory=list)
    manual: list[ManualEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Rulebook:
        states = set(self.states)
        if self.transitions and self.initial not in states:
            raise ValueError(f"initial state {self.initial!r} is not in states")
        for transition in self.transitions:
            for state in [*transition.source, transition.to]:
                if state not in states:
                    raise ValueError(
                        f"transition {transition.name!r} uses {state!r}, which is not in states"
                    )
        seen: set[str] = set()
        for entry in self.rules:
            if entry.id in seen:
                raise ValueError(f"rule entry id {entry.id!r} is used twice")
            seen.add(entry.id)
            for state in entry.blocks:
                if states and state not in states:
                    raise ValueError(f"rule {entry.id!r} blocks {state!r}, which is not in states")
        pairs = [(source, t.name) for t in self.transitions for source in t.source]
        if len(pairs) != len(set(pairs)):
            raise ValueError("a transition name is used twice from the same state")
        return self

    def role_title(self, role: str) -> str | None:
        return self.roles.get(role)  # type: ignore[call-overload, no-any-return]


def article_sort_key(label: str) -> int:
    """Sort key of an article label, for listings."""
    from govit.policy.articles import parse_article_ref

    return parse_article_ref(label) if re.match(ARTICLE_PATTERN, label) else 0
