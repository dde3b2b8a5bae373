"""What every generator module shares: the random source, the day, counts and progress."""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO, TypeVar

from django.db import models

from govit.core import row_versions
from govit.generate.scale import Scale
from govit.policy.loader import LoadedRulebook

M = TypeVar("M", bound=models.Model)

# Rows per INSERT statement (Django splits further where the database needs it).
BATCH = 2_000
# An unusable password hash: generated accounts cannot sign in (``set_unusable_password``).
NO_PASSWORD = "!generated"  # noqa: S105 - not a password: a hash nothing matches


class Progress:
    """A one-line progress display on stderr (no dependency): done/total, rate, what now."""

    def __init__(self, total: int, *, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.started = time.perf_counter()
        self._shown = 0.0

    def advance(self, count: int, label: str) -> None:
        self.done += count
        now = time.perf_counter()
        if self.enabled and (now - self._shown > 0.5 or self.done >= self.total):
            self._shown = now
            share = min(self.done / self.total, 1.0)
            bar = "#" * int(share * 30)
            elapsed = now - self.started
            self.stream.write(
                f"\r[{bar:<30}] {share:6.1%}  {elapsed:5.0f} s  "
                f"{self.done:,}/{self.total:,} projects and systems ({label})"
                "   "
            )
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


@dataclass
class Context:
    """The state of one generation run."""

    rng: random.Random
    today: dt.date
    scale: Scale
    rulebook: LoadedRulebook
    counts: Counter[str] = field(default_factory=Counter)
    # Makes this run's names and codes unique in a database that holds earlier runs.
    serial: int = 0
    # Filled by the organisations module and read by the others.
    competent_id: int = 0
    unit_ids: list[int] = field(default_factory=list)
    unit_names: dict[int, str] = field(default_factory=dict)
    vendor_ids: list[int] = field(default_factory=list)
    agency_ids: list[int] = field(default_factory=list)
    expert_ids: list[int] = field(default_factory=list)
    staff_id: int = 0
    unit_staff: dict[int, int] = field(default_factory=dict)
    finance_user_id: int = 0
    # Accepted projects by unit (id, code): the systems catalogue links its systems to them.
    accepted: dict[int, list[tuple[int, str]]] = field(default_factory=dict)

    def insert(self, model: type[M], rows: Sequence[M]) -> list[M]:
        """Insert ``rows`` in batches; the objects come back with their primary keys."""
        if not rows:
            return []
        created = model._default_manager.bulk_create(rows, batch_size=BATCH)
        self.counts[model._meta.label] += len(rows)
        row_versions.changed(model)  # bulk inserts send no signal (kept counts: core.pages)
        return created

    def pick(self, items: Sequence[Any]) -> Any:
        return items[self.rng.randrange(len(items))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def days(self, low: int, high: int) -> dt.timedelta:
        return dt.timedelta(days=self.rng.randint(low, high))
