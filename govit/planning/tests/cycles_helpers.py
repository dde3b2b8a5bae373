"""Helpers of the cycle and application tests: a cycle whose window sits around today."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from govit.orgs.models import User
from govit.planning.models.cycles import Application, CycleState, PlanningCycle
from govit.projects.models import Project
from govit.projects.tests.factories import ProjectFactory, add_documents

# What a Wuhan implementation plan needs to go in (documents the submit step asks for).
WUHAN_SUBMIT_DOCUMENTS = (
    "proposal",
    "feasibility_study",
    "preliminary_design",
    "crypto_plan",
    "sharing_chapter",
)
WUHAN_CHAPTERS = {
    "goals": "建设目标与需求",
    "sharing": "信息资源共享分析",
    "crypto": "密码应用方案",
    "security": "安全保障措施",
    "investment": "投资概算与资金来源",
}


def make_cycle(
    *,
    opens: int = -10,
    closes: int = 10,
    state: str = CycleState.OPEN,
    rulebook: str = "wuhan",
    plan_year: int = 2026,
) -> PlanningCycle:
    """A cycle whose call opens and closes ``opens``/``closes`` days from today."""
    today = timezone.localdate()
    return PlanningCycle.objects.create(
        rulebook=rulebook,
        plan_year=plan_year,
        title=f"{plan_year}年度信息化项目需求征集",
        state=state,
        call_opens_on=today + dt.timedelta(days=opens),
        call_closes_on=today + dt.timedelta(days=closes),
        compile_by=today + dt.timedelta(days=max(closes, 0) + 60),
    )


def make_application(
    cycle: PlanningCycle,
    *,
    unit: Any,
    user: User | None = None,
    chapters: dict[str, str] | None = None,
    form: str = "implementation_plan",
    state: str = "draft",
    documents: tuple[str, ...] = WUHAN_SUBMIT_DOCUMENTS,
    **facts: Any,
) -> Application:
    project: Project = ProjectFactory(
        unit=unit, rulebook=cycle.rulebook, plan_year=cycle.plan_year, state=state, **facts
    )
    add_documents(project, *documents)
    return Application.objects.create(
        cycle=cycle,
        project=project,
        form=form,
        chapters=dict(WUHAN_CHAPTERS if chapters is None else chapters),
        created_by=user,
    )
