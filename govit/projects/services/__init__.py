"""Every write of the project app (STYLE.md rule 3)."""

from govit.projects.services.facts import BudgetLine, project_create, project_update
from govit.projects.services.lifecycle import StepCheck, check_steps, project_transition

__all__ = [
    "BudgetLine",
    "StepCheck",
    "check_steps",
    "project_create",
    "project_transition",
    "project_update",
]
