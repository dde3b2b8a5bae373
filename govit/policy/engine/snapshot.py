"""The snapshot: everything the rules read about a project, its unit and the date of the check.

It is the public contract of ``govit check`` and ``POST /api/v1/check``; its JSON Schema is
published at ``/api/v1/schema/snapshot.json``. Every field but ``project.name`` may be absent:
an absent date means the event has not happened, an absent fact means unknown. A field the
schema does not know is kept (``extra="allow"``) so that the engine can name it in an ``info``
finding instead of refusing the snapshot.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from govit.policy.engine.types import (
    BudgetCategory,
    ChangeReason,
    DocumentType,
    EvaluationGrade,
    Feature,
    FundingSource,
    Level,
    Party,
    ProcurementMethod,
    ProjectKind,
    Stage,
    Yuan,
)

__all__ = [
    "BudgetCategory",
    "BudgetItem",
    "Change",
    "ChangeReason",
    "Contract",
    "Document",
    "DocumentType",
    "EvaluationGrade",
    "Feature",
    "FundingSource",
    "Incident",
    "InspectionIssue",
    "IssueKind",
    "Level",
    "Part",
    "Party",
    "ProcurementMethod",
    "Project",
    "ProjectKind",
    "Snapshot",
    "Stage",
    "System",
    "Unit",
    "UnitKind",
    "Yuan",
]


class Part(BaseModel):
    """Base of every snapshot part: unknown fields are kept so that they can be reported."""

    model_config = ConfigDict(extra="allow", frozen=True)


class Document(Part):
    """A document the project has: when it is dated, and whether it was approved or reviewed."""

    type: DocumentType
    date: dt.date | None = None
    approved: bool | None = None
    reviewed: bool | None = None


class BudgetItem(Part):
    """One line of the project's budget."""

    name: str
    category: BudgetCategory
    amount: Yuan


class Contract(Part):
    """The main contract of the project."""

    amount: Yuan | None = None
    signed_on: dt.date | None = None
    filed_on: dt.date | None = None
    parties: list[Party] | int | None = Field(
        default=None, description="the parties (roles) who sign, or just their number"
    )
    procurement_method: ProcurementMethod | None = None
    ip_owned_by_unit: bool | None = None
    security_testing_clause: bool | None = None
    emergency_response_clause: bool | None = None
    deliverables_clause: bool | None = Field(
        default=None, description="design documents, source code and test documents are handed over"
    )

    @property
    def party_count(self) -> int | None:
        if self.parties is None:
            return None
        return self.parties if isinstance(self.parties, int) else len(set(self.parties))


class Change(Part):
    """A change (变更/调整) of the project's content or money."""

    amount: Yuan | None = Field(default=None, description="money the change touches (yuan)")
    reason: ChangeReason | None = None
    on: dt.date | None = None
    goal_changed: bool | None = None
    exceeds_estimate: bool | None = Field(
        default=None, description="the investment would exceed the approved estimate (概算)"
    )
    approved: bool | None = None
    significant: bool | None = Field(
        default=None, description="建设条件、建设内容发生重大变化 (a significant change)"
    )


class System(Part):
    """An information system the project builds or changes, as the catalogue knows it."""

    name: str
    in_catalog: bool | None = None
    docked: bool | None = Field(default=None, description="docked with the service platform")
    in_data_catalog: bool | None = None
    shares_data: bool | None = None
    duplicate_collection: bool | None = Field(
        default=None, description="collects data again that sharing could provide"
    )
    security_compliant: bool | None = None
    crypto_compliant: bool | None = None
    major_hazard: bool | None = None
    on_gov_cloud: bool | None = None
    negative_list_approved: bool | None = Field(
        default=None,
        description="the people's government approved leaving it off the cloud and the service "
        "system (负面清单)",
    )

    approval_system: bool | None = Field(
        default=None, description="an administrative approval (审批业务) system"
    )
    evaluation_year: int | None = Field(
        default=None,
        description="the year of the owner unit's latest performance evaluation result "
        "(绩效评价结果); absent when the unit was not evaluated",
    )
    evaluation_grade: EvaluationGrade | None = Field(
        default=None, description="the grade of that result (优/良/中/差)"
    )


class Incident(Part):
    """A network security incident and what was recorded about it (应急处置记录)."""

    occurred_on: dt.date | None = None
    symptoms: str | None = Field(default=None, description="how the incident showed (事件表现)")
    handling: str | None = Field(default=None, description="how it was handled (处置情况)")
    reported_on: dt.date | None = Field(
        default=None, description="when it was reported to the bodies the rules name"
    )


IssueKind = Literal[
    "non_compliant",
    "unauthorised_change",
    "not_on_gov_cloud",
    "not_docked",
    "not_sharing",
    "not_security_compliant",
    "not_crypto_compliant",
    "unauthorised_third_party_system",
    "other_violation",
]


class InspectionIssue(Part):
    """A problem an inspection found in the project, and its rectification."""

    kind: IssueKind
    found_on: dt.date | None = None
    rectify_by: dt.date | None = Field(default=None, description="the date the order set")
    rectified_on: dt.date | None = Field(
        default=None, description="when the unit rectified it and reported the result"
    )
    confirmed: bool | None = Field(
        default=None,
        description="the competent department found the rectification satisfactory "
        "(False: rectified but still not compliant)",
    )


class Project(Part):
    """The project's facts."""

    name: str = Field(min_length=1)
    kind: ProjectKind | None = None
    level: Level | None = None
    stage: Stage | None = None
    classified: bool | None = None
    emergency: bool | None = None
    simple: bool | None = Field(
        default=None, description="建设内容单一、投资规模小、技术方案简单, or 单纯设备购置"
    )
    superior_approved: bool | None = Field(
        default=None, description="already approved by national or provincial authorities"
    )
    cross_department: bool | None = None
    uses_third_party_system: bool | None = None
    in_annual_plan: bool | None = None
    in_library: bool | None = None
    plan_year: int | None = Field(default=None, ge=2000, le=2100)
    investment: Yuan | None = Field(default=None, description="total investment (yuan)")
    approved_estimate: Yuan | None = Field(default=None, description="核定投资/概算 (yuan)")
    om_years_included: int | None = Field(default=None, ge=0)
    bulk_update_procurement: bool | None = None
    funding_sources: list[FundingSource] | None = None
    budget_items: list[BudgetItem] | None = None
    features: list[Feature] | None = None
    gov_cloud: bool | None = None
    shares_data: bool | None = None
    duplicates_existing: bool | None = Field(
        default=None, description="the duplicate-construction check found an existing system"
    )
    catalog_registered: bool | None = None
    safe_reliable_products: bool | None = None
    investment_code: str | None = Field(
        default=None, description="24-digit code of the national investment-project platform"
    )
    documents: list[Document] | None = None
    submitted_on: dt.date | None = None
    review_submitted_on: dt.date | None = None
    review_replied_on: dt.date | None = None
    approved_on: dt.date | None = None
    construction_started_on: dt.date | None = None
    contract: Contract | None = None
    supervision: bool | None = Field(default=None, description="a supervisor is engaged")
    supervision_filed_on: dt.date | None = None
    changes: list[Change] | None = None
    completed_on: dt.date | None = None
    initial_acceptance_on: dt.date | None = None
    trial_run_started_on: dt.date | None = None
    data_collected: bool | None = None
    platform_docked: bool | None = None
    acceptance_confirmed: bool | None = Field(
        default=None, description="the competent department confirmed the prerequisites"
    )
    acceptance_applied_on: dt.date | None = None
    accepted_on: dt.date | None = None
    acceptance_passed: bool | None = None
    acceptance_filed_on: dt.date | None = None
    finance_notified_on: dt.date | None = None
    remaining_payment_made: bool | None = None
    paid_before_approval: bool | None = None
    surplus: Yuan | None = Field(default=None, description="money left over at completion")
    surplus_returned: bool | None = None
    assets_booked_on: dt.date | None = None
    operation_started_on: dt.date | None = None
    annual_reports: list[int] | None = Field(
        default=None, description="years for which the year-end performance report was made"
    )
    self_evaluated_on: dt.date | None = None
    post_evaluated_on: dt.date | None = None
    systems: list[System] | None = None
    lead_department: str | None = Field(
        default=None, description="lead department of a cross-department project (牵头部门)"
    )
    co_builders: list[str] | None = Field(
        default=None, description="units that build a cross-department project with the lead"
    )
    in_application_plan: bool | None = Field(
        default=None, description="in the informatization application plan (应用规划)"
    )
    pre_reviewed: bool | None = Field(
        default=None, description="passed the competent department's pre-review (前置审查)"
    )
    government_agreed_on: dt.date | None = Field(
        default=None, description="when the people's government agreed to the project"
    )
    new_platform: bool | None = Field(
        default=None, description="the project builds a new information platform system"
    )
    private_network_consented: bool | None = Field(
        default=None, description="the competent department consented to a new private network"
    )
    complex_project: bool | None = Field(
        default=None, description="项目内容复杂、技术要求高 (complex, technically demanding)"
    )
    drills: list[dt.date] | None = Field(
        default=None, description="dates of the emergency drills held (应急演练)"
    )
    incidents: list[Incident] | None = Field(
        default=None, description="network security incidents and their records"
    )
    rectification_due_on: dt.date | None = Field(
        default=None, description="the deadline set for rectification after a failed acceptance"
    )
    rectified_on: dt.date | None = Field(
        default=None, description="when the rectification after a failed acceptance was completed"
    )
    mandated: bool | None = Field(
        default=None,
        description="law, or the national, provincial, city or county government, explicitly "
        "requires the project (an exception to a negative list)",
    )
    frequent_upgrade: bool | None = Field(
        default=None, description="the review found the system is upgraded too often (频繁升级)"
    )
    docking_design: bool | None = Field(
        default=None,
        description="the plan describes the standardised docking with related business systems "
        "and the use of the city cloud-computing centre",
    )
    third_party_testing: bool | None = Field(
        default=None,
        description="the project needs third-party testing (等级保护测评, software function or "
        "performance tests)",
    )
    correction_due_on: dt.date | None = Field(
        default=None,
        description="the date by which the competent department asked for the returned "
        "application to be supplemented or corrected",
    )
    resubmitted_on: dt.date | None = Field(
        default=None, description="when the supplemented or corrected application came back"
    )
    data_graded: bool | None = Field(
        default=None,
        description="data resources classified and graded, their sharing and opening types set",
    )
    data_listed: bool | None = Field(
        default=None, description="data resources put on the platform as the catalogue lists them"
    )
    sharing_catalog_compiled: bool | None = Field(
        default=None, description="the data-sharing catalogue is compiled"
    )
    open_catalog_compiled: bool | None = Field(
        default=None, description="the data-opening catalogue is compiled"
    )
    opens_data: bool | None = Field(
        default=None, description="the project has data to open to the public"
    )
    open_data_desensitised: bool | None = Field(
        default=None, description="the data to be opened was desensitised and declassified"
    )
    inspection_issues: list[InspectionIssue] | None = Field(
        default=None, description="problems inspections found, with their rectification"
    )
    security_tests_on: list[dt.date] | None = Field(
        default=None,
        description="dates on which a yearly security test, cryptography assessment and risk "
        "assessment was reported",
    )

    @cached_property
    def _latest_documents(self) -> dict[str, Document]:
        latest: dict[str, Document] = {}
        for document in self.documents or ():
            current = latest.get(document.type)
            if current is None or (document.date or dt.date.min) >= (current.date or dt.date.min):
                latest[document.type] = document
        return latest

    def document(self, kind: str) -> Document | None:
        """The latest document of a type, or None."""
        return self._latest_documents.get(kind)

    def has_document(self, kind: str) -> bool:
        return kind in self._latest_documents


UnitKind = Literal["party_government", "institution", "school", "hospital", "soe", "other"]


class Unit(Part):
    """The applying unit's facts."""

    kind: UnitKind | None = Field(default=None, description="what sort of body the unit is")
    budget_unit_count: int | None = Field(default=None, ge=1)
    applications_this_cycle: int | None = Field(
        default=None, ge=0, description="applications in this planning cycle, this one included"
    )
    zombie_found_on: dt.date | None = Field(
        default=None, description="when a system of the unit was confirmed a zombie system"
    )
    new_department: bool | None = Field(
        default=None, description="the unit is a newly established department (新设立部门)"
    )
    noncompliant_systems: list[str] | None = Field(
        default=None,
        description=(
            "the unit's systems found not sharing data as required, collecting data again, "
            "outside the data-resource catalogue, failing security or cryptography requirements "
            "or carrying a major hazard (empty: none)"
        ),
    )


class Snapshot(Part):
    """What the rules look at."""

    as_of: dt.date | None = Field(default=None, description="the date of the check (today)")
    rulebook: str | None = None
    project: Project
    unit: Unit = Field(default_factory=Unit)
