"""Load and validate the rulebooks and their regulation texts.

A rulebook is refused, with the file, the field and the reason, when its YAML does not match
the schema, when it cites an article its regulation does not have, or when a quotation does
not occur verbatim in the cited article.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pydantic import ValidationError

from govit.core.calendar import PURE_CALENDAR, WorkCalendar
from govit.policy.articles import Regulation, parse_article_ref, parse_regulation
from govit.policy.engine import registry, stages
from govit.policy.engine.compiled import Entry
from govit.policy.engine.evaluate import evaluate
from govit.policy.engine.results import CheckResult
from govit.policy.engine.snapshot import Snapshot
from govit.policy.schema import Rulebook, Transition

REGULATION_DIR = Path(__file__).resolve().parent / "regulations"


class RulebookError(ImproperlyConfigured):
    """A rulebook file that cannot be used; the message names the file, field and reason."""


@dataclass(frozen=True)
class LoadedRulebook:
    """A validated rulebook with its parsed regulation."""

    spec: Rulebook
    regulation: Regulation
    path: Path
    entries: tuple[Entry, ...] = ()

    @property
    def id(self) -> str:
        return self.spec.id

    @cached_property
    def obligation_entries(self) -> tuple[Entry, ...]:
        """The entries whose rules may record obligations, in the rulebook's order."""
        return tuple(entry for entry in self.entries if entry.obliges)

    def evaluate(
        self,
        snapshot: Snapshot,
        *,
        calendar: WorkCalendar = PURE_CALENDAR,
        target: str | None = None,
        transition: str | None = None,
        as_of: dt.date | None = None,
        obligations_only: bool = False,
    ) -> CheckResult:
        """Run this rulebook's rules over ``snapshot`` (see ``engine.evaluate``);
        ``obligations_only``: only the rules that may record obligations."""
        return evaluate(
            snapshot,
            rulebook_id=self.id,
            entries=self.obligation_entries if obligations_only else self.entries,
            calendar=calendar,
            target=target,
            transition=transition,
            as_of=as_of,
            obligations_only=obligations_only,
        )

    def transitions_from(self, state: str) -> list[Transition]:
        """The lifecycle steps available from ``state``."""
        return [t for t in self.spec.transitions if state in t.source]

    def transition(self, state: str, name: str) -> Transition | None:
        for candidate in self.transitions_from(state):
            if candidate.name == name:
                return candidate
        return None


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

    def check_quote(field: str, article: str, quote: str | None) -> None:
        number = parse_article_ref(article)
        if not regulation.has_article(number):
            raise RulebookError(f"{name}: field {field}.article: the regulation has no {article}")
        if quote and quote not in regulation.article(number).text:
            raise RulebookError(f"{name}: field {field}.quote: not found verbatim in {article}")

    for index, citation in enumerate(spec.citations):
        check_quote(f"citations.{index}", citation.article, citation.quote)
    for index, manual in enumerate(spec.manual):
        check_quote(f"manual.{index}", manual.article, manual.quote)
    for index, transition in enumerate(spec.transitions):
        if transition.article:
            check_quote(f"transitions.{index}", transition.article, transition.quote)
    entries = []
    for index, item in enumerate(spec.rules):
        check_quote(f"rules.{index}", item.article, item.quote)
        try:
            rule = registry.get(item.rule)
        except KeyError:
            raise RulebookError(
                f"{name}: field rules.{index}.rule: no registered rule {item.rule!r}"
            ) from None
        try:
            params = rule.params.model_validate(item.params)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise RulebookError(
                f"{name}: field rules.{index}.params.{_location(first)}: {first['msg']}"  # type: ignore[arg-type]
            ) from exc
        entries.append(
            Entry(
                id=item.id,
                rule=item.rule,
                function=rule.function,
                params=params,
                article=item.article,
                quote=item.quote,
                applies_from=item.applies_from,
                blocks=tuple(item.blocks),
                severity_cap=item.severity,
                applies_from_index=stages.index(item.applies_from),
                obliges=rule.obliges,
            )
        )
    return LoadedRulebook(spec=spec, regulation=regulation, path=path, entries=tuple(entries))


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
