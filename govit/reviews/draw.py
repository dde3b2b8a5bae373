"""The random draw of experts: pure, reproducible from a seed, replayable from the audit trail.

Candidates are ordered by id; ``random.Random(seed)`` then samples each specialty of the mix
in sorted order, then the reserves from whoever remains. Given the same seed, candidates and
mix, the draw always picks the same experts, so an auditor replays a logged draw with
``replay(event.after)``.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from govit.reviews.errors import DrawError


@dataclass(frozen=True)
class Candidate:
    id: int
    specialties: tuple[str, ...]


@dataclass(frozen=True)
class Pick:
    id: int
    specialty: str
    reserve: bool


def _label(specialty: str) -> str:
    from govit.reviews.choices import Specialty

    return str(Specialty(specialty).label) if specialty in Specialty.values else specialty


def draw(
    *, candidates: Sequence[Candidate], mix: Mapping[str, int], reserves: int, seed: int
) -> list[Pick]:
    """Draw ``mix`` (specialty → number) and ``reserves`` from ``candidates``."""
    rng = random.Random(seed)  # noqa: S311 - reproducible on purpose; the seed is secret-drawn
    remaining = sorted(candidates, key=lambda c: c.id)
    picks: list[Pick] = []
    for specialty in sorted(mix):
        wanted = int(mix[specialty])
        if wanted <= 0:
            continue
        pool = [c for c in remaining if specialty in c.specialties]
        if len(pool) < wanted:
            raise DrawError(
                _(
                    "Not enough experts in %(specialty)s: %(wanted)d wanted, %(left)d left "
                    "after avoiding conflicts."
                )
                % {"specialty": _label(specialty), "wanted": wanted, "left": len(pool)}
            )
        chosen = rng.sample(pool, wanted)
        picks.extend(Pick(c.id, specialty, False) for c in chosen)
        taken = {c.id for c in chosen}
        remaining = [c for c in remaining if c.id not in taken]
    if reserves > 0:
        pool = [c for c in remaining if set(c.specialties) & set(mix)] if mix else remaining
        if len(pool) < reserves:
            raise DrawError(
                _("Not enough experts for %(wanted)d reserves: %(left)d left.")
                % {"wanted": reserves, "left": len(pool)}
            )
        for c in rng.sample(pool, reserves):
            specialty = next((s for s in sorted(mix) if s in c.specialties), "")
            picks.append(Pick(c.id, specialty, True))
    return picks


def log_entry(
    *,
    candidates: Sequence[Candidate],
    excluded: Mapping[int, str],
    mix: Mapping[str, int],
    reserves: int,
    seed: int,
    picks: Sequence[Pick],
) -> dict[str, Any]:
    """What the audit event keeps so that the draw can be replayed."""
    return {
        "seed": seed,
        "mix": dict(sorted(mix.items())),
        "reserves": reserves,
        "candidates": [
            {"id": c.id, "specialties": list(c.specialties)}
            for c in sorted(candidates, key=lambda c: c.id)
        ],
        "excluded": [{"id": pk, "reason": reason} for pk, reason in sorted(excluded.items())],
        "drawn": [p.id for p in picks if not p.reserve],
        "reserves_drawn": [p.id for p in picks if p.reserve],
    }


def replay(logged: Mapping[str, Any]) -> list[Pick]:
    """Run a logged draw again from its seed, candidates and mix."""
    return draw(
        candidates=[Candidate(int(c["id"]), tuple(c["specialties"])) for c in logged["candidates"]],
        mix={str(k): int(v) for k, v in logged["mix"].items()},
        reserves=int(logged["reserves"]),
        seed=int(logged["seed"]),
    )
