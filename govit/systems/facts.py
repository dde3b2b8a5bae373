"""Facts about systems that other registers decide (hooks instead of imports across apps).

The data-resource catalogue and the security registers register a provider here in their
``AppConfig.ready``; a provider answers, for a batch of systems, the facts its records decide
(for instance ``in_data_catalog`` or ``security_compliant``). A system a provider has no record
of is left out of its answer, and the fact declared in the system catalogue stands.

The system catalogue registers its own docking provider (docking.py): confirmed docking
records decide ``docked_service_platform`` and ``docked_data_platform``.

The evaluation app registers an evaluation provider: per system, the owner unit's latest
evaluation result (year and grade), which the O&M funding rules read as a basis (Harbin
第三十四条, Wuhan 第二十三条). It is not stored on the system.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govit.systems.models import System

Facts = dict[str, bool | None]
Provider = Callable[[Sequence["System"], dt.date], dict[int, Facts]]


@dataclass(frozen=True)
class EvaluationFact:
    """The owner unit's evaluation result a funding decision reads (the mean score of a year)."""

    unit_id: int
    year: int
    grade: str
    score: Decimal | None = None


EvaluationProvider = Callable[[Sequence["System"], dt.date], dict[int, EvaluationFact]]

# The System fields a provider may decide.
DERIVED_FIELDS = (
    "shares_data",
    "duplicate_collection",
    "in_data_catalog",
    "security_compliant",
    "crypto_compliant",
    "major_hazard",
    # Decided by the system catalogue's own confirmed docking records (govit/systems/docking.py).
    "docked_service_platform",
    "docked_data_platform",
)
# The docked facts: stored on the system, read by the engine as ``docked`` (service platform).
DOCKING_FIELDS = ("docked_service_platform", "docked_data_platform")

_providers: list[Provider] = []
_evaluation_providers: list[EvaluationProvider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def derived(systems: Sequence[System], today: dt.date) -> dict[int, Facts]:
    """Every provider's facts merged per system id (unknown values are left out)."""
    merged: dict[int, Facts] = {}
    for provider in _providers:
        for system_id, facts in provider(systems, today).items():
            known = {k: v for k, v in facts.items() if k in DERIVED_FIELDS and v is not None}
            merged.setdefault(system_id, {}).update(known)
    return merged


def register_evaluation(provider: EvaluationProvider) -> None:
    if provider not in _evaluation_providers:
        _evaluation_providers.append(provider)


def unregister_evaluation(provider: EvaluationProvider) -> None:
    if provider in _evaluation_providers:
        _evaluation_providers.remove(provider)


def evaluations(systems: Sequence[System], today: dt.date) -> dict[int, EvaluationFact]:
    """Per system id, the first provider's evaluation result (systems without one left out)."""
    found: dict[int, EvaluationFact] = {}
    for provider in _evaluation_providers:
        for system_id, fact in provider(systems, today).items():
            found.setdefault(system_id, fact)
    return found


# Set while a job goes through the whole portfolio (``whole_portfolio``): what a provider read
# about every unit, kept for the job's later batches.
_whole_portfolio: ContextVar[dict[Any, Any] | None] = ContextVar(
    "govit_systems_whole_portfolio", default=None
)


@contextmanager
def whole_portfolio() -> Iterator[None]:
    """A block in which batch after batch covers the whole portfolio: a provider may read a
    fact of every unit once (``portfolio_memo``) instead of again for each batch, which would
    ask about most units each time."""
    token = _whole_portfolio.set({})
    try:
        yield
    finally:
        _whole_portfolio.reset(token)


def portfolio_memo() -> dict[Any, Any] | None:
    """The memo of the ``whole_portfolio`` block in progress, else None."""
    return _whole_portfolio.get()
