"""Helpers of the evaluation tests: a project in operation with a full set of targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from govit.evaluation import services
from govit.evaluation.models import PerformanceTarget
from govit.orgs.models import Organisation, User
from govit.projects.models import Project
from govit.projects.tests.factories import ProjectFactory

ROWS: list[dict[str, Any]] = [
    {
        "category": "quantity",
        "name": "上线事项数",
        "nature": "ge",
        "target_value": Decimal(40),
        "unit": "项",
        "basis": "plan",
        "weight": Decimal(40),
    },
    {
        "category": "cost",
        "name": "运维成本",
        "nature": "le",
        "target_value": Decimal(100),
        "unit": "万元",
        "basis": "history",
        "weight": Decimal(20),
    },
    {
        "category": "social",
        "name": "服务改善",
        "nature": "qualitative",
        "target_text": "群众办事更便捷",
        "basis": "plan",
        "weight": Decimal(30),
    },
    {
        "category": "satisfaction",
        "name": "满意度",
        "nature": "eq",
        "target_value": Decimal(90),
        "unit": "%",
        "basis": "industry",
        "weight": Decimal(10),
    },
]


def in_operation(unit: Organisation, rulebook: str = "wuhan", **facts: Any) -> Project:
    values: dict[str, Any] = {
        "unit": unit,
        "rulebook": rulebook,
        "state": "operation",
        "accepted_on": dt.date(2025, 1, 10),
        "operation_started_on": dt.date(2025, 1, 15),
        "acceptance_passed": True,
        "plan_year": 2025,
        **facts,
    }
    project: Project = ProjectFactory(**values)
    return project


def with_targets(actor: User, project: Project) -> list[PerformanceTarget]:
    return services.targets_set(actor=actor, project=project, rows=ROWS)


def full_marks(targets: list[PerformanceTarget]) -> list[dict[str, Any]]:
    """Results that meet every target."""
    out = []
    for t in targets:
        out.append(
            {
                "target_id": t.pk,
                "actual_value": t.target_value,
                "actual_text": "达到",
                "score": t.weight if t.nature == "qualitative" else None,
                "deviation_reason": "",
            }
        )
    return out
