"""Run a rulebook's rules over a snapshot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any

from django.utils import timezone
from pydantic import BaseModel

from govit.core.calendar import PURE_CALENDAR, WorkCalendar
from govit.policy.engine import stages
from govit.policy.engine.compiled import Entry
from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.i18n import pin_language, unpin_language
from govit.policy.engine.results import CheckResult, Finding
from govit.policy.engine.snapshot import Part, Snapshot

UNKNOWN_FIELD_RULE = "snapshot.unknown_field"


@cache
def _nested_fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of a model class that can hold other models, each with whether it is a list
    (looked up once per class)."""
    names = []
    for name, info in model.model_fields.items():
        text = str(info.annotation)
        if any(part.__name__ in text for part in Part.__subclasses__()):
            names.append((name, "list[" in text))
    return tuple(names)


def unknown_fields(model: BaseModel, prefix: str = "") -> list[str]:
    """Paths of the fields a snapshot carries that its schema does not know."""
    found: list[str] = []
    _collect_unknown(model, prefix, found)
    return found


def _collect_unknown(model: BaseModel, prefix: str, found: list[str]) -> None:
    extra = model.__pydantic_extra__
    if extra:
        found.extend(f"{prefix}{name}" for name in extra)
    values = model.__dict__
    for name, is_list in _nested_fields(type(model)):
        value = values[name]
        if value is None:
            continue
        if is_list:
            for position, item in enumerate(value):
                if isinstance(item, BaseModel) and (
                    item.__pydantic_extra__ or _nested_fields(type(item))
                ):
                    _collect_unknown(item, f"{prefix}{name}[{position}].", found)
        elif isinstance(value, BaseModel):
            _collect_unknown(value, f"{prefix}{name}.", found)


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
    # An entry applies once the project, or the state a transition tries, has reached its stage.
    reached = max(stages.index(snapshot.project.stage), stages.index(target))
    token = pin_language()
    try:
        for entry in entries:
            if entry.applies_from_index > reached:
                continue
            context.entry = entry
            entry.function(snapshot, entry.params, context)
    finally:
        unpin_language(token)
    return result


def summary(result: CheckResult) -> dict[str, Any]:
    """Counts by severity, for listings."""
    counts = {"block": 0, "warn": 0, "info": 0}
    for finding in result.findings:
        counts[finding.severity] += 1
    return counts
