"""The rulebook data of oversight (rulebook_data.yaml): finding kinds, the rectification
article and the sanctions, each with its article and verbatim quote (checked on load)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured

from govit.policy import loader
from govit.policy.articles import parse_article_ref

PATH = Path(__file__).with_name("rulebook_data.yaml")


@dataclass(frozen=True)
class Cited:
    code: str
    label: str
    article: str
    quote: str


@dataclass(frozen=True)
class RulebookOversight:
    order: Cited
    kinds: tuple[Cited, ...]
    sanctions: tuple[Cited, ...]

    def kind(self, code: str) -> Cited | None:
        return next((k for k in self.kinds if k.code == code), None)

    def sanction(self, kind: str) -> Cited | None:
        return next((s for s in self.sanctions if s.code == kind), None)


def _check(rulebook: str, article: str, quote: str) -> None:
    regulation = loader.get(rulebook).regulation
    number = parse_article_ref(article)
    if not regulation.has_article(number) or quote not in regulation.article(number).text:
        raise ImproperlyConfigured(f"{PATH.name}: {rulebook} {article}: quote not found: {quote}")


@cache
def load() -> dict[str, RulebookOversight]:
    raw = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    out: dict[str, RulebookOversight] = {}
    for rulebook, spec in raw.items():
        cited: list[Cited] = []
        order = Cited("order", "", spec["order"]["article"], spec["order"]["quote"])
        kinds = tuple(Cited(k["code"], k["label"], k["article"], k["quote"]) for k in spec["kinds"])
        sanctions = tuple(Cited(s["kind"], "", s["article"], s["quote"]) for s in spec["sanctions"])
        cited = [order, *kinds, *sanctions]
        for item in cited:
            _check(rulebook, item.article, item.quote)
        out[rulebook] = RulebookOversight(order, kinds, sanctions)
    return out


def of(rulebook: str) -> RulebookOversight:
    return load()[rulebook]
