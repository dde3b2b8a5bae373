"""Domain errors of the cycle and application services (the project errors, with the article)."""

from __future__ import annotations

from govit.projects.errors import (
    NotPermitted,
    Problem,
    ProjectError,
    TransitionUnavailable,
    WarningsNotAcknowledged,
)

__all__ = [
    "ApplicationRefused",
    "CycleStepUnavailable",
    "NotPermitted",
    "Problem",
    "ProjectError",
    "TransitionUnavailable",
    "WarningsNotAcknowledged",
]


class ApplicationRefused(ProjectError):
    """The call, the form's chapters or the rules do not let the application go in."""

    status = 409
    code = "refused"


class CycleStepUnavailable(ProjectError):
    """The cycle is not in a state the step leaves from."""

    status = 409
    code = "unavailable"
