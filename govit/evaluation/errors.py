"""Domain errors of the evaluation services (the project errors, with the article)."""

from __future__ import annotations

from govit.projects.errors import NotPermitted, Problem, ProjectError

__all__ = ["NotPermitted", "OutsideWindow", "Problem", "ProjectError"]


class OutsideWindow(ProjectError):
    """An evaluation the rulebook does not allow on that day."""

    status = 409
    code = "outside_window"
