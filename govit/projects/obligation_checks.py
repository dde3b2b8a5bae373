"""When the deadlines job may keep a project's stored obligations without evaluating it again.

The rulebook's obligations for a project follow from three things: the snapshot's facts, the
rulebook (its code, its texts, the calendar of working days and the language of the messages)
and the day of the check. The job stores, per project, a digest of the first two
(``ObligationCheck.digest``) and the first day from which the third may change the answer
(``recheck_on``: the day after the earliest pending due day, or the next day when a rule read
the day of the check; the engine reports it as ``CheckResult.recheck_on``). On a later day the
job still reads every open project's facts from the database, but when the digest is the same
and that day has not come, the obligations it stored are exactly what the evaluation would
store again, and it keeps them. A deployment that changes the rules, the rulebooks, the engine
or the catalogues of messages, an edit of the calendar, or another language changes every
digest: the next run evaluates every project again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from collections.abc import Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

from django.utils import translation

from govit.core.calendar import WorkCalendar
from govit.core.queries import covering
from govit.projects.models import ObligationCheck

GOVIT_DIR = Path(__file__).resolve().parent.parent
# What decides the answer besides the facts: the rules, the engine, the rulebooks, the
# regulation texts they cite and quote, the compiled messages, and how the snapshot is made
# of what was read.
CODE_PATTERNS = (
    "policy/rules/*.py",
    "policy/engine/*.py",
    "policy/loader.py",
    "policy/rulebooks/*.yaml",
    "policy/regulations/*",
    "policy/locale/*/*/*.mo",
    "projects/snapshot*.py",
)


def _code_files() -> list[Path]:
    return [path for pattern in CODE_PATTERNS for path in sorted(GOVIT_DIR.glob(pattern))]


@cache
def _code_digest() -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for path in _code_files():
        digest.update(path.relative_to(GOVIT_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    digest.update(metadata.version("chinesecalendar").encode())
    return digest.digest()


def run_key(calendar: WorkCalendar) -> bytes:
    """What every digest of one run shares: the code, the calendar and the language."""
    digest = hashlib.blake2b(_code_digest(), digest_size=16)
    digest.update(repr(sorted(calendar.overrides.items())).encode())
    digest.update(repr(sorted(calendar.covered_years)).encode())
    digest.update((translation.get_language() or "").encode())
    return digest.digest()


def facts_digest(facts: tuple[Any, ...], key: bytes) -> str:
    """The digest of what was read of a project (``snapshot_batch.Batch.facts``: no day).

    Pickled, the values read (text, numbers, amounts, the catalogue's systems' facts) give the
    same bytes each time the same rows are read; should they ever not (another Python), the
    project is only evaluated once more."""
    data = pickle.dumps(facts, protocol=5)
    return hashlib.blake2b(data, key=key, digest_size=16).hexdigest()


class Stored(NamedTuple):
    """An ``ObligationCheck`` as read for a batch (a tuple: no model instance per project)."""

    digest: str
    checked_on: dt.date
    recheck_on: dt.date | None


def stored(ids: Sequence[int]) -> dict[int, Stored]:
    """The last check of each project of the sorted ``ids`` (perhaps of others between them)."""
    rows = ObligationCheck.objects.filter(covering("project_id", ids)).values_list(
        "project_id", "digest", "checked_on", "recheck_on"
    )
    return {pk: Stored(digest, checked, recheck) for pk, digest, checked, recheck in rows}


def still_holds(check: Stored | None, digest: str, today: dt.date) -> bool:
    """The stored obligations are what the project's evaluation would give today."""
    return (
        check is not None
        and check.digest == digest
        and check.checked_on <= today
        and (check.recheck_on is None or today < check.recheck_on)
    )
