"""Delivery records: approval, budget, appropriations, the vendor contract, payments and
change requests, consistent with the state each project reached."""

from __future__ import annotations

from decimal import Decimal

from govit.delivery.choices import PaymentKind
from govit.delivery.models import (
    Appropriation,
    ApprovalRecord,
    Budget,
    ChangeRequest,
    Contract,
    Payment,
)
from govit.generate.base import Context
from govit.generate.projects import Plan
from govit.projects.models import Change

CENT = Decimal("0.01")


def insert(ctx: Context, plans: list[Plan]) -> None:
    rng = ctx.rng
    approvals: list[ApprovalRecord] = []
    budgets: list[Budget] = []
    appropriations: list[Appropriation] = []
    contracts: list[Contract] = []
    payments: list[Payment] = []
    for plan in plans:
        project = plan.project
        approved = plan.on("approved") or plan.on("filed")
        if not approved:
            continue
        amount = plan.investment
        filing = plan.on("filed") is not None
        approvals.append(
            ApprovalRecord(
                project=project,
                approving_body="项目单位备案" if filing else "市政务数据管理局",
                document_number=f"{'备' if filing else '批'}〔{approved.year}〕{project.pk}号",
                approved_on=approved,
                approved_amount=amount,
                approved_estimate=amount,
                route="filing" if filing else "approval",
                investment_code=project.investment_code,
                recorded_by_id=ctx.staff_id,
            )
        )
        appropriations.append(
            Appropriation(project=project, year=approved.year, source="fiscal", amount=amount)
        )
        paid = Decimal(0)
        signed = plan.on("contracted")
        if signed:
            contract_amount = (amount * Decimal("0.92")).quantize(CENT)
            contracts.append(
                Contract(
                    project=project,
                    title=f"{project.name[:150]}合同",
                    vendor_id=ctx.pick(ctx.vendor_ids),
                    parties=["unit", "vendor"] + (["supervisor"] if project.supervision else []),
                    amount=contract_amount,
                    signed_on=signed,
                    procurement_method=rng.choice(["public_tender", "inquiry", "single_source"]),
                    ip_owned_by_unit=True,
                    deliverables_clause=True,
                    emergency_response_clause=rng.random() < 0.85,
                    security_testing_clause=rng.random() < 0.85,
                    filed_on=signed + ctx.days(2, 12),
                )
            )
            stages = [
                (PaymentKind.ADVANCE, "合同签订预付款", Decimal("0.3"), signed + ctx.days(5, 20)),
            ]
            completed = plan.project.completed_on
            if completed:
                stages.append(
                    (
                        PaymentKind.PROGRESS,
                        "完工进度款",
                        Decimal("0.4"),
                        completed + ctx.days(5, 20),
                    )
                )
            accepted = plan.on("operation")
            if accepted:
                stages.append(
                    (PaymentKind.FINAL, "验收尾款", Decimal("0.3"), accepted + ctx.days(10, 30))
                )
            for kind, milestone, share, day in stages:
                value = (contract_amount * share).quantize(CENT)
                paid += value
                payments.append(
                    Payment(
                        project=project,
                        kind=kind,
                        milestone=milestone,
                        amount=value,
                        paid_on=min(day, ctx.today),
                        treasury_reference=f"GK{project.pk:08d}{len(payments) % 10}",
                        made_by_id=ctx.finance_user_id,
                    )
                )
        budgets.append(Budget(project=project, approved=amount, paid=paid))
    ctx.insert(ApprovalRecord, approvals)
    ctx.insert(Budget, budgets)
    ctx.insert(Appropriation, appropriations)
    ctx.insert(Contract, contracts)
    ctx.insert(Payment, payments)


def insert_change_requests(ctx: Context, changes: list[Change]) -> None:
    """An approved change request behind each recorded change of the project's facts."""
    ctx.insert(
        ChangeRequest,
        [
            ChangeRequest(
                project_id=change.project_id,
                reason=change.reason,
                description=change.description,
                amount=change.amount or 0,
                requested_on=change.on,
                route="competent",
                status=ChangeRequest.Status.APPROVED,
                approved_on=change.on,
                recorded_change=change,
            )
            for change in changes
        ],
    )
