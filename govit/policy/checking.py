"""``govit check`` and ``POST /api/v1/check``: parse a snapshot, pick the rulebook, evaluate."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from pydantic import ValidationError

from govit.core.calendar import WorkCalendar
from govit.policy import loader
from govit.policy.engine.results import CheckResult
from govit.policy.engine.snapshot import Snapshot


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class SnapshotInvalid(Exception):
    """The input is not JSON, or not a valid snapshot; ``errors`` lists every field error."""

    def __init__(self, detail: str, errors: list[FieldError]) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors


def _path(location: tuple[int | str, ...]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(snapshot)"


def parse_snapshot(raw: str | bytes) -> Snapshot:
    """Parse JSON text into a snapshot, or raise ``SnapshotInvalid`` with every field error."""
    try:
        data: Any = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SnapshotInvalid(f"not valid JSON: {exc}", []) from None
    if not isinstance(data, dict):
        raise SnapshotInvalid("a snapshot is a JSON object", [])
    try:
        return Snapshot.model_validate(data)
    except ValidationError as exc:
        errors = [FieldError(_path(error["loc"]), error["msg"]) for error in exc.errors()]
        raise SnapshotInvalid(f"{len(errors)} field(s) are invalid", errors) from None


def choose_rulebook(snapshot: Snapshot, requested: str | None) -> loader.LoadedRulebook:
    """The rulebook named on the command line (or query), else the snapshot's, else the
    deployment's; two different names are an error."""
    if requested and snapshot.rulebook and requested != snapshot.rulebook:
        raise SnapshotInvalid(
            f"the snapshot says rulebook {snapshot.rulebook!r} but {requested!r} was asked for",
            [FieldError("rulebook", "does not match the requested rulebook")],
        )
    rulebook_id = requested or snapshot.rulebook or settings.GOVIT_RULEBOOK
    try:
        return loader.get(rulebook_id)
    except KeyError:
        known = ", ".join(loader.load_all())
        raise SnapshotInvalid(
            f"unknown rulebook {rulebook_id!r}",
            [FieldError("rulebook", f"must be one of {known}")],
        ) from None


def check(
    snapshot: Snapshot,
    *,
    requested: str | None,
    calendar: WorkCalendar,
    as_of: dt.date | None = None,
) -> CheckResult:
    rulebook = choose_rulebook(snapshot, requested)
    return rulebook.evaluate(snapshot, calendar=calendar, as_of=as_of)


def public_result(result: CheckResult) -> dict[str, Any]:
    """The documented output shape of ``govit check`` and the API."""
    return result.as_dict()
