"""Human labels for the engine's identifiers (routes, document types, features, stages ...).

Rule messages name things through ``label`` so that officials read 密码应用方案, not crypto_plan.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from govit.policy.engine.i18n import current_language

LABELS = {
    # approval routes and other decision values
    "filing": _("filing (self-organised implementation)"),
    "approval": _("approval"),
    "government_approval": _("approval by the people's government"),
    "merged": _("feasibility study and preliminary design merged"),
    "separate": _("separate feasibility study and preliminary design"),
    "joint_review": _("joint review"),
    "reapproval": _("approval procedure again"),
    "eligible": _("eligible"),
    "withheld": _("withheld"),
    # lifecycle stages
    "draft": _("draft"),
    "submitted": _("submitted"),
    "preliminary_review": _("preliminary review"),
    "returned": _("returned for supplement"),
    "expert_review": _("expert review"),
    "decision": _("decision consultation"),
    "library": _("project library"),
    "planned": _("in the annual plan"),
    "approved": _("approved"),
    "filed": _("filed"),
    "procurement": _("procurement"),
    "contracted": _("contract signed"),
    "construction": _("under construction"),
    "initial_acceptance": _("initial acceptance"),
    "trial_run": _("trial run"),
    "acceptance": _("acceptance"),
    "rectification": _("rectification"),
    "operation": _("in operation"),
    "evaluated": _("performance evaluated"),
    "archived": _("archived"),
    "rejected": _("rejected"),
    "suspended": _("suspended"),
    "terminated": _("terminated"),
    # document types
    "proposal": _("project proposal"),
    "feasibility_study": _("feasibility study report"),
    "preliminary_design": _("preliminary design"),
    "implementation_plan": _("implementation plan"),
    "demand_plan": _("demand plan"),
    "service_plan": _("service plan"),
    "crypto_plan": _("cryptography application plan"),
    "sharing_chapter": _("information-resource sharing chapter"),
    "data_collection_plan": _("data collection plan"),
    "resource_catalog": _("information resource catalogue"),
    "investment_estimate": _("investment estimate"),
    "performance_targets": _("performance targets"),
    "ex_ante_assessment": _("ex-ante performance assessment"),
    "data_dictionary": _("data dictionary"),
    "risk_assessment": _("security risk assessment report"),
    "crypto_assessment": _("cryptography assessment report"),
    "audit_report": _("final accounts audit report"),
    "test_report": _("third-party test report"),
    "acceptance_report": _("acceptance report"),
    "self_evaluation": _("self-evaluation report"),
    "source_code": _("source code"),
    "design_docs": _("design documents"),
    "test_docs": _("test documents"),
    "hardware_justification": _("justification for new hardware"),
    "control_price_review": _("review of the tender control price"),
    "safe_reliable_statement": _("statement on safe and reliable products"),
    "application_form": _("application form"),
    "change_form": _("change application form"),
    "supervision_report": _("supervision report"),
    "annual_report": _("year-end performance report"),
    "emergency_plan": _("emergency plan"),
    "assessment_report": _("consulting assessment report"),
    "other": _("other"),
    # negative-list features
    "machine_room": _("new machine room"),
    "data_center": _("high-energy data centre"),
    "private_network": _("private network"),
    "private_network_lease": _(
        "private network lease not integrated with the e-government network"
    ),
    "terminal_security_outside_extranet": _(
        "terminal security outside the e-government extranet's supervision"
    ),
    "video_conference": _("video conference system"),
    "ca_system": _("digital certificate (CA) system"),
    "big_screen": _("big-screen command display"),
    "e_seal": _("electronic seal system"),
    "mobile_im": _("mobile instant messaging"),
    "website_platform": _("government website platform"),
    "standalone_app": _("standalone mobile app"),
    "commercial_map_data": _("commercial electronic map data"),
    # budget categories
    "software": _("software development"),
    "hardware": _("hardware"),
    "cloud": _("cloud resources"),
    "service": _("services"),
    "supervision": _("supervision"),
    "testing": _("testing and assessment"),
    "security": _("security"),
    "crypto": _("cryptography"),
    "consulting": _("consulting"),
    "integration": _("integration"),
    "om": _("operation and maintenance"),
    "packaged_software": _("packaged software"),
    "office_pc": _("office computers"),
    "salary": _("staff salaries"),
    "travel": _("travel"),
    "vehicle": _("vehicles"),
    "utilities": _("office water and electricity"),
    "furniture": _("office furniture"),
    "consumables": _("consumables"),
    "telecom": _("telephones and their fees"),
    "sms": _("office text messages"),
    "content_operation": _("content and business operation"),
    "office_building_it": _("IT of office buildings"),
    # facts and clauses
    "data_collected": _("data collected to the data zone"),
    "platform_docked": _("docked with the big data platform"),
    "acceptance_confirmed": _("confirmed by the competent department"),
    "catalog_registered": _("resource catalogue registered on the sharing platform"),
    "safe_reliable_products": _("safe and reliable products"),
    "ip_owned_by_unit": _("intellectual property and data owned by the unit"),
    "security_testing_clause": _("yearly security and cryptography testing"),
    "emergency_response_clause": _("emergency response mechanism"),
    "deliverables_clause": _("hand-over of design documents, source code and test documents"),
    # parties
    "competent": _("competent department"),
    "unit": _("project unit"),
    "vendor": _("vendor"),
    "agency": _("third-party agency"),
    # procurement methods
    "public_tender": _("public tender"),
    "invited_tender": _("invited tender"),
    "competitive_negotiation": _("competitive negotiation"),
    "competitive_consultation": _("competitive consultation"),
    "inquiry": _("request for quotations"),
    "single_source": _("single source"),
    "framework_agreement": _("framework agreement"),
    "self": _("self-raised funds"),
    # O&M funding conditions
    "not_sharing": _("does not share data as required"),
    "duplicate_collection": _("collects data again"),
    "not_in_data_catalog": _("not in the data-resource catalogue"),
    "not_security_compliant": _("fails network security requirements"),
    "not_crypto_compliant": _("fails cryptography requirements"),
    "major_hazard": _("carries a major security hazard"),
    "not_docked": _("not docked with the service platform"),
    "not_in_catalog": _("not in the system catalogue"),
    "not_on_gov_cloud": _("not on the government cloud"),
    # evaluation grades (绩效评价结果)
    "excellent": _("excellent"),
    "good": _("good"),
    "fair": _("fair"),
    "poor": _("poor"),
    # design merge conditions
    "emergency": _("urgent construction"),
    "simple": _("simple content, small investment, simple technology"),
    "superior_approved": _("approved by national or provincial authorities"),
    "planned_with_design_depth": _("in the annual plan with preliminary-design depth"),
    # obligation kinds
    "application": _("application"),
    "review_reply": _("review reply"),
    "contract_filing": _("contract filing"),
    "supervision_filing": _("supervision filing"),
    "acceptance_filing": _("acceptance filing"),
    "finance_notice": _("notice to finance"),
    "post_evaluation": _("post-evaluation"),
    "security_test": _("security test"),
}


_rendered: dict[tuple[str, str], str] = {}


def label(identifier: str) -> str:
    """The human label of an identifier, or the identifier itself when it has none."""
    language = current_language()
    key = (language, identifier)
    text = _rendered.get(key)
    if text is None:
        lazy = LABELS.get(identifier)
        with translation.override(language or None):
            text = str(lazy) if lazy is not None else identifier
        _rendered[key] = text
    return text


def labels(identifiers: Iterable[str]) -> str:
    """Labels joined with the Chinese enumeration comma."""
    return "、".join(label(identifier) for identifier in identifiers)


def register_labels(mapping: dict[str, object]) -> None:
    """Add labels for identifiers a rule module introduces (call at import time)."""
    for key, value in mapping.items():
        LABELS.setdefault(key, value)  # type: ignore[arg-type]
