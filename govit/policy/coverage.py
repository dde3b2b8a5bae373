"""Which articles of a regulation a rulebook turns into rules, lists as manual, or leaves out."""

from __future__ import annotations

from dataclasses import dataclass

from govit.policy.articles import article_label, parse_article_ref
from govit.policy.loader import LoadedRulebook


@dataclass(frozen=True)
class Coverage:
    """Article numbers by how the rulebook treats them."""

    rulebook: str
    ruled: tuple[int, ...]
    steps: tuple[int, ...]
    manual: tuple[int, ...]
    unmentioned: tuple[int, ...]

    @staticmethod
    def labels(numbers: tuple[int, ...]) -> list[str]:
        return [article_label(number) for number in numbers]


def coverage(rulebook: LoadedRulebook) -> Coverage:
    spec = rulebook.spec
    ruled = {parse_article_ref(entry.article) for entry in spec.rules}
    steps = {parse_article_ref(t.article) for t in spec.transitions if t.article} - ruled
    manual = {parse_article_ref(entry.article) for entry in spec.manual} - ruled - steps
    present = set(rulebook.regulation.numbers())
    unmentioned = present - ruled - steps - manual
    return Coverage(
        rulebook=rulebook.id,
        ruled=tuple(sorted(ruled)),
        steps=tuple(sorted(steps)),
        manual=tuple(sorted(manual)),
        unmentioned=tuple(sorted(unmentioned)),
    )
