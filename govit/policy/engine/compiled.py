"""A rulebook's rule entries bound to their functions and validated parameters."""

from __future__ import annotations

from dataclasses import dataclass

from govit.policy.engine.registry import Params, RuleFunction
from govit.policy.engine.results import Severity


@dataclass(frozen=True, slots=True)
class Entry:
    """One use of a rule in a rulebook: the function, its params and its citation."""

    id: str
    rule: str
    function: RuleFunction
    params: Params
    article: str
    quote: str
    applies_from: str | None
    blocks: tuple[str, ...]
    severity_cap: Severity | None
    applies_from_index: int = -1  # the skeleton position of applies_from; -1: always
    obliges: bool = False  # the rule may record obligations (``registry.rule``)
