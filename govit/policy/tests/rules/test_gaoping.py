"""The Gaoping rulebook (高政办发〔2020〕35号): every rule entry fires and stays quiet."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from govit.policy import loader
from govit.policy.articles import article_label
from govit.policy.tests.helpers import D, blocked, check, doc, findings, obligation

RULEBOOK = "gaoping"
HAPPY_PATH = [
    "draft",
    "submitted",
    "preliminary_review",
    "approved",
    "procurement",
    "contracted",
    "construction",
    "acceptance",
    "operation",
    "evaluated",
    "archived",
]
ALL_DOCUMENTS = [
    "proposal",
    "feasibility_study",
    "preliminary_design",
    "resource_catalog",
    "investment_estimate",
    "crypto_plan",
    "design_docs",
    "source_code",
    "test_docs",
    "risk_assessment",
    "emergency_plan",
    "self_evaluation",
]


def system(**overrides: Any) -> dict[str, Any]:
    """A system that meets every requirement of the regulation."""
    facts: dict[str, Any] = {
        "name": "审批系统",
        "in_catalog": True,
        "docked": True,
        "shares_data": True,
        "on_gov_cloud": True,
        "security_compliant": True,
        "crypto_compliant": True,
    }
    facts.update(overrides)
    return facts


def clean(**overrides: Any) -> dict[str, Any]:
    """A project that complies with every rule of the rulebook, whatever its stage."""
    facts: dict[str, Any] = {
        "kind": "new",
        "investment": 1_000_000,
        "plan_year": 2025,
        "documents": [doc(kind) for kind in ALL_DOCUMENTS],
        "cross_department": False,
        "systems": [system()],
        "new_platform": False,
        "in_application_plan": True,
        "shares_data": True,
        "gov_cloud": True,
        "duplicates_existing": False,
        "features": [],
        "government_agreed_on": D(2025, 3, 2),
        "approved_on": D(2025, 3, 10),
        "complex_project": True,
        "contract": {
            "signed_on": D(2025, 5, 6),
            "filed_on": D(2025, 5, 8),
            "parties": ["unit", "vendor"],
            "procurement_method": "public_tender",
            "ip_owned_by_unit": True,
        },
        "supervision": True,
        "supervision_filed_on": D(2025, 5, 9),
        "construction_started_on": D(2025, 5, 12),
        "safe_reliable_products": True,
        "catalog_registered": True,
        "accepted_on": D(2025, 12, 1),
        "acceptance_passed": True,
        "acceptance_filed_on": D(2025, 12, 5),
        "finance_notified_on": D(2025, 12, 8),
        "operation_started_on": D(2025, 12, 10),
        "drills": [D(2026, 6, 1)],
        "self_evaluated_on": D(2026, 3, 20),
    }
    facts.update(overrides)
    return facts


def run(*, unit: dict[str, Any] | None = None, **overrides: Any) -> Any:
    as_of = overrides.pop("as_of", D(2026, 11, 24))
    target = overrides.pop("target", None)
    return check(
        RULEBOOK,
        as_of=as_of,
        unit=unit if unit is not None else {"new_department": False},
        target=target,
        **clean(**overrides),
    )


def documents_without(*kinds: str) -> list[dict[str, Any]]:
    return [doc(kind) for kind in ALL_DOCUMENTS if kind not in kinds]


# -- the state graph and coverage ---------------------------------------------------------


def test_it_walks_the_happy_path_of_the_state_graph():
    rulebook = loader.get(RULEBOOK)
    for here, there in itertools.pairwise(HAPPY_PATH):
        steps = [t for t in rulebook.transitions_from(here) if t.to == there]
        assert steps, f"no transition from {here} to {there}"
    assert rulebook.spec.initial == HAPPY_PATH[0]


def test_it_lets_a_compliant_project_through_every_step_of_the_happy_path():
    for here, there in itertools.pairwise(HAPPY_PATH):
        result = run(stage=here, target=there)
        assert result.blocking(there) == [], (here, there, result.blocking(there))
        assert result.warnings() == [], (here, there, result.warnings())


def test_it_reaches_the_side_states_the_text_allows():
    rulebook = loader.get(RULEBOOK)
    targets = {(t.name, t.to) for t in rulebook.spec.transitions}
    assert ("reject", "rejected") in targets
    assert ("return", "returned") in targets
    assert ("order_rectification", "rectification") in targets
    assert ("suspend", "suspended") in targets
    assert ("terminate", "terminated") in targets
    assert [t.name for t in rulebook.transitions_from("suspended")] == ["resume", "terminate"]
    assert [t.to for t in rulebook.transitions_from("rectification")] == [
        "acceptance",
        "construction",
        "suspended",
    ]


def test_it_covers_every_article_of_the_regulation():
    rulebook = loader.get(RULEBOOK)
    spec = rulebook.spec
    cited = {entry.article for entry in spec.rules}
    cited |= {entry.article for entry in spec.manual}
    cited |= {t.article for t in spec.transitions if t.article}
    numbers = [article.number for article in rulebook.regulation.articles]
    assert numbers == list(range(1, 36))
    assert {article_label(n) for n in numbers} <= cited


def test_it_turns_the_required_articles_into_rules():
    required = {
        "第八条",
        "第十条",
        "第十一条",
        "第十二条",
        "第十五条",
        "第十八条",
        "第十九条",
        "第二十条",
        "第二十一条",
        "第二十二条",
        "第二十四条",
        "第三十一条",
        "第三十二条",
    }
    assert required <= {entry.article for entry in loader.get(RULEBOOK).spec.rules}


def test_it_calls_the_unit_and_the_vendor_by_their_gaoping_titles():
    roles = loader.get(RULEBOOK).spec.roles
    assert (roles["unit"], roles["vendor"]) == ("项目实施单位", "项目建设单位")


# -- 第八条: the application ---------------------------------------------------------------


def test_it_blocks_a_submission_without_the_application_materials():
    result = run(stage="draft", documents=documents_without("resource_catalog"))
    finding = findings(result, "application.documents", "block")[0]
    assert "信息资源目录" in finding.message or "information resource catalogue" in finding.message
    assert finding.blocks == ("submitted",)
    assert not blocked(run(stage="draft"), "application.documents")


def test_it_blocks_a_cross_department_project_without_its_co_builders():
    lacking = run(stage="draft", cross_department=True, lead_department="市行政审批服务管理局")
    assert blocked(lacking, "application.joint_plan")
    no_lead = run(stage="draft", cross_department=True, co_builders=["市公安局"])
    assert blocked(no_lead, "application.joint_plan")
    complete = run(
        stage="draft",
        cross_department=True,
        lead_department="市行政审批服务管理局",
        co_builders=["市公安局"],
    )
    assert not findings(complete, "application.joint_plan")
    assert not findings(run(stage="draft"), "application.joint_plan")


def test_it_asks_whether_a_project_is_cross_department():
    result = run(stage="draft", cross_department=None)
    message = findings(result, "application.joint_plan", "info")[0].message
    assert "project.cross_department" in message


# -- 第十条: the catalogue, O&M money, 未批先建 ------------------------------------------------


def test_it_blocks_submission_and_approval_of_a_project_with_an_uncatalogued_system():
    result = run(stage="draft", systems=[system(in_catalog=False)])
    finding = findings(result, "catalog.systems_listed", "block")[0]
    assert set(finding.blocks) == {"submitted", "approved"}
    assert "审批系统" in finding.message
    assert not findings(run(stage="draft"), "catalog.systems_listed")


def test_it_says_which_system_facts_are_unknown():
    result = run(stage="draft", systems=[system(in_catalog=None)])
    info = findings(result, "catalog.systems_listed", "info")[0]
    assert "project.systems[0].in_catalog" in info.message
    assert not blocked(result, "catalog.systems_listed")


def test_it_withholds_om_money_from_an_uncatalogued_system():
    result = run(systems=[system(in_catalog=False)])
    assert result.decision("om_funding") == "withheld"
    assert result.decisions["om_funding"].article == "第十条"
    assert findings(result, "om.catalog", "warn")
    assert run().decision("om_funding") == "eligible"
    assert not findings(run(), "om.catalog")


def test_it_blocks_construction_started_before_approval():
    early = run(stage="construction", construction_started_on=D(2025, 3, 9))
    finding = findings(early, "construction.not_before_approval", "block")[0]
    assert finding.blocks == ("construction",)
    same_day = run(stage="construction", construction_started_on=D(2025, 3, 10))
    assert not findings(same_day, "construction.not_before_approval")


# -- 第十一条 ------------------------------------------------------------------------------


def test_it_warns_about_a_new_platform_system_during_review():
    result = run(stage="preliminary_review", new_platform=True)
    assert findings(result, "platform.no_new")[0].severity == "warn"
    assert not findings(run(stage="preliminary_review"), "platform.no_new")
    assert not findings(run(stage="draft", new_platform=True), "platform.no_new")


def test_it_withholds_om_money_from_an_undocked_system_unless_on_the_negative_list():
    undocked = run(systems=[system(docked=False)])
    assert undocked.decision("om_funding") == "withheld"
    assert findings(undocked, "om.docking", "warn")
    exempt = run(systems=[system(docked=False, negative_list_approved=True)])
    assert not findings(exempt, "om.docking")
    assert exempt.decision("om_funding") == "eligible"


def test_it_requires_the_pre_review_for_a_new_department():
    result = run(
        stage="preliminary_review",
        target="approved",
        unit={"new_department": True},
        pre_reviewed=False,
    )
    finding = findings(result, "approval.pre_review", "block")[0]
    assert finding.blocks == ("approved",)
    assert result.decision("pre_review_required") is True
    passed = run(
        stage="preliminary_review",
        target="approved",
        unit={"new_department": True},
        pre_reviewed=True,
    )
    assert not blocked(passed, "approval.pre_review")
    assert findings(passed, "approval.pre_review", "info")


def test_it_requires_the_pre_review_for_an_unplanned_project():
    early = run(stage="draft", in_application_plan=False)
    assert early.decision("pre_review_required") is True
    assert not blocked(early, "approval.pre_review")
    at_gate = run(stage="preliminary_review", target="approved", in_application_plan=False)
    assert blocked(at_gate, "approval.pre_review")
    planned = run(stage="preliminary_review", target="approved")
    assert planned.decision("pre_review_required") is False
    assert not findings(planned, "approval.pre_review")


def test_it_asks_whether_the_unit_is_new_and_the_project_planned():
    result = run(unit={}, in_application_plan=None)
    message = findings(result, "approval.pre_review", "info")[0].message
    assert "unit.new_department" in message
    assert "project.in_application_plan" in message


def test_it_does_not_approve_a_project_that_cannot_share():
    result = run(stage="preliminary_review", target="approved", shares_data=False)
    assert blocked(result, "approval.interoperable")
    assert not findings(run(stage="preliminary_review"), "approval.interoperable")
    assert not findings(run(stage="draft", shares_data=False), "approval.interoperable")


def test_it_withholds_om_money_from_a_system_that_does_not_share():
    result = run(systems=[system(shares_data=False)])
    assert result.decision("om_funding") == "withheld"
    assert findings(result, "om.sharing", "warn")
    assert not findings(run(), "om.sharing")


def test_it_blocks_a_new_private_network_without_consent():
    result = run(features=["private_network"])
    assert findings(result, "network.private", "block")[0].blocks == ("approved",)
    consented = run(features=["private_network"], private_network_consented=True)
    assert not blocked(consented, "network.private")
    assert findings(consented, "network.private", "info")
    assert not findings(run(features=["big_screen"]), "network.private")


def test_it_keeps_undocked_systems_from_going_online():
    for fact in ("docked", "on_gov_cloud"):
        result = run(stage="acceptance", target="operation", systems=[system(**{fact: False})])
        assert findings(result, "systems.docked_online", "block")[0].blocks == ("operation",)
    exempt = run(
        stage="acceptance",
        target="operation",
        systems=[system(docked=False, on_gov_cloud=False, negative_list_approved=True)],
    )
    assert not findings(exempt, "systems.docked_online")
    assert not findings(run(stage="acceptance", target="operation"), "systems.docked_online")


# -- 第十二条 ------------------------------------------------------------------------------


def test_it_requires_the_government_cloud_services():
    result = run(stage="preliminary_review", target="approved", gov_cloud=False)
    assert blocked(result, "cloud.service_catalogue")
    classified = run(
        stage="preliminary_review", target="approved", gov_cloud=False, classified=True
    )
    assert not findings(classified, "cloud.service_catalogue")
    assert not findings(run(stage="preliminary_review"), "cloud.service_catalogue")


def test_it_blocks_a_duplicate_service_system():
    assert blocked(run(duplicates_existing=True), "approval.no_duplicate")
    assert not findings(run(), "approval.no_duplicate")


# -- 第十三条 ------------------------------------------------------------------------------


def test_it_approves_only_after_the_government_agreed():
    waiting = run(
        stage="preliminary_review", target="approved", government_agreed_on=None, approved_on=None
    )
    assert findings(waiting, "approval.government_agreed", "block")[0].blocks == ("approved",)
    agreed = run(stage="preliminary_review", target="approved", approved_on=None)
    assert not findings(agreed, "approval.government_agreed")
    before = run(stage="approved", government_agreed_on=D(2025, 3, 11))
    assert blocked(before, "approval.government_agreed")
    same_day = run(stage="approved", government_agreed_on=D(2025, 3, 10))
    assert not findings(same_day, "approval.government_agreed")
    assert not findings(run(stage="draft", government_agreed_on=None), "approval.government_agreed")


# -- 第十五条 ------------------------------------------------------------------------------


def _contract(**overrides: Any) -> dict[str, Any]:
    contract = dict(clean()["contract"])
    contract.update(overrides)
    return contract


def test_it_requires_market_competition_for_a_complex_project():
    single = run(
        stage="procurement",
        target="contracted",
        contract=_contract(procurement_method="single_source"),
    )
    assert findings(single, "procurement.competition", "block")[0].blocks == ("contracted",)
    by_itself = run(
        stage="procurement", target="contracted", contract=_contract(procurement_method="self")
    )
    message = findings(by_itself, "procurement.competition", "block")[0].message
    assert "self-raised" not in message
    assert "自筹" not in message
    simple = run(
        stage="procurement",
        target="contracted",
        complex_project=False,
        contract=_contract(procurement_method="single_source"),
    )
    assert not findings(simple, "procurement.competition")
    for method in ("public_tender", "competitive_consultation", "inquiry"):
        fair = run(
            stage="procurement",
            target="contracted",
            contract=_contract(procurement_method=method),
        )
        assert not findings(fair, "procurement.competition")


def test_it_requires_the_unit_and_the_vendor_to_sign():
    result = run(stage="procurement", target="contracted", contract=_contract(parties=["unit"]))
    assert blocked(result, "contract.parties")
    assert not findings(run(stage="procurement", target="contracted"), "contract.parties")


def test_it_dates_the_contract_filing_five_working_days_after_signing_across_holidays():
    # Signed Wed 23 Sep 2026: 24 Sep, 28-30 Sep, 8 Oct (25-27 Sep and 1-7 Oct are holidays).
    signed = D(2026, 9, 23)
    on_time = run(contract=_contract(signed_on=signed, filed_on=D(2026, 10, 8)))
    assert obligation(on_time, "contract_filing").due == D(2026, 10, 8)
    assert obligation(on_time, "contract_filing").rule == "contract.filing"
    assert obligation(on_time, "contract_filing").status == "met"
    late = run(contract=_contract(signed_on=signed, filed_on=D(2026, 10, 9)))
    assert obligation(late, "contract_filing").status == "overdue"
    pending = run(contract=_contract(signed_on=signed, filed_on=None), as_of=D(2026, 10, 8))
    assert obligation(pending, "contract_filing").status == "pending"
    overdue = run(contract=_contract(signed_on=signed, filed_on=None), as_of=D(2026, 10, 9))
    assert obligation(overdue, "contract_filing").status == "overdue"


def test_it_counts_the_make_up_sunday_as_a_working_day():
    # Signed Fri 18 Sep 2026: Sun 20 Sep is a working day, so the fifth is Thu 24 Sep.
    result = run(contract=_contract(signed_on=D(2026, 9, 18), filed_on=None))
    assert obligation(result, "contract_filing").due == D(2026, 9, 24)


def test_it_requires_a_supervisor_for_every_project():
    result = run(stage="contracted", target="construction", supervision=False, investment=1)
    assert findings(result, "supervision.engaged", "block")[0].blocks == ("construction",)
    assert result.decision("supervision_required") is True
    assert run(investment=0).decision("supervision_required") is True
    assert not blocked(run(stage="contracted", target="construction"), "supervision.engaged")


def test_it_warns_when_the_supervisor_is_not_filed():
    assert findings(run(supervision_filed_on=None), "supervision.filed", "warn")
    assert not findings(run(), "supervision.filed")


def test_it_requires_the_contract_to_settle_the_ownership_of_the_system():
    result = run(
        stage="procurement", target="contracted", contract=_contract(ip_owned_by_unit=False)
    )
    assert blocked(result, "contract.ownership")
    assert not findings(run(stage="procurement", target="contracted"), "contract.ownership")


def test_it_requires_the_deliverables_before_acceptance():
    result = run(
        stage="construction", target="acceptance", documents=documents_without("source_code")
    )
    assert findings(result, "deliverables.handed_over", "block")[0].blocks == ("acceptance",)
    assert not findings(run(stage="construction", target="acceptance"), "deliverables.handed_over")
    assert not findings(
        run(stage="construction", documents=documents_without("source_code")),
        "deliverables.handed_over",
    )


# -- 第十六条, 第十八条 ----------------------------------------------------------------------


def test_it_refuses_a_mobile_terminal_that_does_not_dock():
    result = run(stage="preliminary_review", target="approved", features=["standalone_app"])
    assert blocked(result, "mobile.docked")
    assert not findings(run(stage="preliminary_review"), "mobile.docked")


def test_it_checks_controllable_products_in_acceptance():
    result = run(stage="acceptance", target="operation", safe_reliable_products=False)
    finding = findings(result, "acceptance.controllable_products", "block")[0]
    assert finding.blocks == ("operation",)
    passed = run(stage="acceptance", target="operation")
    assert not findings(passed, "acceptance.controllable_products")


# -- 第十九条 ------------------------------------------------------------------------------


def test_it_sends_a_significant_change_to_the_competent_department():
    result = run(changes=[{"on": D(2026, 4, 1), "significant": True}])
    assert result.decision("change_route") == "adjustment"
    finding = findings(result, "change.route", "block")[0]
    assert finding.blocks == ("acceptance",)
    assert "2026-04-01" in finding.message
    agreed = run(changes=[{"significant": True, "approved": True}])
    assert agreed.decision("change_route") == "adjustment"
    assert not blocked(agreed, "change.route")


def test_it_leaves_a_minor_change_alone_and_asks_about_an_unknown_one():
    minor = run(changes=[{"significant": False}])
    assert "change_route" not in minor.decisions
    assert not findings(minor, "change.route")
    unknown = run(changes=[{"amount": 1000}])
    assert "project.changes[0].significant" in findings(unknown, "change.route")[0].message


def test_it_blocks_acceptance_for_an_earlier_unagreed_significant_change():
    result = run(
        stage="construction",
        target="acceptance",
        changes=[{"significant": True, "approved": False}, {"significant": False}],
    )
    assert blocked(result, "change.route")
    assert "change_route" not in result.decisions


# -- 第二十条 ------------------------------------------------------------------------------


def test_it_checks_the_resource_catalogue_in_acceptance():
    result = run(stage="acceptance", target="operation", catalog_registered=False)
    assert blocked(result, "acceptance.catalog_registered")
    passed = run(stage="acceptance", target="operation")
    assert not findings(passed, "acceptance.catalog_registered")


def test_it_dates_the_acceptance_filing_thirty_working_days_after_acceptance():
    # Accepted Tue 1 Sep 2026: with Sun 20 Sep and Sat 10 Oct worked, the 30th is Mon 19 Oct.
    accepted = D(2026, 9, 1)
    on_time = run(accepted_on=accepted, acceptance_filed_on=D(2026, 10, 19))
    assert obligation(on_time, "acceptance_filing").due == D(2026, 10, 19)
    assert obligation(on_time, "acceptance_filing").rule == "acceptance.filing"
    assert obligation(on_time, "acceptance_filing").status == "met"
    late = run(accepted_on=accepted, acceptance_filed_on=D(2026, 10, 20))
    assert obligation(late, "acceptance_filing").status == "overdue"


def test_it_dates_no_acceptance_filing_for_a_failed_acceptance():
    result = run(acceptance_passed=False)
    assert not [o for o in result.obligations if o.kind == "acceptance_filing"]


def test_it_dates_the_finance_notice_five_working_days_after_the_filing():
    # Filed Wed 30 Sep 2026: 8, 9, Sat 10, 12, 13 Oct.
    filed = D(2026, 9, 30)
    on_time = run(acceptance_filed_on=filed, finance_notified_on=D(2026, 10, 13))
    assert obligation(on_time, "finance_notice").due == D(2026, 10, 13)
    assert obligation(on_time, "finance_notice").rule == "acceptance.finance_notice"
    assert obligation(on_time, "finance_notice").status == "met"
    late = run(acceptance_filed_on=filed, finance_notified_on=D(2026, 10, 14))
    assert obligation(late, "finance_notice").status == "overdue"
    assert not [o for o in run(acceptance_filed_on=None).obligations if o.kind == "finance_notice"]


def test_it_withholds_money_from_an_accepted_project_that_was_not_filed():
    result = run(acceptance_filed_on=None, finance_notified_on=None)
    assert result.decision("om_funding") == "withheld"
    assert result.decisions["om_funding"].article == "第二十条"
    assert findings(result, "om.acceptance_filed", "warn")
    assert not findings(run(), "om.acceptance_filed", "warn")


# -- 第二十一条 ----------------------------------------------------------------------------


def test_it_dates_the_self_evaluation_after_the_budget_year():
    on_time = run(plan_year=2025, self_evaluated_on=D(2026, 3, 31))
    assert obligation(on_time, "self_evaluation").due == D(2026, 3, 31)
    assert obligation(on_time, "self_evaluation").rule == "evaluation.self"
    assert obligation(on_time, "self_evaluation").status == "met"
    late = run(plan_year=2025, self_evaluated_on=D(2026, 4, 1))
    assert obligation(late, "self_evaluation").status == "overdue"


def test_it_moves_the_self_evaluation_past_a_weekend():
    # 31 March 2024 was a Sunday.
    result = run(plan_year=2023, self_evaluated_on=D(2024, 4, 1))
    assert obligation(result, "self_evaluation").due == D(2024, 4, 1)
    assert obligation(result, "self_evaluation").status == "met"


def test_it_requires_the_self_evaluation_report():
    result = run(
        stage="operation", target="evaluated", documents=documents_without("self_evaluation")
    )
    assert findings(result, "evaluation.report", "block")[0].blocks == ("evaluated",)
    assert not findings(run(stage="operation", target="evaluated"), "evaluation.report")


# -- 第二十二条 ----------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["suspended", "terminated"])
def test_it_pays_nothing_to_a_suspended_or_terminated_project(stage):
    result = run(stage=stage)
    assert result.decision("om_funding") == "withheld"
    assert result.decisions["om_funding"].article == "第二十二条"


def test_it_pays_a_project_that_is_not_suspended():
    result = run(stage="construction")
    assert not findings(result, "funding.suspended")


# -- 第二十四条 ----------------------------------------------------------------------------


def test_it_migrates_non_classified_systems_to_the_government_cloud():
    result = run(stage="acceptance", target="operation", systems=[system(on_gov_cloud=False)])
    assert blocked(result, "cloud.migration")
    classified = run(
        stage="acceptance",
        target="operation",
        classified=True,
        systems=[system(on_gov_cloud=False)],
    )
    assert not findings(classified, "cloud.migration")
    assert not findings(run(stage="acceptance", target="operation"), "cloud.migration")


# -- 第三十一条 ----------------------------------------------------------------------------


def test_it_requires_the_crypto_plan_in_the_application():
    result = run(stage="draft", documents=documents_without("crypto_plan"))
    assert findings(result, "security.crypto_planned", "block")[0].blocks == ("submitted",)
    assert not findings(run(stage="draft"), "security.crypto_planned")


def test_it_requires_the_risk_assessment_before_operation():
    result = run(
        stage="acceptance", target="operation", documents=documents_without("risk_assessment")
    )
    assert blocked(result, "security.risk_assessment")
    assert not findings(run(stage="acceptance", target="operation"), "security.risk_assessment")


def test_it_requires_graded_protection_and_cryptography():
    for fact in ("security_compliant", "crypto_compliant"):
        result = run(stage="acceptance", target="operation", systems=[system(**{fact: False})])
        assert blocked(result, "security.grading_and_crypto")
    passed = run(stage="acceptance", target="operation")
    assert not findings(passed, "security.grading_and_crypto")


# -- 第三十二条 ----------------------------------------------------------------------------


def test_it_requires_the_emergency_plan_before_operation():
    result = run(
        stage="acceptance", target="operation", documents=documents_without("emergency_plan")
    )
    assert blocked(result, "security.emergency_plan")
    assert not findings(run(stage="acceptance", target="operation"), "security.emergency_plan")


def test_it_dates_the_next_emergency_drill_from_the_last_one():
    result = run(operation_started_on=D(2025, 6, 1), drills=[D(2025, 12, 1)])
    drill = obligation(result, "emergency_drill")
    assert (drill.due, drill.status, drill.rule) == (D(2026, 12, 1), "pending", "security.drills")


def test_it_finds_an_emergency_drill_overdue_a_day_after_the_period():
    due_today = run(operation_started_on=D(2025, 11, 24), drills=[], as_of=D(2026, 11, 24))
    assert obligation(due_today, "emergency_drill").status == "pending"
    a_day_late = run(operation_started_on=D(2025, 11, 24), drills=[], as_of=D(2026, 11, 25))
    assert obligation(a_day_late, "emergency_drill").status == "overdue"


def test_it_dates_no_drill_before_operation():
    result = run(operation_started_on=None)
    assert not [o for o in result.obligations if o.kind == "emergency_drill"]


def test_it_warns_about_an_incomplete_incident_record():
    result = run(
        incidents=[
            {"occurred_on": D(2026, 5, 3), "symptoms": "页面篡改", "handling": "已恢复"},
        ]
    )
    warning = findings(result, "security.incidents", "warn")[0]
    assert "report" in warning.message or "报告" in warning.message
    complete = run(
        incidents=[
            {
                "occurred_on": D(2026, 5, 3),
                "symptoms": "页面篡改",
                "handling": "已恢复",
                "reported_on": D(2026, 5, 3),
            }
        ]
    )
    assert not findings(complete, "security.incidents")


def test_it_has_a_test_for_every_rule_entry():
    text = Path(__file__).read_text(encoding="utf-8")
    untested = [e.id for e in loader.get(RULEBOOK).spec.rules if f'"{e.id}"' not in text]
    assert untested == []
