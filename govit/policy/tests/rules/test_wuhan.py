"""The Wuhan rulebook (武汉市政务信息化项目建设管理办法): every rule entry, at its boundaries."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from govit.core.calendar import add_months
from govit.policy import loader
from govit.policy.articles import parse_article_ref
from govit.policy.engine.results import CheckResult
from govit.policy.tests.helpers import D, blocked, check, doc, findings, obligation

RB = "wuhan"

APPROVAL_DOCUMENTS = [
    "proposal",
    "feasibility_study",
    "preliminary_design",
    "sharing_chapter",
    "crypto_plan",
    "assessment_report",
    "safe_reliable_statement",
]
ACCEPTANCE_DOCUMENTS = ["risk_assessment", "crypto_assessment", "audit_report"]


def docs(*kinds: str) -> list[dict[str, Any]]:
    return [doc(kind) for kind in kinds]


def complete(**facts: Any) -> dict[str, Any]:
    """A 100万 project in the plan with everything the rules ask for."""
    project: dict[str, Any] = {
        "investment": Decimal("1000000"),
        "in_annual_plan": True,
        "features": [],
        "gov_cloud": True,
        "documents": docs(*APPROVAL_DOCUMENTS, *ACCEPTANCE_DOCUMENTS),
        "completed_on": D(2026, 6, 30),
        "platform_docked": True,
        "acceptance_confirmed": True,
        "safe_reliable_products": True,
        "acceptance_passed": True,
    }
    project.update(facts)
    return project


def route(result: CheckResult) -> Any:
    return result.decision("approval_route")


def at_gate(transition: str, **facts: Any) -> CheckResult:
    """Evaluate the step ``transition`` from its first source state."""
    step = next(t for t in loader.get(RB).spec.transitions if t.name == transition)
    facts.setdefault("stage", step.source[0])
    return check(RB, target=step.to, transition=transition, **facts)


# -- 第二条, 第三条, 第二十八条: scope ------------------------------------------------------


def test_it_leaves_projects_of_state_owned_enterprises_out_of_scope():
    result = check(RB, unit={"kind": "soe"})
    assert findings(result, "scope.unit", "info")
    assert result.decision("in_scope") is False


def test_it_keeps_projects_of_party_and_government_bodies_in_scope():
    for kind in ("party_government", "institution"):
        result = check(RB, unit={"kind": kind})
        assert not findings(result, "scope.unit")
        assert result.decision("in_scope") is None


def test_it_leaves_office_equipment_and_building_intelligence_out_of_scope():
    items = [
        {"name": "办公电脑", "category": "office_pc", "amount": "200000"},
        {"name": "会议室视频系统", "category": "office_building_it", "amount": "300000"},
    ]
    result = check(RB, budget_items=items)
    assert findings(result, "scope.office_and_building", "info")
    assert result.decision("in_scope") is False


def test_it_keeps_a_project_with_a_governed_item_in_scope():
    items = [
        {"name": "办公电脑", "category": "office_pc", "amount": "200000"},
        {"name": "业务系统开发", "category": "software", "amount": "300000"},
    ]
    result = check(RB, budget_items=items)
    assert not findings(result, "scope.office_and_building")
    assert result.decision("in_scope") is None


def test_it_sends_a_classified_project_to_the_secrecy_law():
    assert findings(check(RB, classified=True), "scope.classified", "info")
    assert not findings(check(RB, classified=False), "scope.classified")


# -- 第七条: the annual plan ----------------------------------------------------------------


def test_it_refuses_approval_and_filing_outside_the_annual_plan():
    for transition in ("approve", "file"):
        result = at_gate(transition, in_annual_plan=False, investment=Decimal("1000000"))
        assert blocked(result, "plan.required")
    result = at_gate("file", in_annual_plan=False, investment=Decimal("100000"))
    assert result.blocking("filed")


def test_it_lets_a_planned_project_be_approved():
    assert not findings(at_gate("approve", in_annual_plan=True), "plan.required")


def test_it_asks_whether_the_project_is_in_the_plan():
    result = at_gate("approve")
    assert findings(result, "plan.required", "info")
    assert not blocked(result, "plan.required")


def test_an_urgent_project_is_first_added_to_the_plan_and_keeps_its_route():
    result = at_gate("file", in_annual_plan=False, emergency=True, investment=Decimal("100000"))
    assert blocked(result, "plan.required")
    assert route(result) == "filing"


def test_the_plan_is_not_checked_before_the_approval_step():
    result = check(RB, stage="submitted", in_annual_plan=False)
    assert not findings(result, "plan.required")


# -- 第八条, 第十五条, 第九条: the route ----------------------------------------------------


@pytest.mark.parametrize(
    ("investment", "expected"),
    [("499999.99", "filing"), ("500000", "approval"), ("500000.01", "approval")],
)
def test_it_routes_at_fifty_wan_inclusive(investment, expected):
    result = check(RB, investment=Decimal(investment))
    assert route(result) == expected
    assert result.decisions["approval_route"].article == "第八条"


def test_it_cannot_route_without_the_investment():
    result = check(RB)
    assert findings(result, "route.amount", "info")
    assert route(result) is None


@pytest.mark.parametrize(
    ("investment", "expected"),
    [
        ("29999999.99", "approval"),
        ("30000000", "government_approval"),
        ("30000000.01", "government_approval"),
    ],
)
def test_it_sends_three_thousand_wan_and_more_to_the_government(investment, expected):
    result = check(RB, investment=Decimal(investment))
    assert route(result) == expected
    assert bool(findings(result, "route.government")) is (expected == "government_approval")


def test_the_approved_estimate_decides_the_government_route():
    by_estimate = check(RB, investment=Decimal("29000000"), approved_estimate=Decimal("30000000"))
    assert route(by_estimate) == "government_approval"
    assert by_estimate.decisions["approval_route"].article == "第十五条"
    below = check(RB, investment=Decimal("31000000"), approved_estimate=Decimal("29999999.99"))
    assert route(below) == "approval"


def test_schools_and_hospitals_are_approved_by_their_sector_and_filed():
    for kind in ("school", "hospital"):
        result = check(RB, investment=Decimal("40000000"), unit={"kind": kind})
        assert route(result) == "filing"
        assert result.decisions["approval_route"].article == "第九条"
        assert findings(result, "route.sector", "info")


def test_other_units_keep_the_amount_route():
    result = check(RB, investment=Decimal("1000000"), unit={"kind": "party_government"})
    assert route(result) == "approval"
    assert not findings(result, "route.sector")


@pytest.mark.parametrize(
    ("transition", "investment"),
    [
        ("file", "499999.99"),
        ("approve", "500000"),
        ("approve", "29999999.99"),
        ("approve_by_government", "30000000"),
    ],
)
def test_the_step_of_the_decided_route_is_open(transition, investment):
    result = at_gate(transition, in_annual_plan=True, investment=Decimal(investment))
    assert not blocked(result, "route.gate")


@pytest.mark.parametrize(
    ("transition", "investment"),
    [
        ("approve", "499999.99"),
        ("approve_by_government", "499999.99"),
        ("file", "500000"),
        ("approve_by_government", "29999999.99"),
        ("approve", "30000000"),
        ("file", "30000000"),
    ],
)
def test_a_step_of_another_route_is_refused(transition, investment):
    result = at_gate(transition, in_annual_plan=True, investment=Decimal(investment))
    assert blocked(result, "route.gate")
    step = next(t for t in loader.get(RB).spec.transitions if t.name == transition)
    assert result.blocking(step.to)


def test_a_school_project_is_filed_not_approved():
    facts = {"investment": Decimal("1000000"), "unit": {"kind": "school"}}
    assert blocked(at_gate("approve", **facts), "route.gate")
    assert not blocked(at_gate("file", **facts), "route.gate")


def test_no_route_step_opens_while_the_route_is_unknown():
    for transition in ("approve", "approve_by_government", "file"):
        assert blocked(at_gate(transition), "route.gate")


def test_the_gate_ignores_other_steps():
    result = check(RB, stage="submitted", target="expert_review", transition="start_review")
    assert not findings(result, "route.gate")


# -- 第十条: the approval procedure and its documents -------------------------------------


def test_a_planned_project_at_design_depth_merges_its_review():
    result = check(RB, in_annual_plan=True, documents=docs("implementation_plan"))
    assert result.decision("design_review") == "merged"
    assert findings(result, "design.merge", "info")


def test_without_design_depth_the_review_stays_separate():
    assert check(RB, in_annual_plan=True, documents=[]).decision("design_review") == "separate"
    outside = check(RB, in_annual_plan=False, documents=docs("preliminary_design"))
    assert outside.decision("design_review") == "separate"


def test_the_merge_asks_for_plan_membership():
    result = check(RB)
    messages = [f.message for f in findings(result, "design.merge", "info")]
    assert any("project.in_annual_plan" in m for m in messages)


def test_a_separate_review_needs_proposal_feasibility_study_and_design():
    base = {"investment": Decimal("1000000"), "in_annual_plan": False}
    for missing in ("proposal", "feasibility_study", "preliminary_design"):
        kinds = [k for k in ("proposal", "feasibility_study", "preliminary_design") if k != missing]
        result = at_gate("approve", documents=docs(*kinds), **base)
        assert blocked(result, "documents.approval"), missing
    complete_set = docs("proposal", "feasibility_study", "preliminary_design")
    assert not blocked(at_gate("approve", documents=complete_set, **base), "documents.approval")


def test_a_merged_review_needs_only_the_implementation_plan():
    result = at_gate(
        "approve",
        investment=Decimal("1000000"),
        in_annual_plan=True,
        documents=docs("implementation_plan"),
    )
    assert result.decision("design_review") == "merged"
    assert not blocked(result, "documents.approval")
    at_depth = at_gate(
        "approve",
        investment=Decimal("1000000"),
        in_annual_plan=True,
        documents=docs("preliminary_design"),
    )
    assert blocked(at_depth, "documents.approval")
    separate_set = at_gate(
        "approve",
        investment=Decimal("1000000"),
        in_annual_plan=True,
        documents=docs("proposal", "feasibility_study", "preliminary_design"),
    )
    assert separate_set.decision("design_review") == "merged"
    assert not blocked(separate_set, "documents.approval")


def test_a_filed_project_needs_no_approval_documents():
    result = at_gate("file", investment=Decimal("499999.99"), in_annual_plan=True, documents=[])
    assert not findings(result, "documents.approval")


def test_the_approval_documents_wait_for_the_approval_step():
    result = check(RB, stage="planned", investment=Decimal("1000000"), documents=[])
    assert not findings(result, "documents.approval")


# -- 第十二条: infrastructure -----------------------------------------------------------------


@pytest.mark.parametrize("feature", ["machine_room", "data_center", "private_network"])
def test_it_refuses_new_machine_rooms_and_private_networks(feature):
    result = check(RB, features=[feature])
    assert blocked(result, "infrastructure.no_machine_room")
    finding = findings(result, "infrastructure.no_machine_room", "block")[0]
    assert set(finding.blocks) == {"submitted", "approved", "filed"}


def test_a_classified_system_may_have_its_own_machine_room():
    result = check(RB, features=["machine_room", "private_network"], classified=True)
    assert not findings(result, "infrastructure.no_machine_room")


def test_other_features_are_not_on_the_negative_list():
    result = check(RB, features=["private_network_lease", "video_conference"])
    assert not findings(result, "infrastructure.no_machine_room")


def test_it_warns_when_the_project_does_not_run_on_the_wuhan_cloud():
    result = at_gate("approve", gov_cloud=False)
    assert findings(result, "infrastructure.wuhan_cloud", "warn")
    assert not blocked(result, "infrastructure.wuhan_cloud")


def test_it_accepts_the_wuhan_cloud_and_exempts_classified_systems():
    assert not findings(at_gate("approve", gov_cloud=True), "infrastructure.wuhan_cloud")
    classified = at_gate("approve", gov_cloud=False, classified=True)
    assert not findings(classified, "infrastructure.wuhan_cloud")
    early = check(RB, stage="submitted", gov_cloud=False)
    assert not findings(early, "infrastructure.wuhan_cloud")


def test_it_warns_about_a_mobile_entry_of_its_own():
    result = at_gate("approve", features=["standalone_app"])
    assert findings(result, "infrastructure.mobile_entry", "warn")
    assert not blocked(result, "infrastructure.mobile_entry")
    assert not findings(at_gate("approve", features=[]), "infrastructure.mobile_entry")


# -- 第十三条, 第十六条, 第二十七条, 第二十六条: documents ----------------------------------


@pytest.mark.parametrize(
    ("entry", "kinds"),
    [
        ("documents.sharing_and_crypto", ["sharing_chapter", "crypto_plan"]),
        ("documents.assessment_report", ["assessment_report"]),
        ("documents.safe_reliable", ["safe_reliable_statement"]),
    ],
)
def test_the_approval_route_needs_its_documents_from_fifty_wan(entry, kinds):
    for kind in kinds:
        rest = [k for k in APPROVAL_DOCUMENTS if k != kind]
        result = at_gate("approve", investment=Decimal("500000"), documents=docs(*rest))
        assert blocked(result, entry), kind
        assert result.blocking("approved")
    below = at_gate("file", investment=Decimal("499999.99"), documents=[])
    assert not findings(below, entry)
    present = at_gate("approve", investment=Decimal("500000"), documents=docs(*APPROVAL_DOCUMENTS))
    assert not findings(present, entry)


def test_every_project_plans_its_cryptography_with_it():
    result = at_gate("file", investment=Decimal("100000"), documents=[])
    assert blocked(result, "crypto.synchronous_planning")
    assert result.blocking("filed")
    planned = at_gate("file", investment=Decimal("100000"), documents=docs("crypto_plan"))
    assert not findings(planned, "crypto.synchronous_planning")


def test_the_cryptography_plan_is_not_asked_for_at_the_annual_plan_application():
    result = check(RB, stage="draft", target="submitted", transition="submit", documents=[])
    assert not findings(result, "crypto.synchronous_planning")


# -- 第十四条, 第十八条: money -----------------------------------------------------------------


def test_money_before_the_design_is_approved_is_a_warning():
    result = check(RB, paid_before_approval=True)
    assert findings(result, "money.no_payment_before_design", "warn")
    assert not blocked(result, "money.no_payment_before_design")
    assert not findings(check(RB, paid_before_approval=False), "money.no_payment_before_design")


def test_a_surplus_is_returned():
    assert findings(check(RB, surplus=Decimal("0.01")), "money.surplus_returned", "warn")
    returned = check(RB, surplus=Decimal("1000"), surplus_returned=True)
    assert not findings(returned, "money.surplus_returned")
    assert not findings(check(RB, surplus=Decimal("0")), "money.surplus_returned")


# -- 第十九条: adjustments ---------------------------------------------------------------------


def change(amount: str, **facts: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "amount": amount,
        "reason": "technical_optimization",
        "goal_changed": False,
        "exceeds_estimate": False,
    }
    values.update(facts)
    return values


def change_route(*changes: dict[str, Any], **facts: Any) -> Any:
    facts.setdefault("approved_estimate", Decimal("1000000"))
    return check(RB, changes=list(changes), **facts).decision("change_route")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("149999.99", "filing"),
        ("150000", "filing"),
        ("150000.01", "reapproval"),
        ("150100", "reapproval"),
    ],
)
def test_an_adjustment_of_at_most_fifteen_percent_is_filed(amount, expected):
    assert change_route(change(amount)) == expected


@pytest.mark.parametrize(
    "reason", ["superior_requirement", "technical_optimization", "business_development"]
)
def test_each_of_the_three_reasons_allows_filing(reason):
    assert change_route(change("100000", reason=reason)) == "filing"


@pytest.mark.parametrize(
    "facts",
    [{"reason": "other"}, {"goal_changed": True}, {"exceeds_estimate": True}],
)
def test_a_disallowed_adjustment_needs_approval_again(facts):
    result = check(RB, approved_estimate=Decimal("1000000"), changes=[change("100000", **facts)])
    assert result.decision("change_route") == "reapproval"
    assert findings(result, "change.route", "info")


def test_the_share_is_of_the_approved_estimate():
    assert change_route(change("200000"), investment=Decimal("2000000")) == "reapproval"
    assert (
        change_route(change("150000"), approved_estimate=None, investment=Decimal("1000000"))
        == "filing"
    )


def test_the_latest_adjustment_is_the_one_routed():
    assert change_route(change("900000"), change("10000")) == "filing"


def test_an_adjustment_with_unknown_conditions_is_not_routed_to_filing():
    result = check(
        RB, approved_estimate=Decimal("1000000"), changes=[change("10000", goal_changed=None)]
    )
    assert result.decision("change_route") is None
    assert findings(result, "change.route", "info")
    no_reason = check(RB, approved_estimate=Decimal("1000000"), changes=[change("1", reason=None)])
    assert no_reason.decision("change_route") is None


def test_no_adjustment_no_route():
    result = check(RB, approved_estimate=Decimal("1000000"))
    assert not findings(result, "change.route")
    assert result.decision("change_route") is None


# -- 第二十条: a year-end performance report per construction year -------------------------


def annual(result: CheckResult) -> dict[int, tuple[Any, str]]:
    return {
        o.due.year: (o.due, o.status)
        for o in result.obligations
        if o.kind == "annual_report" and o.rule == "performance.annual_report"
    }


def test_each_year_of_construction_needs_its_report():
    result = check(
        RB, construction_started_on=D(2025, 3, 1), annual_reports=[2025], as_of=D(2026, 11, 24)
    )
    assert annual(result) == {2025: (D(2025, 12, 31), "met"), 2026: (D(2026, 12, 31), "pending")}


def test_a_missing_report_is_overdue_after_the_year_end():
    on_due = check(RB, construction_started_on=D(2026, 3, 1), as_of=D(2026, 12, 31))
    assert annual(on_due)[2026][1] == "pending"
    after = check(RB, construction_started_on=D(2026, 3, 1), as_of=D(2027, 1, 1))
    assert annual(after)[2026][1] == "overdue"


def test_the_year_of_completion_needs_no_report_unless_it_ends_it():
    result = check(
        RB,
        construction_started_on=D(2025, 3, 1),
        completed_on=D(2027, 5, 1),
        annual_reports=[2025, 2026],
    )
    assert set(annual(result)) == {2025, 2026}
    on_year_end = check(RB, construction_started_on=D(2025, 3, 1), completed_on=D(2025, 12, 31))
    assert set(annual(on_year_end)) == {2025}
    before = check(RB, construction_started_on=D(2025, 3, 1), completed_on=D(2025, 12, 30))
    assert annual(before) == {}


def test_no_report_is_due_before_construction():
    assert annual(check(RB)) == {}


# -- 第二十一条: acceptance ------------------------------------------------------------------


def test_acceptance_waits_for_completion():
    result = at_gate("apply_acceptance", **complete(completed_on=None))
    assert blocked(result, "acceptance.completed")
    assert result.blocking("acceptance")
    early = at_gate(
        "apply_acceptance",
        **complete(completed_on=D(2026, 6, 30), acceptance_applied_on=D(2026, 6, 29)),
    )
    assert blocked(early, "acceptance.completed")
    done = at_gate(
        "apply_acceptance",
        **complete(completed_on=D(2026, 6, 30), acceptance_applied_on=D(2026, 6, 30)),
    )
    assert not findings(done, "acceptance.completed")
    assert not findings(check(RB, stage="construction"), "acceptance.completed")


@pytest.mark.parametrize(
    "missing",
    [*ACCEPTANCE_DOCUMENTS, "platform_docked", "acceptance_confirmed"],
)
def test_acceptance_needs_its_assessments_docking_and_confirmation(missing):
    facts = complete()
    if missing in ACCEPTANCE_DOCUMENTS:
        facts["documents"] = [d for d in facts["documents"] if d["type"] != missing]
    else:
        facts[missing] = False
    result = at_gate("apply_acceptance", **facts)
    assert blocked(result, "acceptance.prerequisites")
    assert result.blocking("acceptance")


def test_acceptance_opens_with_every_prerequisite():
    assert not findings(at_gate("apply_acceptance", **complete()), "acceptance.prerequisites")


def test_acceptance_is_due_six_months_after_completion():
    result = check(RB, completed_on=D(2026, 3, 10), as_of=D(2026, 9, 10))
    due = obligation(result, "acceptance")
    assert (due.due, due.status, due.article) == (D(2026, 9, 10), "pending", "第二十一条")
    assert due.rule == "acceptance.within_six_months"
    assert (
        obligation(
            check(RB, completed_on=D(2026, 3, 10), as_of=D(2026, 9, 11)), "acceptance"
        ).status
        == "overdue"
    )
    met = check(RB, completed_on=D(2026, 3, 10), accepted_on=D(2026, 9, 10))
    assert obligation(met, "acceptance").status == "met"
    late = check(RB, completed_on=D(2026, 3, 10), accepted_on=D(2026, 9, 11))
    assert obligation(late, "acceptance").status == "overdue"


def test_a_period_from_a_month_end_ends_on_the_last_day_of_the_month():
    assert add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)
    # 28 February 2027 is a Sunday: the period ends on the next working day, and 2027 has no
    # holiday data yet, so the date is provisional.
    result = check(RB, completed_on=D(2026, 8, 31), as_of=D(2026, 11, 24))
    due = obligation(result, "acceptance")
    assert (due.due, due.provisional) == (D(2027, 3, 1), True)
    # 28 February 2026 was a Saturday made a working day (Spring Festival).
    made_up = obligation(check(RB, completed_on=D(2025, 8, 31)), "acceptance")
    assert (made_up.due, made_up.provisional) == (D(2026, 2, 28), False)
    on_due = check(RB, completed_on=D(2025, 8, 31), accepted_on=D(2026, 2, 28))
    assert obligation(on_due, "acceptance").status == "met"
    after = check(RB, completed_on=D(2025, 8, 31), accepted_on=D(2026, 3, 1))
    assert obligation(after, "acceptance").status == "overdue"


def test_a_due_day_on_a_holiday_moves_to_the_next_working_day():
    result = check(RB, completed_on=D(2026, 4, 1), as_of=D(2026, 10, 8))
    due = obligation(result, "acceptance")
    assert (due.due, due.status) == (D(2026, 10, 8), "pending")
    met = check(RB, completed_on=D(2026, 4, 1), accepted_on=D(2026, 10, 8))
    assert obligation(met, "acceptance").status == "met"
    late = check(RB, completed_on=D(2026, 4, 1), accepted_on=D(2026, 10, 9))
    assert obligation(late, "acceptance").status == "overdue"


def test_no_acceptance_is_due_before_completion():
    assert not [o for o in check(RB).obligations if o.kind == "acceptance"]


def test_an_accepted_project_is_filed():
    assert findings(check(RB, acceptance_passed=True), "acceptance.filing", "warn")
    filed = check(RB, acceptance_passed=True, acceptance_filed_on=D(2026, 7, 1))
    assert not findings(filed, "acceptance.filing")
    assert not findings(check(RB, acceptance_passed=False), "acceptance.filing")


def test_only_a_passed_project_goes_into_operation():
    failed = at_gate("pass_acceptance", **complete(acceptance_passed=False))
    assert blocked(failed, "acceptance.passed_for_operation")
    assert failed.blocking("operation")
    unknown = at_gate("pass_acceptance", **complete(acceptance_passed=None))
    assert blocked(unknown, "acceptance.passed_for_operation")
    passed = at_gate("pass_acceptance", **complete(acceptance_passed=True))
    assert not findings(passed, "acceptance.passed_for_operation")


# -- 第二十七条: safe and reliable products at acceptance --------------------------------


def test_acceptance_checks_safe_and_reliable_products():
    result = at_gate("pass_acceptance", **complete(safe_reliable_products=False))
    finding = findings(result, "acceptance.safe_reliable", "block")[0]
    assert finding.blocks == ("operation",)
    assert result.blocking("operation")
    ok = at_gate("pass_acceptance", **complete(safe_reliable_products=True))
    assert not findings(ok, "acceptance.safe_reliable")
    assert not findings(check(RB, stage="construction"), "acceptance.safe_reliable")


# -- 第二十二条: assets, self-evaluation, post-evaluation ------------------------------------


def test_assets_are_booked_after_acceptance():
    assert findings(check(RB, acceptance_passed=True), "evaluation.assets_booked", "warn")
    booked = check(RB, acceptance_passed=True, assets_booked_on=D(2026, 7, 1))
    assert not findings(booked, "evaluation.assets_booked")


def test_the_self_evaluation_window_is_twelve_to_twenty_four_months():
    started = D(2024, 6, 15)
    pending = check(RB, operation_started_on=started, as_of=D(2026, 6, 15))
    due = obligation(pending, "self_evaluation")
    assert (due.due, due.status, due.article) == (D(2026, 6, 15), "pending", "第二十二条")
    assert due.rule == "evaluation.self"
    overdue = check(RB, operation_started_on=started, as_of=D(2026, 6, 16))
    assert obligation(overdue, "self_evaluation").status == "overdue"
    on_last_day = check(RB, operation_started_on=started, self_evaluated_on=D(2026, 6, 15))
    assert obligation(on_last_day, "self_evaluation").status == "met"
    day_after = check(RB, operation_started_on=started, self_evaluated_on=D(2026, 6, 16))
    assert obligation(day_after, "self_evaluation").status == "overdue"


def test_a_self_evaluation_before_twelve_months_is_too_early():
    started = D(2024, 6, 15)
    early = check(RB, operation_started_on=started, self_evaluated_on=D(2025, 6, 14))
    assert findings(early, "evaluation.self", "warn")
    opening = check(RB, operation_started_on=started, self_evaluated_on=D(2025, 6, 15))
    assert not findings(opening, "evaluation.self")
    assert obligation(opening, "self_evaluation").status == "met"


def test_the_self_evaluation_due_on_a_holiday_moves_to_the_next_working_day():
    result = check(RB, operation_started_on=D(2024, 10, 1), as_of=D(2026, 10, 8))
    due = obligation(result, "self_evaluation")
    assert (due.due, due.status) == (D(2026, 10, 8), "pending")


def test_no_self_evaluation_before_operation():
    assert not [o for o in check(RB).obligations if o.kind == "self_evaluation"]


def test_the_third_party_post_evaluation_is_optional():
    result = check(
        RB,
        operation_started_on=D(2024, 6, 15),
        self_evaluated_on=D(2025, 7, 1),
        as_of=D(2030, 1, 1),
    )
    assert not [o for o in result.obligations if o.kind == "post_evaluation"]
    manual = loader.get(RB).spec.manual
    assert any(m.article == "第二十二条" and m.quote and "可以委托" in m.quote for m in manual)


# -- 第二十三条: evaluation results as a basis for next year's O&M funds ----------------------


def test_the_units_evaluation_result_is_a_basis_for_o_and_m_funds():
    def om(grade: str) -> CheckResult:
        system = {"name": "审批系统", "evaluation_year": 2026, "evaluation_grade": grade}
        return check(RB, kind="om", stage="operation", systems=[system], as_of=D(2026, 11, 24))

    [poor] = findings(om("poor"), "funding.om_evaluation_basis")
    assert (poor.severity, poor.article) == ("warn", "第二十三条")
    [fair] = findings(om("fair"), "funding.om_evaluation_basis")
    assert fair.severity == "info"
    assert "om_funding" not in om("poor").decisions


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


@pytest.mark.parametrize(
    ("route_step", "investment"),
    [("approve", "1000000"), ("approve_by_government", "30000000"), ("file", "100000")],
)
def test_it_walks_the_happy_path_without_a_block(route_step, investment):
    rulebook = loader.get(RB)
    by_name = {t.name: t for t in rulebook.spec.transitions}
    state = rulebook.spec.initial
    facts = complete(investment=Decimal(investment))
    for name in [route_step if n == "approve" else n for n in HAPPY_PATH]:
        step = rulebook.transition(state, name)
        assert step is not None, f"{name} is not open from {state}"
        assert step is by_name[name]
        result = check(RB, stage=state, target=step.to, transition=name, **facts)
        assert result.blocking(step.to) == [], (name, result.blocking(step.to))
        state = step.to
    assert state == "archived"


def test_the_rejection_rectification_and_suspension_steps_exist():
    rulebook = loader.get(RB)
    assert rulebook.transition("expert_review", "reject").to == "rejected"
    assert rulebook.transition("acceptance", "fail_acceptance").to == "rectification"
    assert rulebook.transition("rectification", "reapply_acceptance").to == "acceptance"
    assert rulebook.transition("construction", "suspend").to == "suspended"
    assert rulebook.transition("suspended", "terminate").to == "terminated"
    assert rulebook.transition("submitted", "return").to == "returned"
    assert rulebook.transition("returned", "submit").to == "submitted"


def test_every_state_is_reachable_from_the_initial_state():
    spec = loader.get(RB).spec
    reached = {spec.initial}
    frontier = [spec.initial]
    while frontier:
        state = frontier.pop()
        for transition in spec.transitions:
            if state in transition.source and transition.to not in reached:
                reached.add(transition.to)
                frontier.append(transition.to)
    assert reached == set(spec.states)


def test_every_article_is_covered_by_a_rule_a_manual_entry_or_a_transition():
    rulebook = loader.get(RB)
    spec = rulebook.spec
    cited = {
        *(parse_article_ref(e.article) for e in spec.rules),
        *(parse_article_ref(m.article) for m in spec.manual),
        *(parse_article_ref(t.article) for t in spec.transitions if t.article),
    }
    assert set(rulebook.regulation.numbers()) - cited == set()
    assert len(rulebook.regulation.numbers()) == 31


@pytest.mark.parametrize(
    "article",
    [3, 7, 8, 9, 10, 12, 13, 14, 15, 18, 19, 20, 21, 22, 26, 27],
)
def test_the_articles_the_issue_names_are_rules(article):
    assert article in {parse_article_ref(e.article) for e in loader.get(RB).spec.rules}


def test_every_rule_entry_is_tested_here():
    source = Path(__file__).read_text(encoding="utf-8")
    for entry in loader.get(RB).spec.rules:
        assert f'"{entry.id}"' in source, entry.id
