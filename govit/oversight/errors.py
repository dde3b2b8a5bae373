"""Domain errors of the oversight services (the project errors, with the article)."""

from __future__ import annotations

from govit.projects.errors import NotPermitted, Problem, ProjectError

__all__ = ["EscalationRefused", "NotPermitted", "Problem", "ProjectError"]


class EscalationRefused(ProjectError):
    """A sanction the order's state or the rulebook does not allow."""

    status = 409
    code = "escalation_refused"
