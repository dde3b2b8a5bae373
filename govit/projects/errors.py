"""Domain errors of the project services: each says why, with the article where there is one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from govit.policy.engine.results import Finding


@dataclass(frozen=True)
class Problem:
    """One reason for a refusal: the field it concerns and the article that says so."""

    message: str
    field: str = ""
    article: str = ""
    quote: str = ""
    rule: str = ""

    @classmethod
    def of(cls, finding: Finding) -> Problem:
        return cls(
            message=finding.message,
            field="",
            article=finding.article,
            quote=finding.quote,
            rule=finding.rule,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "message": self.message,
            "article": self.article,
            "quote": self.quote,
            "rule": self.rule,
        }


class ProjectError(Exception):
    """A refused project action; ``status`` is the HTTP status the API answers with."""

    status = 400
    code = "refused"

    def __init__(self, detail: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(detail)
        self.detail = detail
        self.problems = list(problems)

    def as_dict(self) -> dict[str, Any]:
        return {
            "detail": self.detail,
            "code": self.code,
            "errors": [p.as_dict() for p in self.problems],
        }


class NotPermitted(ProjectError):
    """The actor's roles do not allow the action on this project."""

    status = 403
    code = "not_permitted"


class TransitionUnavailable(ProjectError):
    """The step does not leave the project's current state (it moved meanwhile, or never)."""

    status = 409
    code = "unavailable"


class TransitionBlocked(ProjectError):
    """The rules block the step; the problems are the blocking findings."""

    status = 409
    code = "blocked"


class WarningsNotAcknowledged(ProjectError):
    """The rules warn about the step and the actor has not acknowledged the warnings."""

    status = 409
    code = "warnings"
