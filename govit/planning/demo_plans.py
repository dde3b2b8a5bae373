"""Demo project library and annual plan: reviewed projects admitted to the library, and the
next year's plan approved twice (a second version after an amount change and an added
project). Made with the real services by the demo accounts; idempotent."""

from __future__ import annotations

import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from govit.documents.services import document_upload
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.planning import library_plans, services_plans
from govit.planning.models.plans import AnnualPlan, LibraryEntry, LibraryStatus
from govit.policy.loader import LoadedRulebook
from govit.policy.vocabulary import label
from govit.projects import services
from govit.projects.demo import APPLICATION_DOCUMENTS, DEMO_PDF, walk
from govit.projects.errors import ProjectError
from govit.projects.models import Project

logger = logging.getLogger(__name__)

# (unit index, name, construction content, investment, category, domain, priority)
LIBRARY = (
    (
        0,
        "城乡低保救助管理系统",
        "低保对象申请、审核审批、动态管理和资金发放",
        "1800000",
        "application",
        "public_welfare",
        2,
    ),
    (
        1,
        "学生资助数据共享平台",
        "汇聚学籍、资助和家庭经济数据，与民政数据共享",
        "2400000",
        "data",
        "public_welfare",
        3,
    ),
    (
        0,
        "养老机构视频监管平台",
        "养老机构视频接入、消防和食品安全预警",
        "950000",
        "application",
        "social_governance",
        3,
    ),
    (
        1,
        "教育城域网安全加固",
        "等级保护测评整改、商用密码应用改造",
        "1300000",
        "security",
        "general",
        1,
    ),
)
PREFERRED = ("library", "decision", "expert_review", "preliminary_review")
PLAN_YEAR_OFFSET = 1
# Documents the library and plan steps ask for besides the application (Bijie's demand plan
# and performance targets, Harbin's ex-ante assessment, Gaoping's catalogue and estimate), and
# those Bijie wants reviewed before admission.
MORE_DOCUMENTS = (
    "demand_plan",
    "ex_ante_assessment",
    "performance_targets",
    "resource_catalog",
    "investment_estimate",
)
REVIEWED = frozenset({"demand_plan", "crypto_plan"})


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _reviewed(
    rulebook: LoadedRulebook, unit: Organisation, clerk: User, name: str, text: str, amount: str
) -> Project | None:
    existing = Project.objects.filter(unit=unit, name=name).first()
    if existing is not None:
        return existing
    states = library_plans.admission_states(rulebook)
    target = next((s for s in PREFERRED if s in states), next(iter(sorted(states)), None))
    if target is None:
        return None
    investment = Decimal(amount)
    project = services.project_create(
        actor=clerk,
        unit=unit,
        name=name,
        facts={
            "plan_year": timezone.localdate().year + PLAN_YEAR_OFFSET,
            "investment": investment,
            "kind": "new",
            "description": text,
        },
        budget_items=[services.BudgetLine("软件开发", "software", investment)],
    )
    for kind in (*APPLICATION_DOCUMENTS, *MORE_DOCUMENTS):
        document_upload(
            actor=clerk,
            project=project,
            type=kind,
            title=f"{name}{label(kind)}",
            upload=SimpleUploadedFile(f"{kind}.pdf", DEMO_PDF, "application/pdf"),
            reviewed=True if kind in REVIEWED else None,
        )
    walk(rulebook, project, target, clerk)
    project.refresh_from_db()
    return project


def load(rulebook: LoadedRulebook, units: list[Organisation]) -> int:
    """Fill the library and approve the next year's plan twice; return the library's size."""
    competent, government = _user(Role.COMPETENT.value), _user(Role.GOVERNMENT.value)
    if competent is None or government is None:
        return 0
    year = timezone.localdate().year + PLAN_YEAR_OFFSET
    entries: list[LibraryEntry] = []
    for index, name, text, amount, category, domain, priority in LIBRARY:
        unit = units[index]
        clerk = User.objects.filter(
            memberships__organisation=unit, memberships__role=Role.UNIT
        ).first()
        if clerk is None:
            continue
        project = _reviewed(rulebook, unit, clerk, name, text, amount)
        if project is None:
            continue
        entry = LibraryEntry.objects.filter(project=project).first()
        if entry is None:
            try:
                entry = library_plans.library_admit(
                    actor=competent,
                    project=project,
                    category=category,
                    domain=domain,
                    priority=priority,
                    reserve_year=year,
                    reason="演示数据：通过评审入库",
                    acknowledge_warnings=True,
                )
            except (ProjectError, ValidationError) as exc:
                logger.info("demo library: %s not admitted (%s)", project.code, exc)
                continue
        entries.append(entry)
    if (
        len(entries) >= 2
        and not AnnualPlan.objects.filter(rulebook=rulebook.id, year=year).exists()
    ):
        _plan(competent, government, year, entries)
    return len(entries)


def _plan(competent: User, government: User, year: int, entries: list[LibraryEntry]) -> None:
    today = timezone.localdate()
    first, later = entries[:-1], entries[-1]
    try:
        plan = services_plans.plan_create(actor=competent, year=year)
        for entry in first:
            services_plans.plan_line_add(actor=competent, plan=plan, entry=entry)
        services_plans.plan_submit(actor=competent, plan=plan)
        services_plans.plan_approve(
            actor=government,
            plan=plan,
            reference=f"政发〔{today.year}〕8号",
            approved_on=today,
            note="演示数据：年度计划",
            acknowledge_warnings=True,
        )
        services_plans.plan_reopen(actor=competent, plan=plan, reason="财力调整，追加储备项目")
        line = plan.lines.order_by("rank").first()
        if line is not None:
            services_plans.plan_line_update(
                actor=competent,
                line=line,
                amount=(line.amount * Decimal("0.8")).quantize(Decimal("0.01")),
            )
        later.refresh_from_db()
        if later.status == LibraryStatus.RESERVED:
            services_plans.plan_line_add(actor=competent, plan=plan, entry=later)
        services_plans.plan_submit(actor=competent, plan=plan)
        services_plans.plan_approve(
            actor=government,
            plan=plan,
            reference=f"政发〔{today.year}〕15号",
            approved_on=today,
            note="演示数据：年度计划调整",
            acknowledge_warnings=True,
        )
    except (ProjectError, ValidationError) as exc:
        logger.info("demo plan stopped: %s", exc)
