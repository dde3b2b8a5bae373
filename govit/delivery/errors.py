"""Domain errors of the delivery services (the project errors, with the article)."""

from __future__ import annotations

from govit.projects.errors import NotPermitted, Problem, ProjectError

__all__ = ["NotPermitted", "PaymentRefused", "Problem", "ProjectError"]


class PaymentRefused(ProjectError):
    """A payment the approved amount or the rules do not allow."""

    status = 409
    code = "payment_refused"
