"""API schemas of projects: separate input and output shapes (amounts in yuan)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import ModelSchema, Schema
from pydantic import Field

from govit.core.api_types import DatabaseId
from govit.policy.engine.snapshot import (
    BudgetCategory,
    ChangeReason,
    Feature,
    FundingSource,
    Incident,
    InspectionIssue,
    Level,
    Party,
    ProcurementMethod,
    ProjectKind,
)
from govit.projects.models import Project
from govit.projects.models.project import LIFECYCLE_FIELDS
from govit.projects.services.facts import EDITABLE_FIELDS

FACT_FIELDS = [name for name in EDITABLE_FIELDS if name != "name"]


class BudgetItemIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    category: BudgetCategory
    amount: Decimal = Field(ge=0, max_digits=18, decimal_places=2)


class BudgetItemOut(Schema):
    name: str
    category: str
    amount: Decimal


class FactsIn(ModelSchema):
    """The facts a person gives; every one optional, an omitted one is left as it is."""

    kind: ProjectKind | None = None
    level: Level | None = None
    funding_sources: list[FundingSource] | None = None
    features: list[Feature] | None = None
    annual_reports: list[int] | None = None
    drills: list[dt.date] | None = None
    security_tests_on: list[dt.date] | None = None
    incidents: list[Incident] | None = None
    inspection_issues: list[InspectionIssue] | None = None

    class Meta:
        model = Project
        fields = FACT_FIELDS
        fields_optional = "__all__"


class ProjectIn(FactsIn):
    """A new project."""

    unit_id: DatabaseId
    name: str = Field(min_length=1, max_length=200)
    co_unit_ids: list[DatabaseId] = []
    budget_items: list[BudgetItemIn] = []


class ContractIn(Schema):
    amount: Decimal | None = Field(default=None, ge=0, max_digits=18, decimal_places=2)
    signed_on: dt.date | None = None
    filed_on: dt.date | None = None
    parties: list[Party] | None = None
    procurement_method: ProcurementMethod | None = None
    ip_owned_by_unit: bool | None = None
    security_testing_clause: bool | None = None
    emergency_response_clause: bool | None = None
    deliverables_clause: bool | None = None


class ChangeIn(Schema):
    description: str = ""
    amount: Decimal | None = Field(default=None, ge=0, max_digits=18, decimal_places=2)
    reason: ChangeReason | None = None
    on: dt.date | None = None
    goal_changed: bool | None = None
    exceeds_estimate: bool | None = None
    approved: bool | None = None
    significant: bool | None = None


class SystemIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    in_catalog: bool | None = None
    docked: bool | None = None
    in_data_catalog: bool | None = None
    shares_data: bool | None = None
    duplicate_collection: bool | None = None
    security_compliant: bool | None = None
    crypto_compliant: bool | None = None
    major_hazard: bool | None = None
    on_gov_cloud: bool | None = None
    negative_list_approved: bool | None = None
    approval_system: bool | None = None


class ProjectPatch(FactsIn):
    """Changes to a project: a part given replaces the stored one, a part omitted is kept."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    co_unit_ids: list[DatabaseId] | None = None
    budget_items: list[BudgetItemIn] | None = None
    contract: ContractIn | None = None
    changes: list[ChangeIn] | None = None
    systems: list[SystemIn] | None = None


class TransitionIn(Schema):
    name: str
    acknowledge_warnings: bool = False
    note: str = Field(default="", max_length=2000)


class ProjectOut(Schema):
    id: int
    code: str
    name: str
    rulebook: str
    state: str
    unit_id: int
    unit_name: str
    plan_year: int | None
    investment: Decimal | None
    updated_at: dt.datetime


class ProjectPage(Schema):
    count: int
    items: list[ProjectOut]
    next: str | None = None


class StateChangeOut(Schema):
    from_state: str
    to_state: str
    transition: str
    label: str
    actor: str | None
    at: dt.datetime
    note: str
    acknowledged: list[dict[str, Any]]


class StepOut(Schema):
    name: str
    label: str
    to: str
    permitted: bool
    blocking: list[dict[str, Any]]
    warnings: list[dict[str, Any]]


class ProjectDetailOut(ProjectOut):
    facts: dict[str, Any]
    co_unit_ids: list[int]
    budget_items: list[BudgetItemOut]
    contract: dict[str, Any] | None
    changes: list[dict[str, Any]]
    systems: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    history: list[StateChangeOut]
    findings: list[dict[str, Any]]
    decisions: dict[str, Any]
    obligations: list[dict[str, Any]]
    steps: list[StepOut]


class TransitionOut(Schema):
    state: str
    change: StateChangeOut


OUTPUT_FACTS = [*FACT_FIELDS, *LIFECYCLE_FIELDS]
