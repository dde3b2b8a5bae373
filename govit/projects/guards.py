"""Guards other apps register so that their decisions take effect in the lifecycle and in
payments without ``projects`` or ``delivery`` importing them (a sanction of the oversight app
stops a suspended project from moving and its suspended funds from being paid).

A step guard is ``(project, target_state) -> findings``; a payment guard is
``(project) -> findings``. Each finding blocks and cites the article it rests on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from govit.policy.engine.results import Finding

if TYPE_CHECKING:
    from govit.projects.models import Project

StepGuard = Callable[["Project", str], list[Finding]]
PaymentGuard = Callable[["Project"], list[Finding]]
_step_guards: list[StepGuard] = []
_payment_guards: list[PaymentGuard] = []


def register_step_guard(guard: StepGuard) -> StepGuard:
    if guard not in _step_guards:
        _step_guards.append(guard)
    return guard


def register_payment_guard(guard: PaymentGuard) -> PaymentGuard:
    if guard not in _payment_guards:
        _payment_guards.append(guard)
    return guard


def step_blocks(project: Project, target: str) -> list[Finding]:
    """What the registered guards say against moving ``project`` into ``target``."""
    return [finding for guard in _step_guards for finding in guard(project, target)]


def payment_blocks(project: Project) -> list[Finding]:
    """What the registered guards say against paying ``project`` now."""
    return [finding for guard in _payment_guards for finding in guard(project)]


CACHE_PREFIX = "_guard_cache_"


def forget(project: Project) -> None:
    """Drop what guards kept on the project object (they may keep a query's answer there for
    the several steps of one page); called before a fresh round of checks."""
    for name in [n for n in vars(project) if n.startswith(CACHE_PREFIX)]:
        delattr(project, name)
