"""Load and validate the rulebooks and their regulation texts.

A rulebook is refused, with the file, the field and the reason, when its YAML does not match
the schema, when it cites an article its regulation does not have, or when a quotation does
not occur verbatim in the cited article.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pydantic import ValidationError

from govit.policy.articles import Regulation, parse_article_ref, parse_regulation
from govit.policy.schema import Rulebook

REGULATION_DIR = Path(__file__).resolve().parent / "regulations"


class RulebookError(ImproperlyConfigured):
    """A rulebook file that cannot be used; the message names the file, field and reason."""


@dataclass(frozen=True)
class LoadedRulebook:
    """A validated rulebook with its parsed regulation."""

    spec: Rulebook
    regulation: Regulation
    path: Path

    @property
    def id(self) -> str:
        return self.spec.id


def _location(error: dict[str, object]) -> str:
    return ".".join(str(part) for part in error.get("loc", ())) or "(top level)"  # type: ignore[attr-defined]


def load_file(path: Path) -> LoadedRulebook:
    """Read, validate and cross-check one rulebook file."""
    name = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RulebookError(f"{name}: cannot be read as YAML: {exc}") from exc
    try:
        spec = Rulebook.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise RulebookError(
            f"{name}: field {_location(first)}: {first['msg']}"  # type: ignore[arg-type]
            + (f" (and {exc.error_count() - 1} more errors)" if exc.error_count() > 1 else "")
        ) from exc
    if spec.id != path.stem:
        raise RulebookError(f"{name}: field id: is {spec.id!r} but the file is {path.stem}.yaml")
    text_path = REGULATION_DIR / spec.source.file
    try:
        regulation = parse_regulation(text_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulebookError(f"{name}: field source.file: cannot read {text_path}") from exc
    for index, citation in enumerate(spec.citations):
        number = parse_article_ref(citation.article)
        if not regulation.has_article(number):
            raise RulebookError(
                f"{name}: field citations.{index}.article: the regulation has no {citation.article}"
            )
        if citation.quote not in regulation.article(number).text:
            raise RulebookError(
                f"{name}: field citations.{index}.quote: not found verbatim in {citation.article}"
            )
    return LoadedRulebook(spec=spec, regulation=regulation, path=path)


@cache
def load_all() -> dict[str, LoadedRulebook]:
    """Every rulebook shipped with govit, by id (validated once per process)."""
    directory = Path(settings.RULEBOOK_DIR)
    return {path.stem: load_file(path) for path in sorted(directory.glob("*.yaml"))}


def get(rulebook_id: str) -> LoadedRulebook:
    try:
        return load_all()[rulebook_id]
    except KeyError:
        raise KeyError(f"no rulebook {rulebook_id!r}") from None


def active() -> LoadedRulebook:
    """The rulebook this deployment runs under (``GOVIT_RULEBOOK``)."""
    return get(settings.GOVIT_RULEBOOK)
