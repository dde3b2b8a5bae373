"""Run a rulebook's rules over a snapshot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import BaseModel

from govit.core.calendar import PURE_CALENDAR, WorkCalendar
from govit.policy.engine.compiled import Entry
from govit.policy.engine.context import Context
from govit.policy.engine.results import CheckResult, Finding
from govit.policy.engine.snapshot import Part, Snapshot

UNKNOWN_FIELD_RULE = "snapshot.unknown_field"


@cache
def _nested_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class that can hold other models (looked up once per class)."""
    names = []
    for name, info in model.model_fields.items():
        text = str(info.annotation)
        if any(part.__name__ in text for part in Part.__subclasses__()):
            names.append(name)
    return tuple(names)


def unknown_fields(model: BaseModel, prefix: str = "") -> Iterator[str]:
    """Paths of the fields a snapshot carries that its schema does not know."""
    for name in model.model_extra or ():
        yield f"{prefix}{name}"
    for name in _nested_fields(type(model)):
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from unknown_fields(value, f"{prefix}{name}.")
        elif isinstance(value, list):
            for position, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from unknown_fields(item, f"{prefix}{name}[{position}].")


def evaluate(
    snapshot: Snapshot,
    *,
    rulebook_id: str,
    entries: Sequence[Entry],
    calendar: WorkCalendar = PURE_CALENDAR,
    target: str | None = None,
    transition: str | None = None,
    as_of: dt.date | None = None,
) -> CheckResult:
    """Evaluate every entry whose stage has come; return findings, obligations, decisions.

    ``target`` is the state a transition is trying to reach: entries that apply from a later
    stage come into play, and the block findings that name it stop the transition.
    """
    day = as_of or snapshot.as_of or timezone.localdate()
    result = CheckResult(rulebook=rulebook_id, as_of=day)
    for path in unknown_fields(snapshot):
        result.findings.append(
            Finding(
                rule=UNKNOWN_FIELD_RULE,
                severity="info",
                article="",
                quote="",
                message=_("The snapshot field %(field)s is not known and was ignored.")
                % {"field": path},
            )
        )
    context = Context(
        result=result,
        calendar=calendar,
        as_of=day,
        stage=snapshot.project.stage,
        target=target,
        transition=transition,
    )
    for entry in entries:
        if entry.applies_from is not None and not context.reached(entry.applies_from):
            continue
        context.entry = entry
        entry.function(snapshot, entry.params, context)
    return result


def summary(result: CheckResult) -> dict[str, Any]:
    """Counts by severity, for listings."""
    counts = {"block": 0, "warn": 0, "info": 0}
    for finding in result.findings:
        counts[finding.severity] += 1
    return counts
