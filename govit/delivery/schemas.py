"""Input and output schemas of the delivery API (amounts in yuan)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from govit.core.api_types import DatabaseId
from govit.policy.engine.types import ChangeReason


class ApprovalIn(Schema):
    approving_body: str = Field(min_length=1, max_length=200)
    document_number: str = Field(min_length=1, max_length=100)
    approved_on: dt.date
    approved_amount: Decimal = Field(ge=0, decimal_places=2)
    approved_estimate: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    conditions: str = ""
    investment_code: str = ""


class RequiredDocumentOut(Schema):
    """A document the approval step of the decided route requires."""

    type: str
    label: str
    article: str
    rule: str
    condition: str = Field(description='"" (present), "approved" or "reviewed"')
    present: bool


class ApprovalOut(Schema):
    approving_body: str
    document_number: str
    approved_on: dt.date
    approved_amount: Decimal
    approved_estimate: Decimal | None
    conditions: str
    route: str
    route_article: str
    investment_code: str
    required_documents: list[RequiredDocumentOut] = []


class AppropriationIn(Schema):
    year: int = Field(ge=2000, le=2100)
    source: str
    amount: Decimal = Field(ge=0, decimal_places=2)


class AppropriationOut(Schema):
    id: int
    year: int
    source: str
    amount: Decimal


class PaymentIn(Schema):
    kind: str
    milestone: str = Field(min_length=1, max_length=200)
    amount: Decimal = Field(gt=0, decimal_places=2)
    paid_on: dt.date
    treasury_reference: str = Field(min_length=1, max_length=100)
    evidence_id: DatabaseId | None = None


class PaymentOut(Schema):
    id: int
    kind: str
    milestone: str
    amount: Decimal
    paid_on: dt.date
    treasury_reference: str
    evidence_id: int | None
    reversed_on: dt.date | None = None
    reversal_reason: str = ""


class SurplusIn(Schema):
    amount: Decimal = Field(gt=0, decimal_places=2)
    returned_on: dt.date
    note: str = ""


class SurplusOut(Schema):
    id: int
    amount: Decimal
    returned_on: dt.date
    note: str


class DeliveryOut(Schema):
    project_id: int
    approval: ApprovalOut | None
    approved: Decimal
    paid: Decimal
    balance: Decimal
    appropriations: list[AppropriationOut]
    payments: list[PaymentOut]
    surplus_returns: list[SurplusOut]


class ContractIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    vendor_id: DatabaseId
    parties: list[str]
    amount: Decimal = Field(ge=0, decimal_places=2)
    signed_on: dt.date
    procurement_method: str = ""
    ip_owned_by_unit: bool = False
    deliverables_clause: bool = False
    emergency_response_clause: bool = False
    security_testing_clause: bool = False


class AmendmentOut(Schema):
    signed_on: dt.date
    description: str
    amount_after: Decimal | None


class ObligationOut(Schema):
    due: dt.date
    status: str
    article: str


class ContractOut(Schema):
    id: int
    project_id: int
    title: str
    vendor_id: int
    parties: list[str]
    amount: Decimal
    signed_on: dt.date
    procurement_method: str
    ip_owned_by_unit: bool
    deliverables_clause: bool
    emergency_response_clause: bool
    security_testing_clause: bool
    filed_on: dt.date | None
    amendments: list[AmendmentOut]


class FilingIn(Schema):
    filed_on: dt.date


class AmendmentIn(Schema):
    signed_on: dt.date
    description: str = Field(min_length=1, max_length=300)
    amount_after: Decimal | None = Field(default=None, ge=0, decimal_places=2)


class ContractListOut(Schema):
    contracts: list[ContractOut]
    filing: list[ObligationOut]


class ChangeIn(Schema):
    reason: ChangeReason  # one of the vocabulary's reasons: anything else answers 422
    description: str = Field(min_length=1, max_length=300)
    amount: Decimal = Field(ge=0, decimal_places=2)
    requested_on: dt.date
    content_before: str = ""
    content_after: str = ""
    goal_changed: bool = False
    exceeds_estimate: bool = False
    investment_after: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    estimate_after: Decimal | None = Field(default=None, ge=0, decimal_places=2)


class ChangeOut(Schema):
    id: int
    reason: str
    description: str
    amount: Decimal
    requested_on: dt.date
    content_before: str
    content_after: str
    goal_changed: bool
    exceeds_estimate: bool
    route: str
    route_article: str
    status: str
    approved_on: dt.date | None
    investment_after: Decimal | None
    estimate_after: Decimal | None
    rejected_on: dt.date | None
    rejection_reason: str


class ChangeApprovalIn(Schema):
    approved_on: dt.date


class ChangeListOut(Schema):
    changes: list[ChangeOut]
    versions: list[VersionOut]
    approved_total: Decimal
    approved_estimate: Decimal | None
    share_percent: Decimal | None


class VersionOut(Schema):
    number: int
    change_id: int
    before: dict[str, Any]
    after: dict[str, Any]
