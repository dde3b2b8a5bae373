"""Planning models: cycles and applications (cycles.py), the project library and annual plans
(plans.py)."""

from govit.planning.models import plans  # noqa: F401 - registers the library and plan models
from govit.planning.models.cycles import Application, CycleState, PlanningCycle  # noqa: F401
