"""The Harbin rulebook: each rule entry fires at its boundary and stays quiet on the other side."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from govit.core.calendar import PURE_CALENDAR
from govit.policy import loader
from govit.policy.articles import article_label
from govit.policy.engine.evaluate import evaluate
from govit.policy.engine.results import CheckResult
from govit.policy.engine.snapshot import Snapshot
from govit.policy.tests.helpers import TODAY, D, blocked, check, doc, findings, obligation

H = "harbin"


def harbin(**facts: Any) -> CheckResult:
    return check(H, **facts)


def with_params(entry_id: str, as_of: Any = TODAY, **project: Any) -> Any:
    """Evaluate one entry with changed params (for parameters the deployment sets)."""

    def run(**params: Any) -> CheckResult:
        rulebook = loader.get(H)
        entry = next(e for e in rulebook.entries if e.id == entry_id)
        model = type(entry.params)
        changed = dataclasses.replace(
            entry, params=model.model_validate({**entry.params.model_dump(), **params})
        )
        project.setdefault("name", "测试项目")
        snapshot = Snapshot.model_validate({"as_of": as_of, "project": project})
        return evaluate(snapshot, rulebook_id=H, entries=[changed], calendar=PURE_CALENDAR)

    return run


def system(**facts: Any) -> dict[str, Any]:
    return {"name": "审批系统", **facts}


# -- scope: 第二条, 第三十七条 -------------------------------------------------------------------


def test_it_leaves_county_projects_out_of_scope():
    result = harbin(level="county")
    assert result.decision("in_scope") is False
    assert findings(result, "scope.city_construction", "info")


def test_it_keeps_city_construction_projects_in_scope():
    result = harbin(level="city", kind="new")
    assert "in_scope" not in result.decisions
    assert not findings(result, "scope.city_construction")


def test_it_leaves_om_projects_out_of_scope():
    assert harbin(level="city", kind="om").decision("in_scope") is False


def test_it_says_the_covered_funds_are_left_to_the_deployment():
    result = harbin(funding_sources=["fiscal"])
    assert findings(result, "scope.city_construction", "info")
    assert "in_scope" not in result.decisions
    assert not findings(harbin(), "scope.city_construction")


def test_it_applies_the_funds_the_deployment_configures():
    outside = with_params("scope.city_construction", funding_sources=["soe"])
    assert outside(funding_sources=["fiscal"]).decision("in_scope") is False
    inside = with_params("scope.city_construction", funding_sources=["fiscal", "self"])
    assert "in_scope" not in inside(funding_sources=["fiscal"]).decisions


def test_it_leaves_pure_office_software_consulting_testing_and_om_purchases_out():
    items = [
        {"name": "办公电脑", "category": "office_pc", "amount": 1},
        {"name": "成品软件", "category": "packaged_software", "amount": 1},
        {"name": "咨询", "category": "consulting", "amount": 1},
        {"name": "测评", "category": "testing", "amount": 1},
        {"name": "运维", "category": "om", "amount": 1},
    ]
    result = harbin(budget_items=items)
    assert result.decision("in_scope") is False
    mixed = harbin(budget_items=[*items, {"name": "开发", "category": "software", "amount": 1}])
    assert "in_scope" not in mixed.decisions


# -- 第七条 ------------------------------------------------------------------------------------


def test_it_warns_against_buying_commercial_map_data():
    result = harbin(features=["commercial_map_data"])
    assert [f.severity for f in findings(result, "unified.no_commercial_map")] == ["warn"]
    assert not findings(harbin(features=[]), "unified.no_commercial_map")


def test_it_refuses_a_standalone_app_outside_e_bingcheng():
    result = harbin(features=["standalone_app"], stage="draft", target="submitted")
    assert blocked(result, "unified.mobile_on_ebingcheng")
    assert result.blocking("submitted")
    assert not findings(harbin(features=["big_screen"]), "unified.mobile_on_ebingcheng")


def test_it_requires_approval_systems_to_dock_with_the_service_platform():
    undocked = harbin(
        stage="acceptance", target="operation", systems=[system(approval_system=True, docked=False)]
    )
    finding = findings(undocked, "unified.approval_systems_docked", "block")[0]
    assert finding.blocks == ("operation",)
    docked = harbin(
        stage="acceptance", target="operation", systems=[system(approval_system=True, docked=True)]
    )
    assert not findings(docked, "unified.approval_systems_docked")
    other = harbin(stage="acceptance", systems=[system(approval_system=False, docked=False)])
    assert not findings(other, "unified.approval_systems_docked")


def test_it_asks_whether_an_undocked_system_handles_approvals():
    result = harbin(stage="acceptance", systems=[system(docked=False)])
    finding = findings(result, "unified.approval_systems_docked")[0]
    assert finding.severity == "info"
    assert "project.systems[0].approval_system" in finding.message


def test_it_waits_for_acceptance_before_checking_docking():
    result = harbin(stage="construction", systems=[system(approval_system=True, docked=False)])
    assert not findings(result, "unified.approval_systems_docked")


def test_it_warns_when_a_project_is_not_on_the_government_cloud():
    assert [f.severity for f in findings(harbin(gov_cloud=False), "unified.gov_cloud")] == ["warn"]
    assert not findings(harbin(gov_cloud=True), "unified.gov_cloud")
    assert not findings(harbin(gov_cloud=False, classified=True), "unified.gov_cloud")


# -- 申报: 第十条, 第十二条 --------------------------------------------------------------------


def test_it_dates_the_application_by_the_end_of_july_of_the_year_before():
    on_time = harbin(plan_year=2027, submitted_on=D(2026, 7, 31))
    assert obligation(on_time, "application").due == D(2026, 7, 31)
    assert obligation(on_time, "application").status == "met"
    late = harbin(plan_year=2027, submitted_on=D(2026, 8, 1))
    assert obligation(late, "application").status == "overdue"
    assert not blocked(late, "application.july_call")
    waiting = harbin(plan_year=2027, as_of=D(2026, 7, 31))
    assert obligation(waiting, "application").status == "pending"
    missed = harbin(plan_year=2027, as_of=D(2026, 8, 1))
    assert obligation(missed, "application").status == "overdue"


def test_it_needs_the_construction_plan_to_submit():
    result = harbin(stage="draft", target="submitted")
    assert blocked(result, "application.plan_document")
    ready = harbin(stage="draft", target="submitted", documents=[doc("implementation_plan")])
    assert not findings(ready, "application.plan_document")


def test_it_warns_when_a_unit_applies_for_more_projects_than_it_has_budget_units():
    at_quota = harbin(unit={"budget_unit_count": 3, "applications_this_cycle": 3})
    assert not findings(at_quota, "application.quota")
    over = harbin(unit={"budget_unit_count": 3, "applications_this_cycle": 4})
    assert [f.severity for f in findings(over, "application.quota")] == ["warn"]


def test_it_warns_about_duplicate_construction():
    assert findings(harbin(duplicates_existing=True), "application.no_duplicate", "warn")
    assert not findings(harbin(duplicates_existing=False), "application.no_duplicate")


# -- 年度计划与审批: 第十七条 to 第二十条, 第三十条 -------------------------------------------


def test_it_needs_the_ex_ante_assessment_to_enter_the_plan():
    result = harbin(stage="preliminary_review", target="planned")
    assert blocked(result, "plan.ex_ante_assessment")
    ready = harbin(
        stage="preliminary_review", target="planned", documents=[doc("ex_ante_assessment")]
    )
    assert not findings(ready, "plan.ex_ante_assessment")
    assert not findings(harbin(stage="submitted"), "plan.ex_ante_assessment")


def test_it_warns_before_approving_a_project_outside_the_plan():
    result = harbin(stage="planned", target="approved", in_annual_plan=False)
    assert [f.severity for f in findings(result, "plan.required")] == ["warn"]
    assert all(f.rule != "plan.required" for f in result.blocking("approved"))
    planned = harbin(stage="planned", target="approved", in_annual_plan=True)
    assert not findings(planned, "plan.required")


def test_it_routes_an_unplanned_emergency_to_the_government():
    result = harbin(stage="planned", target="approved", in_annual_plan=False, emergency=True)
    assert result.decision("approval_route") == "government_approval"
    assert result.decisions["approval_route"].article == "第十七条"
    ordinary = harbin(stage="planned", target="approved", in_annual_plan=True, emergency=True)
    assert ordinary.decision("approval_route") == "approval"


def test_it_refuses_construction_before_approval():
    early = harbin(approved_on=D(2026, 5, 11), construction_started_on=D(2026, 5, 10))
    finding = findings(early, "plan.no_construction_before_approval", "block")[0]
    assert "construction" in finding.blocks
    same_day = harbin(approved_on=D(2026, 5, 11), construction_started_on=D(2026, 5, 11))
    assert not findings(same_day, "plan.no_construction_before_approval")
    unapproved = harbin(construction_started_on=D(2026, 5, 11))
    assert blocked(unapproved, "plan.no_construction_before_approval")


def test_every_project_takes_the_approval_route():
    result = harbin()
    assert result.decision("approval_route") == "approval"
    assert result.decisions["approval_route"].article == "第十八条"


def test_it_needs_the_provincial_platform_code_for_new_projects():
    result = harbin(stage="planned", target="approved", kind="new")
    assert blocked(result, "approval.investment_code")
    coded = harbin(
        stage="planned", target="approved", kind="new", investment_code="2026-230100-65-01-000123"
    )
    assert not findings(coded, "approval.investment_code")
    classified = harbin(stage="planned", target="approved", kind="new", classified=True)
    assert not findings(classified, "approval.investment_code")
    upgrade = harbin(stage="planned", target="approved", kind="upgrade")
    assert not findings(upgrade, "approval.investment_code")


def test_a_project_approved_by_superior_authorities_counts_as_ready_for_review():
    result = harbin(superior_approved=True)
    assert result.decision("review_ready") is True
    assert result.decisions["review_ready"].article == "第二十条"
    assert "review_ready" not in harbin(superior_approved=False).decisions


@pytest.mark.parametrize(
    ("facts", "route"),
    [
        ({"emergency": True, "simple": False}, "merged"),
        ({"emergency": False, "simple": True}, "merged"),
        ({"emergency": False, "simple": False}, "separate"),
        ({"emergency": False, "simple": False, "superior_approved": True}, "separate"),
    ],
)
def test_it_merges_the_design_review_for_urgent_or_simple_projects(facts, route):
    assert harbin(**facts).decision("design_review") == route


SEPARATE_READY = [doc("preliminary_design"), doc("assessment_report")]


def test_the_review_reply_needs_the_approved_study_the_design_and_the_assessment():
    gate = {"stage": "planned", "target": "approved", "emergency": False, "simple": False}
    bare = harbin(**gate, documents=[doc("feasibility_study")])
    assert blocked(bare, "review.ready")
    unapproved = harbin(**gate, documents=[doc("feasibility_study"), *SEPARATE_READY])
    assert blocked(unapproved, "review.ready")
    ready = harbin(**gate, documents=[doc("feasibility_study", approved=True), *SEPARATE_READY])
    assert not findings(ready, "review.ready")


def test_superior_approval_stands_in_for_the_feasibility_approval():
    gate = {"stage": "planned", "target": "approved", "emergency": False, "simple": False}
    result = harbin(**gate, superior_approved=True, documents=SEPARATE_READY)
    assert not findings(result, "review.ready")


def test_a_merged_review_only_needs_the_feasibility_study():
    gate = {"stage": "planned", "target": "approved", "simple": True}
    assert not findings(harbin(**gate, documents=[doc("feasibility_study")]), "review.ready")
    assert blocked(harbin(**gate, documents=[]), "review.ready")


def test_the_review_reply_is_due_within_15_working_days_across_the_holidays():
    # 11 Sep 2026 (Fri) + 15 working days: the make-up Sunday 20 Sep counts, Mid-autumn and
    # National Day do not, so the 15th working day is Fri 9 Oct.
    on_time = harbin(review_submitted_on=D(2026, 9, 11), review_replied_on=D(2026, 10, 9))
    assert obligation(on_time, "review_reply").due == D(2026, 10, 9)
    assert obligation(on_time, "review_reply").status == "met"
    late = harbin(review_submitted_on=D(2026, 9, 11), review_replied_on=D(2026, 10, 10))
    assert obligation(late, "review_reply").status == "overdue"
    assert all(o.kind != "review_reply" for o in harbin().obligations)


# -- 采购与合同: 第二十三条 ---------------------------------------------------------------------


def test_it_leaves_the_procurement_threshold_to_the_deployment():
    result = harbin(contract={"procurement_method": "competitive_negotiation", "amount": 5000000})
    assert [f.severity for f in findings(result, "procurement.public_tender")] == ["info"]
    assert not findings(harbin(), "procurement.public_tender")


@pytest.mark.parametrize(
    ("amount", "warned"),
    [("1999999.99", False), ("2000000", True), ("2000000.01", True)],
)
def test_a_configured_threshold_expects_public_tender(amount, warned):
    run = with_params(
        "procurement.public_tender",
        contract={"procurement_method": "competitive_negotiation", "amount": amount},
    )
    result = run(threshold=Decimal(2000000))
    assert bool(findings(result, "procurement.public_tender", "warn")) is warned


def test_the_contract_gives_the_unit_the_intellectual_property():
    gate = {"stage": "procurement", "target": "contracted"}
    result = harbin(**gate, contract={"ip_owned_by_unit": False})
    assert "contracted" in findings(result, "contract.intellectual_property", "block")[0].blocks
    assert not findings(
        harbin(**gate, contract={"ip_owned_by_unit": True}), "contract.intellectual_property"
    )


# -- 安全: 第二十六条 -----------------------------------------------------------------------------


def test_acceptance_needs_safe_products_and_a_risk_assessment():
    gate = {"stage": "construction", "target": "acceptance"}
    assert blocked(harbin(**gate), "security.products_and_assessment")
    in_acceptance = harbin(stage="acceptance", target="operation")
    finding = findings(in_acceptance, "security.products_and_assessment", "block")[0]
    assert finding in in_acceptance.blocking("operation")
    ready = harbin(**gate, safe_reliable_products=True, documents=[doc("risk_assessment")])
    assert not findings(ready, "security.products_and_assessment")


def test_a_system_without_level_protection_does_not_go_into_operation():
    gate = {"stage": "acceptance", "target": "operation"}
    failing = harbin(**gate, systems=[system(security_compliant=False)])
    assert "operation" in findings(failing, "security.level_protection", "block")[0].blocks
    passing = harbin(**gate, systems=[system(security_compliant=True)])
    assert not findings(passing, "security.level_protection")


def test_it_warns_about_systems_without_commercial_cryptography():
    gate = {"stage": "acceptance", "target": "operation"}
    failing = harbin(**gate, systems=[system(crypto_compliant=False)])
    assert [f.severity for f in findings(failing, "security.commercial_crypto")] == ["warn"]
    passing = harbin(**gate, systems=[system(crypto_compliant=True)])
    assert not findings(passing, "security.commercial_crypto")


# -- 验收: 第二十七条, 第二十九条 -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "required"),
    [("999999.99", False), ("1000000", True), ("1000000.01", True)],
)
def test_a_contract_of_a_million_or_more_needs_a_third_party_test(amount, required):
    result = harbin(stage="acceptance", target="operation", contract={"amount": amount})
    assert result.decision("third_party_acceptance_test") is required
    assert blocked(result, "acceptance.third_party_test") is required
    if required:
        assert result.blocking("operation")


def test_a_third_party_test_report_clears_the_acceptance():
    result = harbin(
        stage="acceptance",
        target="operation",
        contract={"amount": 1000000},
        documents=[doc("test_report")],
    )
    assert result.decision("third_party_acceptance_test") is True
    assert not blocked(result, "acceptance.third_party_test")


def test_a_failed_acceptance_keeps_the_project_out_of_operation():
    failed = harbin(stage="acceptance", target="operation", acceptance_passed=False)
    assert "operation" in findings(failed, "acceptance.passed_for_operation", "block")[0].blocks
    passed = harbin(stage="acceptance", target="operation", acceptance_passed=True)
    assert not findings(passed, "acceptance.passed_for_operation")


def test_a_failed_acceptance_needs_a_rectification_deadline():
    failed = harbin(accepted_on=D(2026, 9, 1), acceptance_passed=False)
    assert findings(failed, "acceptance.rectification_deadline", "warn")
    passed = harbin(accepted_on=D(2026, 9, 1), acceptance_passed=True)
    assert not findings(passed, "acceptance.rectification_deadline")
    assert all(o.kind != "rectification" for o in passed.obligations)


def test_a_rectification_deadline_on_a_holiday_moves_to_the_next_working_day():
    facts = {
        "accepted_on": D(2026, 9, 1),
        "acceptance_passed": False,
        "rectification_due_on": D(2026, 10, 3),
    }
    met = harbin(**facts, rectified_on=D(2026, 10, 8))
    assert obligation(met, "rectification").due == D(2026, 10, 8)
    assert obligation(met, "rectification").status == "met"
    late = harbin(**facts, rectified_on=D(2026, 10, 9))
    assert obligation(late, "rectification").status == "overdue"


def test_no_remaining_payment_before_the_project_passes_acceptance():
    paid = harbin(remaining_payment_made=True, acceptance_passed=False)
    assert blocked(paid, "payment.remaining_after_acceptance")
    after = harbin(remaining_payment_made=True, acceptance_passed=True)
    assert not findings(after, "payment.remaining_after_acceptance")


# -- 绩效: 第三十条 -------------------------------------------------------------------------------

LIVE = {
    "accepted_on": D(2025, 9, 20),
    "acceptance_passed": True,
    "operation_started_on": D(2025, 10, 1),
}


def test_the_self_evaluation_is_due_12_months_after_going_live():
    # 1 Oct 2026 is National Day: the period ends on the next working day, 8 Oct.
    met = harbin(**LIVE, self_evaluated_on=D(2026, 10, 8))
    assert obligation(met, "self_evaluation").due == D(2026, 10, 8)
    assert obligation(met, "self_evaluation").status == "met"
    late = harbin(**LIVE, self_evaluated_on=D(2026, 10, 9))
    assert obligation(late, "self_evaluation").status == "overdue"


def test_a_self_evaluation_before_six_months_is_too_early():
    early = harbin(**LIVE, self_evaluated_on=D(2026, 3, 31))
    assert findings(early, "evaluation.self_window", "warn")
    opening = harbin(**LIVE, self_evaluated_on=D(2026, 4, 1))
    assert not findings(opening, "evaluation.self_window")


def test_the_window_counts_from_the_later_of_acceptance_and_going_live():
    result = harbin(
        accepted_on=D(2025, 10, 9), acceptance_passed=True, operation_started_on=D(2025, 6, 1)
    )
    assert obligation(result, "self_evaluation").due == D(2026, 10, 9)


def test_there_is_no_self_evaluation_duty_before_acceptance_passes():
    result = harbin(**{**LIVE, "acceptance_passed": False})
    assert all(o.kind != "self_evaluation" for o in result.obligations)


def test_the_evaluated_state_needs_the_self_evaluation_report():
    gate = {"stage": "operation", "target": "evaluated"}
    assert blocked(harbin(**gate), "evaluation.self_report")
    ready = harbin(**gate, documents=[doc("self_evaluation")])
    assert not findings(ready, "evaluation.self_report")


def test_the_post_evaluation_follows_the_self_evaluation():
    before = harbin(self_evaluated_on=D(2026, 6, 2), post_evaluated_on=D(2026, 6, 1))
    assert findings(before, "evaluation.post_after_self", "warn")
    alone = harbin(post_evaluated_on=D(2026, 6, 1))
    assert findings(alone, "evaluation.post_after_self", "warn")
    after = harbin(self_evaluated_on=D(2026, 6, 1), post_evaluated_on=D(2026, 6, 1))
    assert not findings(after, "evaluation.post_after_self")


# -- 运维经费: 第三十五条 -------------------------------------------------------------------------

GOOD_SYSTEM = system(
    shares_data=True,
    duplicate_collection=False,
    in_data_catalog=True,
    security_compliant=True,
    crypto_compliant=True,
    major_hazard=False,
)


def test_a_system_that_does_not_share_data_gets_no_om_funding():
    failing = harbin(systems=[{**GOOD_SYSTEM, "shares_data": False}])
    assert failing.decision("om_funding") == "withheld"
    assert failing.decisions["om_funding"].article == "第三十五条"
    assert harbin(systems=[GOOD_SYSTEM]).decision("om_funding") == "eligible"


def test_a_unit_with_a_failing_system_may_not_build_new_systems():
    failing = harbin(kind="new", unit={"noncompliant_systems": ["旧审批系统"]}, target="submitted")
    assert blocked(failing, "funding.no_new_systems")
    assert failing.blocking("submitted")
    clean = harbin(kind="expansion", unit={"noncompliant_systems": []})
    assert not findings(clean, "funding.no_new_systems")
    om = harbin(kind="om", unit={"noncompliant_systems": ["旧审批系统"]})
    assert not findings(om, "funding.no_new_systems")
    unknown = harbin(kind="upgrade")
    assert findings(unknown, "funding.no_new_systems", "info")


# -- the state graph and coverage -----------------------------------------------------------

HAPPY_PATH = [
    "submit",
    "start_review",
    "include_in_plan",
    "approve",
    "start_procurement",
    "sign_contract",
    "start_construction",
    "apply_acceptance",
    "pass_acceptance",
    "evaluate",
    "archive",
]

COMPLETE = {
    "level": "city",
    "kind": "new",
    "plan_year": 2026,
    "in_annual_plan": True,
    "emergency": False,
    "simple": False,
    "features": [],
    "gov_cloud": True,
    "investment_code": "2025-230100-65-01-000123",
    "safe_reliable_products": True,
    "acceptance_passed": True,
    "contract": {"amount": 3000000, "ip_owned_by_unit": True},
    "documents": [
        doc("implementation_plan"),
        doc("ex_ante_assessment"),
        doc("feasibility_study", approved=True),
        doc("preliminary_design"),
        doc("assessment_report"),
        doc("risk_assessment"),
        doc("test_report"),
        doc("self_evaluation"),
    ],
    "systems": [{**GOOD_SYSTEM, "approval_system": True, "docked": True}],
}


def test_it_walks_the_happy_path_without_a_block():
    rulebook = loader.get(H)
    state = rulebook.spec.initial
    for name in HAPPY_PATH:
        transition = rulebook.transition(state, name)
        assert transition is not None, f"{name} is not open from {state}"
        result = harbin(
            **COMPLETE,
            stage=state,
            target=transition.to,
            transition=name,
            unit={"noncompliant_systems": []},
        )
        assert result.blocking(transition.to) == [], (name, result.blocking(transition.to))
        state = transition.to
    assert state == "archived"


def test_a_failed_acceptance_goes_round_rectification():
    rulebook = loader.get(H)
    assert rulebook.transition("acceptance", "fail_acceptance").to == "rectification"
    assert rulebook.transition("rectification", "reapply_acceptance").to == "acceptance"


def test_an_unplanned_project_reaches_the_plan_only_through_the_government():
    transition = loader.get(H).transition("preliminary_review", "approve_unplanned")
    assert transition is not None
    assert transition.roles == ["government"]
    assert transition.article == "第十七条"


def test_every_article_appears_in_rules_manual_or_transitions():
    rulebook = loader.get(H)
    spec = rulebook.spec
    cited = (
        {entry.article for entry in spec.rules}
        | {entry.article for entry in spec.manual}
        | {t.article for t in spec.transitions if t.article}
    )
    expected = {article_label(n) for n in rulebook.regulation.numbers()}
    assert expected - cited == set()
    assert len(expected) == 32  # 第十三条–第十五条, 第二十四条, 第二十八条 are missing


@pytest.mark.parametrize(
    "article",
    [
        "第七条",
        "第十条",
        "第十二条",
        "第十七条",
        "第十八条",
        "第十九条",
        "第二十条",
        "第二十三条",
        "第二十六条",
        "第二十七条",
        "第二十九条",
        "第三十条",
        "第三十五条",
        "第三十七条",
    ],
)
def test_the_articles_the_issue_names_are_rules(article):
    assert article in {entry.article for entry in loader.get(H).spec.rules}


def test_it_makes_no_supervision_decision():
    result = harbin(investment=50000000, contract={"amount": 50000000})
    assert "supervision_required" not in result.decisions
