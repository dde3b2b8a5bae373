"""The project, its parts (budget, contract, changes, systems) and its history."""

from govit.projects.models.deadlines import Notice, ObligationCheck, TrackedObligation
from govit.projects.models.history import StateChange
from govit.projects.models.parts import BudgetItem, Change, Contract, System
from govit.projects.models.project import CodeSequence, Project

__all__ = [
    "BudgetItem",
    "Change",
    "CodeSequence",
    "Contract",
    "Notice",
    "ObligationCheck",
    "Project",
    "StateChange",
    "System",
    "TrackedObligation",
]
