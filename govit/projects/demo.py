"""Demo projects: a handful per demo unit, walked through the active rulebook's lifecycle by the
demo accounts with the real services (so the history, the audit trail and the rules are real).

A project stops where the rules stop it: a rulebook without a state graph leaves its projects
as drafts. ``load_projects`` is idempotent: a project already there (same unit and name) is
left alone.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from govit.documents.services import document_upload
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.policy.loader import LoadedRulebook
from govit.policy.vocabulary import label
from govit.projects import services
from govit.projects.errors import ProjectError
from govit.projects.models import Project

# A minimal but well-formed PDF (the upload checks read its magic bytes).
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)
# What an application carries in the demo: the plans the rulebooks ask for before approval.
APPLICATION_DOCUMENTS = (
    "proposal",
    "feasibility_study",
    "preliminary_design",
    "implementation_plan",
    "crypto_plan",
    "sharing_chapter",
    "safe_reliable_statement",
    "assessment_report",
)


@dataclass(frozen=True)
class DemoProject:
    unit: int  # index into the demo units that have a clerk (0: "unit", 1: "unit2")
    name: str
    target: str
    investment: Decimal
    facts: dict[str, Any] = field(default_factory=dict)


PROJECTS = (
    DemoProject(0, "社会救助信息系统升级改造", "draft", Decimal("1200000")),
    DemoProject(0, "养老服务监管平台", "submitted", Decimal("2800000")),
    DemoProject(1, "智慧校园数据中台", "expert_review", Decimal("6500000")),
    DemoProject(1, "教育资助管理系统", "planned", Decimal("900000")),
    DemoProject(0, "婚姻登记档案数字化", "approved", Decimal("1500000")),
    DemoProject(1, "教育局门户网站改版", "filed", Decimal("300000")),
    DemoProject(0, "殡葬服务管理系统", "construction", Decimal("800000")),
)


def path_to(rulebook: LoadedRulebook, start: str, goal: str) -> list[str]:
    """The states from ``start`` to ``goal`` along the rulebook's steps (shortest first)."""
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        state = queue.popleft()
        if state == goal:
            break
        for step in rulebook.transitions_from(state):
            if step.to not in previous:
                previous[step.to] = state
                queue.append(step.to)
    if goal not in previous:
        return []
    states = [goal]
    while previous[states[-1]] is not None:
        states.append(previous[states[-1]])  # type: ignore[arg-type]
    return states[::-1][1:]


def _actor(role: str, clerk: User) -> User | None:
    if role == Role.UNIT:
        return clerk
    return User.objects.filter(username=role, memberships__role=role).first()


def walk(rulebook: LoadedRulebook, project: Project, goal: str, clerk: User) -> None:
    """Take steps towards ``goal`` until it is reached or the rules stop the project."""
    for state in path_to(rulebook, project.state, goal):
        moved = False
        for step in rulebook.transitions_from(project.state):
            if step.to != state:
                continue
            for role in step.roles:
                actor = _actor(role, clerk)
                if actor is None:
                    continue
                try:
                    services.project_transition(
                        actor=actor,
                        project=project,
                        name=step.name,
                        acknowledge_warnings=True,
                        note="演示数据",
                    )
                except ProjectError:
                    continue
                project.refresh_from_db()
                moved = True
                break
            if moved:
                break
        if not moved:
            return


def load_projects(rulebook: LoadedRulebook, units: list[Organisation]) -> list[Project]:
    """Create (or find) the demo projects of the first two demo units."""
    clerks = [
        User.objects.filter(memberships__organisation=unit, memberships__role=Role.UNIT).first()
        for unit in units[:2]
    ]
    made = []
    for spec in PROJECTS:
        unit, clerk = units[spec.unit], clerks[spec.unit]
        if clerk is None:
            continue
        existing = Project.objects.filter(unit=unit, name=spec.name).first()
        if existing is not None:
            made.append(existing)
            continue
        project = services.project_create(
            actor=clerk,
            unit=unit,
            name=spec.name,
            facts={"plan_year": 2026, "investment": spec.investment, "kind": "new", **spec.facts},
            budget_items=[services.BudgetLine("软件开发", "software", spec.investment)],
        )
        if spec.target != project.state:
            for kind in APPLICATION_DOCUMENTS:
                document_upload(
                    actor=clerk,
                    project=project,
                    type=kind,
                    title=f"{spec.name}{label(kind)}",
                    upload=SimpleUploadedFile(f"{kind}.pdf", DEMO_PDF, "application/pdf"),
                )
            walk(rulebook, project, spec.target, clerk)
        made.append(project)
    return made
