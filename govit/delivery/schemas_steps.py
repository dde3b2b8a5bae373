"""Input and output schemas of the procurement, supervision, progress and payment-request
operations (amounts in yuan)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from govit.core.api_types import DatabaseId
from govit.delivery.schemas import PaymentOut

__all__ = ["PaymentOut"]


class ChangeRejectionIn(Schema):
    rejected_on: dt.date
    reason: str = Field(min_length=1, max_length=300)


class FindingOut(Schema):
    severity: str
    message: str
    article: str
    source: str
    rule: str


class ProcurementIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    method: str
    budget_amount: Decimal = Field(ge=0, decimal_places=2)
    planned_on: dt.date
    control_price: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    announced_on: dt.date | None = None
    bids_opened_on: dt.date | None = None


class ProcurementOut(Schema):
    id: int
    project_id: int
    title: str
    method: str
    budget_amount: Decimal
    control_price: Decimal | None
    control_price_reviewer: str
    control_price_reviewed_on: dt.date | None
    control_price_review_document_id: int | None
    planned_on: dt.date
    announced_on: dt.date | None
    bids_opened_on: dt.date | None
    awarded_on: dt.date | None
    winning_vendor_id: int | None
    award_amount: Decimal | None
    contract_id: int | None
    status: str


class ProcurementDetailOut(ProcurementOut):
    findings: list[FindingOut]


class ControlPriceIn(Schema):
    control_price: Decimal = Field(ge=0, decimal_places=2)
    reviewer: str = Field(min_length=1, max_length=200)
    reviewed_on: dt.date
    document_id: DatabaseId


class AwardIn(Schema):
    vendor_id: DatabaseId
    award_amount: Decimal = Field(ge=0, decimal_places=2)
    awarded_on: dt.date


class ContractLinkIn(Schema):
    contract_id: DatabaseId


class SupervisionIn(Schema):
    supervisor_id: DatabaseId
    engaged_on: dt.date
    fee: Decimal | None = Field(default=None, ge=0, decimal_places=2)


class SupervisionReportIn(Schema):
    kind: str
    period_start: dt.date
    period_end: dt.date
    summary: str = Field(min_length=1)
    document_id: DatabaseId | None = None


class SupervisionReportOut(Schema):
    id: int
    kind: str
    period_start: dt.date
    period_end: dt.date
    summary: str
    document_id: int | None


class SupervisionOut(Schema):
    id: int
    project_id: int
    supervisor_id: int
    fee: Decimal | None
    engaged_on: dt.date
    filed_on: dt.date | None
    reports: list[SupervisionReportOut]


class SupervisionStatusOut(Schema):
    required: bool | None
    article: str
    engagement: SupervisionOut | None


class MilestoneIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    baseline_due: dt.date
    planned_cost: Decimal = Field(ge=0, decimal_places=2)


class MilestoneProgressIn(Schema):
    actual_on: dt.date | None = None
    actual_cost: Decimal | None = Field(default=None, ge=0, decimal_places=2)


class MilestoneOut(Schema):
    id: int
    name: str
    baseline_due: dt.date
    planned_cost: Decimal
    actual_on: dt.date | None
    actual_cost: Decimal | None
    schedule_variance_days: int
    cost_variance: Decimal | None


class BaselineItemIn(Schema):
    milestone_id: DatabaseId
    baseline_due: dt.date
    planned_cost: Decimal = Field(ge=0, decimal_places=2)


class RebaselineIn(Schema):
    reason: str = Field(min_length=1, max_length=300)
    decided_on: dt.date
    milestones: list[BaselineItemIn]


class RebaselineOut(Schema):
    number: int
    reason: str
    decided_on: dt.date
    before: list[dict[str, Any]]
    after: list[dict[str, Any]]


class ProgressReportIn(Schema):
    kind: str
    period_end: dt.date
    percent_complete: int = Field(ge=0, le=100)
    investment_executed: Decimal = Field(ge=0, decimal_places=2)
    summary: str = Field(min_length=1)
    document_id: DatabaseId | None = None


class ProgressReportOut(Schema):
    id: int
    kind: str
    period_end: dt.date
    percent_complete: int
    investment_executed: Decimal
    summary: str
    document_id: int | None


class VarianceOut(Schema):
    planned_value: Decimal
    earned_value: Decimal
    actual_cost: Decimal
    schedule_variance: Decimal
    cost_variance: Decimal
    late_milestones: int


class ProgressOut(Schema):
    milestones: list[MilestoneOut]
    variance: VarianceOut
    rebaselines: list[RebaselineOut]
    reports: list[ProgressReportOut]


class PaymentRequestIn(Schema):
    milestone_id: DatabaseId
    kind: str
    amount: Decimal = Field(gt=0, decimal_places=2)
    evidence_id: DatabaseId
    requested_on: dt.date


class PaymentRequestOut(Schema):
    id: int
    milestone_id: int
    kind: str
    amount: Decimal
    evidence_id: int
    requested_on: dt.date
    status: str
    decided_on: dt.date | None
    decision_note: str
    payment_id: int | None


class DecisionIn(Schema):
    decided_on: dt.date
    note: str = Field(default="", max_length=300)


class ExecutionIn(Schema):
    paid_on: dt.date
    treasury_reference: str = Field(min_length=1, max_length=100)


class ReversalIn(Schema):
    reversed_on: dt.date
    reason: str = Field(min_length=1, max_length=300)
