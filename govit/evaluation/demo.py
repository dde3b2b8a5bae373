"""Demo evaluation records: performance targets on every approved demo project (set by its
unit's clerk), an ex-ante assessment, and a self-evaluation where today falls inside the
rulebook's window. Idempotent."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from govit.core.selectors import work_calendar
from govit.evaluation import services
from govit.evaluation.errors import ProjectError
from govit.evaluation.models import Evaluation
from govit.evaluation.windows import self_evaluation_window
from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.projects.models import Project

TARGETS = [
    {
        "category": "quantity",
        "name": "上线服务事项数",
        "nature": "ge",
        "target_value": Decimal(30),
        "unit": "项",
        "basis": "plan",
        "weight": Decimal(30),
    },
    {
        "category": "quality",
        "name": "系统可用率",
        "nature": "ge",
        "target_value": Decimal("99.5"),
        "unit": "%",
        "basis": "industry",
        "weight": Decimal(20),
    },
    {
        "category": "cost",
        "name": "年度运维费用",
        "nature": "le",
        "target_value": Decimal(80),
        "unit": "万元",
        "basis": "history",
        "weight": Decimal(10),
    },
    {
        "category": "social",
        "name": "群众办事便利度",
        "nature": "qualitative",
        "target_text": "办事环节明显减少",
        "basis": "plan",
        "weight": Decimal(30),
    },
    {
        "category": "satisfaction",
        "name": "服务对象满意度",
        "nature": "ge",
        "target_value": Decimal(90),
        "unit": "%",
        "basis": "plan",
        "weight": Decimal(10),
    },
]


def load() -> int:
    """Add what is missing; return how many projects were given targets."""
    made = 0
    today = timezone.localdate()
    for project in Project.objects.filter(approved_on__isnull=False).select_related("unit"):
        clerk = User.objects.filter(
            memberships__organisation=project.unit_id, memberships__role=Role.UNIT
        ).first()
        if clerk is None:
            continue
        if not project.performance_targets.exists():
            services.targets_set(actor=clerk, project=project, rows=TARGETS)
            made += 1
        if not Evaluation.objects.filter(project=project, kind="ex_ante").exists():
            services.ex_ante_record(
                actor=clerk,
                project=project,
                conducted_on=project.approved_on or today,
                evaluator="某工程咨询有限公司",
                summary="项目立项必要,绩效目标明确合理,实施方案可行。",
            )
        window = self_evaluation_window(project, work_calendar())
        if (
            window.contains(today)
            and not Evaluation.objects.filter(project=project, kind="self").exists()
        ):
            targets = list(project.performance_targets.all())
            results = [
                {
                    "target_id": t.pk,
                    "actual_value": t.target_value,
                    "score": t.weight * Decimal("0.8") if t.nature == "qualitative" else None,
                    "deviation_reason": "宣传推广不足,将加强培训"
                    if t.nature == "qualitative"
                    else "",
                }
                for t in targets
            ]
            try:
                services.self_evaluation_submit(
                    actor=clerk,
                    project=project,
                    conducted_on=today,
                    summary="年度目标基本完成",
                    results=results,
                )
            except ProjectError:
                continue
    return made
