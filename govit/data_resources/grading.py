"""Data grades per GB/T 43697-2024: core > important > general, general with sub-levels.

The number of sub-levels of general data is a setting (``GOVIT_DATA_GENERAL_SUBLEVELS``,
common practice 4; 0 keeps general data as one level). Sub-level N is more sensitive than N-1.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext as _

CORE = "core"
IMPORTANT = "important"
GENERAL = "general"


def sublevels() -> int:
    return int(getattr(settings, "GOVIT_DATA_GENERAL_SUBLEVELS", 4))


def grade_codes() -> list[str]:
    """Every grade, from the highest to the lowest."""
    count = sublevels()
    general = [f"{GENERAL}-{n}" for n in range(count, 0, -1)] if count else [GENERAL]
    return [CORE, IMPORTANT, *general]


def rank(code: str) -> int:
    """A number that orders grades; an unknown grade ranks lowest."""
    if code == CORE:
        return 1000
    if code == IMPORTANT:
        return 900
    if code == GENERAL:
        return 1
    if code.startswith(f"{GENERAL}-"):
        try:
            return int(code.split("-", 1)[1])
        except ValueError:
            return 0
    return 0


def highest(codes: Iterable[str]) -> str:
    """就高从严: the entry's grade is the highest grade of its items ('' when none)."""
    found = [code for code in codes if code]
    return max(found, key=rank) if found else ""


def label(code: str) -> str:
    if code == CORE:
        return _("Core data")
    if code == IMPORTANT:
        return _("Important data")
    if code == GENERAL:
        return _("General data")
    if code.startswith(f"{GENERAL}-"):
        return _("General data, level %(level)s") % {"level": code.split("-", 1)[1]}
    return code


def grade_choices() -> list[tuple[str, str]]:
    return [(code, label(code)) for code in grade_codes()]


def is_valid(code: str) -> bool:
    return code in grade_codes()
