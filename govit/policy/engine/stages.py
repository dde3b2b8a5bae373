"""The common lifecycle skeleton (DESIGN.md §3), as an order that rules can compare against."""

from __future__ import annotations

# The forward order of the skeleton. A rulebook uses a subset; the order is the same.
ORDER: tuple[str, ...] = (
    "draft",
    "submitted",
    "preliminary_review",
    "expert_review",
    "decision",
    "library",
    "planned",
    "approved",
    "procurement",
    "contracted",
    "construction",
    "initial_acceptance",
    "trial_run",
    "acceptance",
    "operation",
    "evaluated",
    "archived",
)
_INDEX = {stage: index for index, stage in enumerate(ORDER)}
# Side states sit at the level of the step they hang off.
_INDEX.update({"returned": _INDEX["submitted"], "filed": _INDEX["approved"]})
_INDEX["rectification"] = _INDEX["acceptance"]
# Where a project was when it was rejected, suspended or terminated is not known from the
# state alone; these count as no progress.
SIDE_STATES = frozenset({"rejected", "suspended", "terminated"})


def index(stage: str | None) -> int:
    """Position of ``stage`` in the skeleton; -1 for unknown, rejected, suspended, terminated."""
    if stage is None:
        return -1
    return _INDEX.get(stage, -1)


def reached(stage: str | None, milestone: str) -> bool:
    """Whether a project at ``stage`` is at or past ``milestone``."""
    return index(stage) >= index(milestone) >= 0
