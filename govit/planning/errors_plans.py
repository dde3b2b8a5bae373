"""Domain errors of the library and plan services (the project errors, with the article)."""

from __future__ import annotations

from govit.projects.errors import NotPermitted, Problem, ProjectError

__all__ = ["NotPermitted", "PlanRefused", "Problem", "ProjectError"]


class PlanRefused(ProjectError):
    """A library or plan step the plan's state or the project's state does not allow."""

    status = 409
    code = "plan_refused"
