"""The daily tick: each app registers the idempotent jobs ``govit tick`` runs (deadlines,
reminders, recomputed decisions), so ``core`` does not depend on the apps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TickJob:
    """A named job; it returns one line saying what it did."""

    name: str
    run: Callable[[], str]


_jobs: list[TickJob] = []


def register(name: str, run: Callable[[], str]) -> None:
    """Register a job (idempotent by name)."""
    if not any(job.name == name for job in _jobs):
        _jobs.append(TickJob(name, run))


def jobs() -> list[TickJob]:
    return list(_jobs)
