"""The acceptance prerequisites of each rulebook as data (``checklists/<rulebook>.yaml``).

An item is either a document the project holds (its type is what the engine reads) or a fact
of the project that evidence establishes (``platform_docked`` ...). Each item names the rulebook
rule that checks it, so the stage it is needed before (初验, 验收, 投入运行) comes from that rule's
``blocks``, and cites its article with a quote that must be verbatim in the regulation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from django.core.exceptions import ImproperlyConfigured
from pydantic import BaseModel, ConfigDict, model_validator

from govit.policy import loader
from govit.policy.articles import parse_article_ref
from govit.policy.engine import stages
from govit.policy.engine.snapshot import DocumentType
from govit.policy.loader import LoadedRulebook
from govit.policy.vocabulary import label

DIRECTORY = Path(__file__).parent / "checklists"
FactName = Literal[
    "data_collected",
    "platform_docked",
    "acceptance_confirmed",
    "catalog_registered",
    "safe_reliable_products",
    "data_graded",
    "data_listed",
    "sharing_catalog_compiled",
    "open_catalog_compiled",
    "shares_data",
]


class ItemSpec(BaseModel):
    """One prerequisite as written in the YAML file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    document: DocumentType | None = None
    fact: FactName | None = None
    by: Literal["unit", "competent"] = "unit"
    when: str | None = None  # an engine decision that must be true for the item to apply
    when_fact: str | None = None  # a project fact that must be true for the item to apply
    rule: str
    article: str
    quote: str

    @model_validator(mode="after")
    def _one_kind(self) -> ItemSpec:
        if (self.document is None) == (self.fact is None):
            raise ValueError(f"{self.key}: give either document or fact")
        return self


class Citation(BaseModel):
    """An article with a quote that must be verbatim in it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    article: str
    quote: str


class MeetingSpec(BaseModel):
    """What the meeting's guard cites: the article by which the project is accepted (no step
    into operation without a passed meeting) and the one on a failed acceptance."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    held: Citation
    failed: Citation


class ChecklistSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rulebook: str
    meeting: MeetingSpec
    items: list[ItemSpec]


@dataclass(frozen=True)
class Item:
    """A prerequisite with the stage its rule blocks."""

    spec: ItemSpec
    before: str  # the earliest state the rule blocks: initial_acceptance, acceptance, operation

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def label(self) -> str:
        return label(self.spec.document or self.spec.fact or self.key)

    @property
    def is_document(self) -> bool:
        return self.spec.document is not None


def _verbatim(path: Path, rulebook: LoadedRulebook, what: str, article: str, quote: str) -> None:
    number = parse_article_ref(article)
    if not rulebook.regulation.has_article(number):
        raise ImproperlyConfigured(f"{path}: {what}: no {article}")
    if quote not in rulebook.regulation.article(number).text:
        raise ImproperlyConfigured(f"{path}: {what}: quote not verbatim in {article}")


def _spec(rulebook_id: str) -> tuple[Path, ChecklistSpec | None]:
    path = DIRECTORY / f"{rulebook_id}.yaml"
    if not path.exists():
        return path, None
    return path, ChecklistSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def load(rulebook_id: str) -> list[Item]:
    """The checklist of a rulebook, checked against the rulebook and its regulation."""
    path, spec = _spec(rulebook_id)
    if spec is None:
        return []
    rulebook = loader.get(rulebook_id)
    entries = {entry.id: entry for entry in rulebook.entries}
    items = []
    for item in spec.items:
        _verbatim(path, rulebook, item.key, item.article, item.quote)
        entry = entries.get(item.rule)
        if entry is None or not entry.blocks:
            raise ImproperlyConfigured(f"{path}: {item.key}: no blocking rule {item.rule}")
        before = min(entry.blocks, key=stages.index)
        items.append(Item(spec=item, before=before))
    return items


@cache
def for_rulebook(rulebook_id: str) -> tuple[Item, ...]:
    """The checklist of a rulebook (read once per process)."""
    return tuple(load(rulebook_id))


@cache
def meeting_citations(rulebook_id: str) -> MeetingSpec | None:
    """The articles the meeting's guard cites in a rulebook, checked verbatim (read once)."""
    path, spec = _spec(rulebook_id)
    if spec is None:
        return None
    rulebook = loader.get(rulebook_id)
    for what, cited in (("held", spec.meeting.held), ("failed", spec.meeting.failed)):
        _verbatim(path, rulebook, f"meeting.{what}", cited.article, cited.quote)
    return spec.meeting
