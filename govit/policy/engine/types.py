"""The vocabularies of the snapshot: the values each enumerated fact may take."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

Yuan = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2)]

ProjectKind = Literal["new", "continued", "upgrade", "expansion", "om"]
Level = Literal["city", "county"]
EvaluationGrade = Literal["excellent", "good", "fair", "poor"]
Stage = Literal[
    "draft",
    "submitted",
    "preliminary_review",
    "returned",
    "expert_review",
    "decision",
    "library",
    "planned",
    "approved",
    "filed",
    "procurement",
    "contracted",
    "construction",
    "initial_acceptance",
    "trial_run",
    "acceptance",
    "rectification",
    "operation",
    "evaluated",
    "archived",
    "rejected",
    "suspended",
    "terminated",
]
FundingSource = Literal["fiscal", "superior", "self", "soe"]
BudgetCategory = Literal[
    "software",
    "hardware",
    "cloud",
    "service",
    "supervision",
    "testing",
    "security",
    "crypto",
    "consulting",
    "integration",
    "om",
    "packaged_software",
    "office_pc",
    "salary",
    "travel",
    "vehicle",
    "utilities",
    "furniture",
    "consumables",
    "telecom",
    "sms",
    "content_operation",
    "office_building_it",
    "other",
]
Feature = Literal[
    "machine_room",
    "data_center",
    "private_network",
    "private_network_lease",
    "terminal_security_outside_extranet",
    "video_conference",
    "ca_system",
    "big_screen",
    "e_seal",
    "mobile_im",
    "website_platform",
    "standalone_app",
    "commercial_map_data",
]
DocumentType = Literal[
    "proposal",
    "feasibility_study",
    "preliminary_design",
    "implementation_plan",
    "demand_plan",
    "service_plan",
    "crypto_plan",
    "sharing_chapter",
    "data_collection_plan",
    "resource_catalog",
    "investment_estimate",
    "performance_targets",
    "ex_ante_assessment",
    "data_dictionary",
    "risk_assessment",
    "crypto_assessment",
    "audit_report",
    "test_report",
    "acceptance_report",
    "self_evaluation",
    "source_code",
    "design_docs",
    "test_docs",
    "hardware_justification",
    "control_price_review",
    "safe_reliable_statement",
    "application_form",
    "change_form",
    "supervision_report",
    "annual_report",
    "emergency_plan",
    "assessment_report",
    "other",
]
ProcurementMethod = Literal[
    "public_tender",
    "invited_tender",
    "competitive_negotiation",
    "competitive_consultation",
    "inquiry",
    "single_source",
    "framework_agreement",
    "self",
]
ChangeReason = Literal[
    "superior_requirement", "technical_optimization", "business_development", "other"
]
Party = Literal["competent", "unit", "vendor", "supervisor", "agency"]
