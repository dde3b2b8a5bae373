"""The facts a lifecycle step records: its date, and the flags that follow from it.

The values are computed before the rules run, so that the rules see the project as it will be
after the step (a late submission is late on the day it is made); they are saved only when the
step is taken.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from govit.policy.schema import Transition
from govit.projects.models import Project

REVIEW_STATES = frozenset({"preliminary_review", "expert_review", "decision"})


def step_effects(project: Project, transition: Transition, today: dt.date) -> dict[str, Any]:
    """The project fields the step sets, with their new values."""
    to = transition.to
    effects: dict[str, Any] = {}

    def once(field: str) -> None:
        # A date that marks a first time (construction started, completed) is kept when a
        # project comes back to the state (resumed after a suspension).
        if getattr(project, field) is None:
            effects[field] = today

    if project.state in REVIEW_STATES and to not in REVIEW_STATES:
        effects["review_replied_on"] = today
    if to == "submitted":
        effects["submitted_on"] = today
        if project.state == "returned":
            effects["resubmitted_on"] = today
    elif to in REVIEW_STATES and project.state not in REVIEW_STATES:
        effects["review_submitted_on"] = today
    elif to == "library":
        effects["in_library"] = True
    elif to == "planned":
        effects["in_annual_plan"] = True
    elif to in ("approved", "filed"):
        effects["approved_on"] = today
    elif to == "construction":
        once("construction_started_on")
    elif to == "initial_acceptance":
        once("completed_on")
        effects["initial_acceptance_on"] = today
    elif to == "trial_run":
        once("completed_on")
        effects["trial_run_started_on"] = today
    elif to == "acceptance":
        once("completed_on")
        effects["acceptance_applied_on"] = today
        if project.state == "rectification":
            effects["rectified_on"] = today
    elif to == "rectification":
        effects["acceptance_passed"] = False
    elif to == "operation":
        effects["accepted_on"] = today
        effects["acceptance_passed"] = True
        once("operation_started_on")
    elif to == "evaluated":
        effects["self_evaluated_on"] = today
    return effects
