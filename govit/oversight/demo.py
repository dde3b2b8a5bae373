"""Demo oversight: an inspection of the first two approved demo projects with a finding of
the rulebook's first kind; a rectification order on each; the second one overdue and
escalated to the rulebook's first sanction. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.oversight import data, services
from govit.oversight.models import Inspection
from govit.projects.models import Project


def load() -> int:
    """Record what is missing; return how many inspections were made."""
    competent = User.objects.filter(username=Role.COMPETENT.value).first()
    if competent is None:
        return 0
    made = 0
    today = timezone.localdate()
    projects = Project.objects.filter(approved_on__isnull=False).order_by("id")[:2]
    for index, project in enumerate(projects):
        if Inspection.objects.filter(project=project).exists():
            continue
        rulebook = data.of(project.rulebook)
        inspection = services.inspection_open(
            actor=competent,
            project=project,
            inspected_on=today - dt.timedelta(days=45),
            offices=["finance", "audit", "crypto"],
            note="年度信息化项目联合检查",
        )
        made += 1
        finding = services.finding_add(
            actor=competent,
            inspection=inspection,
            kind=rulebook.kinds[0].code,
            description="部分建设内容与批复不一致,未履行变更手续。",
        )
        order = services.order_issue(
            actor=competent,
            project=project,
            findings=[finding],
            working_days=20 if index == 0 else 5,
            issued_on=today - dt.timedelta(days=40) if index else today,
        )
        if index and rulebook.sanctions:
            services.order_escalate(
                actor=competent,
                order=order,
                kind=rulebook.sanctions[0].code,
                reason="逾期未整改",
            )
    return made
