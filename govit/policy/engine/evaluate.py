"""Run a rulebook's rules over a snapshot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any, get_args, get_origin

from django.utils import timezone
from pydantic import BaseModel

from govit.core.calendar import PURE_CALENDAR, WorkCalendar
from govit.policy.engine import stages
from govit.policy.engine.compiled import Entry
from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.i18n import language_pinned, pin_language, unpin_language
from govit.policy.engine.results import CheckResult, Finding
from govit.policy.engine.snapshot import Snapshot

UNKNOWN_FIELD_RULE = "snapshot.unknown_field"


def _models_in(annotation: Any) -> set[type[BaseModel]]:
    """The model classes an annotation names (``list[Document] | None``: ``Document``)."""
    found: set[type[BaseModel]] = set()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.add(annotation)
    for argument in get_args(annotation):
        found |= _models_in(argument)
    return found


@cache
def _nested_fields(model: type[BaseModel]) -> tuple[tuple[str, bool, type[BaseModel] | None], ...]:
    """The fields of a model class that can hold other models, each with whether it is a list
    and, for a list of one model class that holds no other models, that class (its items
    need only their own unknown fields looked at). Looked up once per class."""
    names: list[tuple[str, bool, type[BaseModel] | None]] = []
    for name, info in model.model_fields.items():
        models = _models_in(info.annotation)
        if not models:
            continue
        is_list = any(
            get_origin(argument) is list
            for argument in (info.annotation, *get_args(info.annotation))
        )
        leaf = next(iter(models)) if is_list and len(models) == 1 else None
        if leaf is not None and _nested_fields(leaf):
            leaf = None
        names.append((name, is_list, leaf))
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
    for name, is_list, leaf in _nested_fields(type(model)):
        value = values[name]
        if value is None:
            continue
        if is_list:
            for position, item in enumerate(value):
                if type(item) is leaf:  # the usual case: only the item's own fields to see
                    if item.__pydantic_extra__:
                        found.extend(
                            f"{prefix}{name}[{position}].{key}" for key in item.__pydantic_extra__
                        )
                elif isinstance(item, BaseModel) and (
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
    obligations_only: bool = False,
) -> CheckResult:
    """Evaluate every entry whose stage has come; return findings, obligations, decisions.

    ``target`` is the state a transition is trying to reach: entries that apply from a later
    stage come into play, and the block findings that name it stop the transition.

    ``obligations_only``: only the entries whose rules may record obligations run (a caller
    that evaluates many snapshots passes ``LoadedRulebook.obligation_entries``, already
    those), for a caller that keeps only the obligations and the day to check again; the
    snapshot's unknown fields are not looked for, and a rule that reads a decision fails
    (``CheckResult.decision``): the rules that make decisions were not run.
    """
    day = as_of or snapshot.as_of or timezone.localdate()
    result = CheckResult(rulebook=rulebook_id, as_of=day, obligations_only=obligations_only)
    for path in () if obligations_only else unknown_fields(snapshot):
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
    # A caller evaluating many snapshots pins the language once (``pinned_language``).
    token = None if language_pinned() else pin_language()
    try:
        for entry in entries:
            if entry.applies_from_index > reached or (obligations_only and not entry.obliges):
                continue
            context.entry = entry
            entry.function(snapshot, entry.params, context)
    finally:
        if token is not None:
            unpin_language(token)
    return result


def summary(result: CheckResult) -> dict[str, Any]:
    """Counts by severity, for listings."""
    counts = {"block": 0, "warn": 0, "info": 0}
    for finding in result.findings:
        counts[finding.severity] += 1
    return counts
