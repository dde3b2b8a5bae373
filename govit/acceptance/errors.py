"""Domain errors of the acceptance services (the project errors, with the article)."""

from __future__ import annotations

from govit.projects.errors import NotPermitted, Problem, ProjectError, TransitionBlocked

__all__ = ["AcceptanceRefused", "NotPermitted", "Problem", "ProjectError", "TransitionBlocked"]


class AcceptanceRefused(ProjectError):
    """A step of the acceptance process the project's state or records do not allow."""

    status = 409
    code = "acceptance_refused"
