"""Demo delivery records: the approval of every approved demo project, recorded by its unit's
clerk, and a first progress payment by the finance clerk. Idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from govit.delivery import services
from govit.delivery.errors import PaymentRefused
from govit.delivery.models import ApprovalRecord, Payment
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.projects.models import Project


def load() -> int:
    """Record what is missing; return how many projects were given an approval record."""
    finance = User.objects.filter(username=Role.FINANCE.value).first()
    made = 0
    projects = Project.objects.filter(approved_on__isnull=False, investment__isnull=False)
    for project in projects.select_related("unit").order_by("id"):
        clerk = User.objects.filter(
            memberships__organisation=project.unit_id, memberships__role=Role.UNIT
        ).first()
        if clerk is None:
            continue
        if not ApprovalRecord.objects.filter(project=project).exists():
            services.approval_record(
                actor=clerk,
                project=project,
                approving_body="市政务服务和大数据管理局",
                document_number=f"数据审〔{project.approved_on.year}〕{project.pk}号",
                approved_on=project.approved_on,
                approved_amount=project.investment,
                approved_estimate=project.investment,
            )
            made += 1
        if finance is None or Payment.objects.filter(project=project).exists():
            continue
        try:
            services.payment_make(
                actor=finance,
                project=project,
                kind="advance",
                milestone="合同签订后预付款",
                amount=(project.investment * Decimal("0.3")).quantize(Decimal("0.01")),
                paid_on=project.approved_on + dt.timedelta(days=30),
                treasury_reference=f"GK-{project.code}-1",
            )
        except PaymentRefused:
            continue  # the rulebook withholds funds from this project: the demo shows it unpaid
    load_steps()
    return made


PROCURING = ("approved", "filed", "procurement")
BUILDING = ("contracted", "construction", "acceptance", "rectification")


def _user(username: str) -> User | None:
    return User.objects.filter(username=username, is_active=True).first()


def load_steps() -> int:
    """Procurements (one in each procuring project, awarded and linked where the project is
    built), milestones with a re-baseline, a rejected and an approved change, supervision with
    a monthly report. Skips a project that has them already; returns how many were filled."""
    from govit.delivery import procurement
    from govit.delivery.errors import ProjectError
    from govit.delivery.models import Milestone, Procurement

    competent = _user(Role.COMPETENT.value)
    supervisor_user = _user(Role.SUPERVISOR.value)
    vendor = Organisation.objects.filter(kind=Role.VENDOR, is_active=True).first()
    supervisor = Organisation.objects.filter(kind=Role.SUPERVISOR, is_active=True).first()
    if competent is None or vendor is None:
        return 0
    filled = 0
    projects = Project.objects.filter(approval_record__isnull=False, investment__isnull=False)
    for project in projects.select_related("unit").order_by("id"):
        if Procurement.objects.filter(project=project).exists():
            continue
        start = project.approved_on + dt.timedelta(days=20)
        amount = Decimal(project.investment)
        method = "public_tender" if amount >= 2_000_000 else "competitive_consultation"
        try:
            with transaction.atomic():
                if project.state in PROCURING:
                    procurement.procurement_record(
                        actor=competent,
                        project=project,
                        title=f"{project.name}建设服务采购",
                        method=method,
                        budget_amount=amount,
                        control_price=(amount * Decimal("0.95")).quantize(Decimal("0.01")),
                        planned_on=start,
                        announced_on=start + dt.timedelta(days=10),
                    )
                    filled += 1
                elif project.state in BUILDING and not Milestone.objects.filter(project=project):
                    _built(project, competent, vendor, supervisor, supervisor_user, start, method)
                    filled += 1
        except (ProjectError, ValidationError):
            continue  # the rulebook refuses a step for this project: the demo leaves it there
    return filled


def _built(
    project: Project,
    competent: User,
    vendor: Organisation,
    supervisor: Organisation | None,
    supervisor_user: User | None,
    start: dt.date,
    method: str,
) -> None:
    """A project under construction: awarded procurement, milestones, a re-baseline, two
    changes (one rejected, one approved) and its supervisor's first report."""
    from govit.delivery import changes, procurement, progress, supervision
    from govit.delivery.errors import ProjectError
    from govit.delivery.models import Contract, SupervisionEngagement

    amount = Decimal(project.investment or 0)
    item = procurement.procurement_record(
        actor=competent,
        project=project,
        title=f"{project.name}建设服务采购",
        method=method,
        budget_amount=amount,
        planned_on=start,
        announced_on=start + dt.timedelta(days=10),
        bids_opened_on=start + dt.timedelta(days=31),
    )
    award = (amount * Decimal("0.92")).quantize(Decimal("0.01"))
    item = procurement.procurement_award(
        actor=competent,
        procurement=item,
        vendor=vendor,
        award_amount=award,
        awarded_on=start + dt.timedelta(days=35),
    )
    contract = Contract.objects.filter(project=project, vendor=vendor).order_by("id").first()
    if contract is not None:
        procurement.procurement_contract_link(actor=competent, procurement=item, contract=contract)
    begin = start + dt.timedelta(days=45)
    plan = (("需求调研与设计", 60, "0.2"), ("开发与集成", 180, "0.5"), ("试运行与初验", 270, "0.3"))
    milestones = [
        progress.milestone_add(
            actor=competent,
            project=project,
            name=name,
            baseline_due=begin + dt.timedelta(days=days),
            planned_cost=(award * Decimal(share)).quantize(Decimal("0.01")),
        )
        for name, days, share in plan
    ]
    first = milestones[0]
    progress.milestone_progress(
        actor=competent,
        milestone=first,
        actual_on=first.baseline_due + dt.timedelta(days=12),
        actual_cost=(first.planned_cost * Decimal("1.08")).quantize(Decimal("0.01")),
    )
    second = milestones[1]
    progress.milestone_rebaseline(
        actor=competent,
        project=project,
        reason="上级部门要求增加统一身份认证对接，开发周期顺延",
        decided_on=first.baseline_due + dt.timedelta(days=20),
        changes={second.pk: (second.baseline_due + dt.timedelta(days=45), second.planned_cost)},
    )
    unit_clerk = User.objects.filter(
        memberships__organisation=project.unit_id, memberships__role=Role.UNIT
    ).first()
    asker = unit_clerk or competent
    for description, share, approve in (
        ("增加移动端适配", "0.02", False),
        ("接口改造为统一数据共享交换平台", "0.05", True),
    ):
        try:
            change = changes.change_request(
                actor=asker,
                project=project,
                reason="technical_optimization",
                description=description,
                amount=(amount * Decimal(share)).quantize(Decimal("0.01")),
                requested_on=first.baseline_due + dt.timedelta(days=25),
                content_before=project.description,
            )
        except ProjectError:
            continue
        if approve:
            changes.change_approve(
                actor=competent,
                change=change,
                approved_on=change.requested_on + dt.timedelta(days=7),
            )
        else:
            changes.change_reject(
                actor=competent,
                change=change,
                rejected_on=change.requested_on + dt.timedelta(days=7),
                reason="属于原合同范围，无须变更",
            )
    if supervisor is not None and not SupervisionEngagement.objects.filter(project=project):
        engagement = supervision.supervision_engage(
            actor=competent, project=project, supervisor=supervisor, engaged_on=begin
        )
        if supervisor_user is not None:
            supervision.supervision_report(
                actor=supervisor_user,
                engagement=engagement,
                kind="monthly",
                period_start=begin,
                period_end=begin + dt.timedelta(days=30),
                summary="需求调研按计划推进；发现接口规范未统一，已提示建设单位。",
            )
