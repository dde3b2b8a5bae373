"""The rule registry: small pure functions registered under stable ids.

A rule is ``function(snapshot, params, ctx) -> None``; it reads the snapshot and the params the
rulebook gives it, and reports through ``ctx`` (findings, decisions, obligations). It never
touches the database. The rulebook entry that uses a rule supplies the article and the quote.

A rule that records obligations (``ctx.oblige``) is registered with ``obliges=True``: the daily
re-evaluation of the whole portfolio (``govit tick``), which keeps only obligations, runs only
those rules (``evaluate(..., obligations_only=True)``); ``ctx.oblige`` refuses a rule
registered without it, so that no rule's obligations can be left out that way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from govit.policy.engine.context import Context
    from govit.policy.engine.snapshot import Snapshot


class Params(BaseModel):
    """Base of every rule's parameters: unknown parameters are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(Params):
    pass


P = TypeVar("P", bound=Params)
RuleFunction = Callable[["Snapshot", Any, "Context"], None]


@dataclass(frozen=True)
class RuleSpec:
    """A registered rule: its id, its function and the model of its parameters."""

    id: str
    function: RuleFunction
    params: type[Params]
    summary: str
    obliges: bool = False


RULES: dict[str, RuleSpec] = {}


def rule(
    rule_id: str, params: type[Params] = NoParams, *, obliges: bool = False
) -> Callable[[Callable[[Snapshot, Any, Context], None]], Callable[[Snapshot, Any, Context], None]]:
    """Register a rule function under ``rule_id`` (ids are stable: rulebooks name them);
    ``obliges``: the rule may record obligations."""

    def register(function: Callable[[Snapshot, Any, Context], None]) -> RuleFunction:
        if rule_id in RULES and RULES[rule_id].function is not function:
            raise ValueError(f"rule id {rule_id!r} is registered twice")
        summary = (function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else ""
        RULES[rule_id] = RuleSpec(rule_id, function, params, summary, obliges)
        return function

    return register


def get(rule_id: str) -> RuleSpec:
    load_rule_modules()
    return RULES[rule_id]


def load_rule_modules() -> None:
    """Import every module of ``govit.policy.rules`` so that their rules register."""
    import importlib
    import pkgutil

    import govit.policy.rules as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
