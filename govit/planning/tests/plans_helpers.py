"""Shared set-up of the library and plan tests: reviewed projects, entries, plans."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from govit.orgs.models import Organisation, User
from govit.planning import library_plans, services_plans
from govit.planning.models.plans import AnnualPlan, LibraryEntry, PlanVersion
from govit.projects.models import Project
from govit.projects.tests.factories import ready_project

TODAY = dt.date(2026, 1, 10)


def reviewed(unit: Organisation, **facts: Any) -> Project:
    """A Wuhan project in expert review whose facts satisfy the rules."""
    values: dict[str, Any] = {"state": "expert_review", "plan_year": 2027, **facts}
    return ready_project(unit, **values)


def admit(actor: User, project: Project, **kwargs: Any) -> LibraryEntry:
    values: dict[str, Any] = {
        "category": "application",
        "domain": "public_welfare",
        "priority": 3,
        "reserve_year": 2027,
        **kwargs,
    }
    return library_plans.library_admit(actor=actor, project=project, **values)


def approved_plan(actor: User, entries: list[LibraryEntry], year: int = 2027) -> PlanVersion:
    plan = services_plans.plan_create(actor=actor, year=year)
    for entry in entries:
        services_plans.plan_line_add(actor=actor, plan=plan, entry=entry)
    services_plans.plan_submit(actor=actor, plan=plan)
    return services_plans.plan_approve(
        actor=actor,
        plan=plan,
        reference="武政〔2026〕1号",
        approved_on=TODAY,
        acknowledge_warnings=True,
    )


def amounts(plan: AnnualPlan) -> dict[str, Decimal]:
    return {line.project.code: line.amount for line in plan.lines.select_related("project")}
