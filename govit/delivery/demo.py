"""Demo delivery records: the approval of every approved demo project, recorded by its unit's
clerk, and a first progress payment by the finance clerk. Idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from govit.delivery import services
from govit.delivery.errors import PaymentRefused
from govit.delivery.models import ApprovalRecord, Payment
from govit.orgs.choices import Role
from govit.orgs.models import User
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
    return made
