"""The Kaihua rulebook (开化县信息化项目管理办法(试行)): every entry fires and stays quiet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from govit.policy import loader
from govit.policy.engine.results import CheckResult
from govit.policy.tests.helpers import D, blocked, check, doc, findings, obligation

ID = "kaihua"
BUILD_KINDS = ["new", "continued", "upgrade", "expansion"]


def application(**overrides: Any) -> dict[str, Any]:
    """A complete application of a new project for the 2027 plan, submitted in time."""
    facts: dict[str, Any] = {
        "kind": "new",
        "plan_year": 2027,
        "investment": Decimal("1500000"),
        "funding_sources": ["fiscal"],
        "features": [],
        "gov_cloud": True,
        "shares_data": True,
        "duplicates_existing": False,
        "frequent_upgrade": False,
        "docking_design": True,
        "om_years_included": 3,
        "submitted_on": D(2026, 9, 15),
        "documents": [
            doc("application_form"),
            doc("implementation_plan"),
            doc("performance_targets"),
            doc("investment_estimate"),
            doc("data_collection_plan"),
        ],
        "budget_items": [
            {"name": "软件开发", "category": "software", "amount": Decimal("1500000")}
        ],
    }
    facts.update(overrides)
    return facts


APPLIED = D(2026, 9, 15)


def run(*, as_of: dt.date = APPLIED, **facts: Any) -> CheckResult:
    return check(ID, as_of=as_of, **application(**facts))


def severities(result: CheckResult, rule: str) -> list[str]:
    return [f.severity for f in findings(result, rule)]


# A whole application


def test_it_lets_a_complete_application_through():
    result = run(stage="draft", target="submitted", transition="submit")
    assert result.blocking("submitted") == []
    assert [f.rule for f in result.findings if f.severity != "info"] == []


# 第二条: scope


@pytest.mark.parametrize(
    ("sources", "in_scope"),
    [(["fiscal"], True), (["superior"], True), (["self", "fiscal"], True), (["self"], False)],
)
def test_it_governs_projects_paid_with_fiscal_money(sources, in_scope):
    result = run(funding_sources=sources)
    assert result.decision("in_scope") is in_scope
    assert bool(findings(result, "scope.fiscal_funds")) is not in_scope


def test_it_leaves_out_a_project_paid_only_by_enterprises():
    result = run(funding_sources=["self", "soe"])
    assert result.decision("in_scope") is False
    assert severities(result, "scope.fiscal_funds") == ["info"]


def test_it_asks_for_the_funding_sources_to_decide_the_scope():
    result = run(funding_sources=None)
    assert "in_scope" not in result.decisions
    assert "project.funding_sources" in findings(result, "scope.fiscal_funds")[0].message


# 第三条: priority


def test_it_gives_priority_to_cross_department_projects():
    assert run(cross_department=True).decision("priority") is True
    assert findings(run(cross_department=True), "priority.cross_department")


def test_it_gives_no_priority_to_a_single_department_project():
    result = run(cross_department=False)
    assert "priority" not in result.decisions
    assert not findings(result, "priority.cross_department")


# 第三条: the seven items, each a warning (原则上), each waived where law requires the project


@pytest.mark.parametrize("feature", ["machine_room", "data_center"])
def test_it_warns_against_machine_rooms_and_data_centres(feature):
    result = run(features=[feature])
    assert severities(result, "negative.machine_room") == ["warn"]
    assert result.blocking("submitted") == []


def test_it_does_not_warn_without_a_machine_room():
    assert not findings(run(features=["video_conference"]), "negative.machine_room")


def test_it_does_not_bar_a_machine_room_that_law_requires():
    result = run(features=["machine_room"], mandated=True)
    found = findings(result, "negative.machine_room")
    assert [f.severity for f in found] == ["info"]
    assert found[0].blocks == ()
    barred = findings(run(features=["machine_room"]), "negative.machine_room")[0]
    assert barred.message in found[0].message


@pytest.mark.parametrize(
    "feature", ["private_network_lease", "terminal_security_outside_extranet", "video_conference"]
)
def test_it_warns_against_private_network_leases_terminal_security_and_video(feature):
    assert severities(run(features=[feature]), "negative.private_network") == ["warn"]


def test_it_does_not_warn_about_networks_the_project_does_not_build():
    assert not findings(run(features=["machine_room"]), "negative.private_network")


@pytest.mark.parametrize("kind", ["new", "upgrade", "expansion"])
def test_it_warns_when_a_new_or_upgraded_project_stays_off_the_gov_cloud(kind):
    assert severities(run(kind=kind, gov_cloud=False), "negative.gov_cloud") == ["warn"]


@pytest.mark.parametrize(
    "facts",
    [
        {"gov_cloud": True},
        {"kind": "continued", "gov_cloud": False},
        {"kind": "om", "gov_cloud": False},
        {"gov_cloud": False, "classified": True},
        {"gov_cloud": False, "mandated": True},
    ],
)
def test_it_does_not_warn_about_the_gov_cloud(facts):
    assert "warn" not in severities(run(**facts), "negative.gov_cloud")


@pytest.mark.parametrize(
    "feature",
    ["ca_system", "big_screen", "e_seal", "mobile_im", "website_platform", "standalone_app"],
)
def test_it_warns_against_new_systems_of_the_list(feature):
    assert severities(run(features=[feature]), "negative.new_systems") == ["warn"]


def test_it_does_not_warn_when_an_existing_system_is_upgraded():
    assert not findings(run(kind="upgrade", features=["e_seal"]), "negative.new_systems")


def test_it_warns_when_the_project_does_not_share_data():
    assert severities(run(shares_data=False), "negative.data_sharing") == ["warn"]
    assert not findings(run(shares_data=True), "negative.data_sharing")


@pytest.mark.parametrize("fact", ["duplicates_existing", "frequent_upgrade"])
def test_it_warns_against_duplicates_and_frequent_upgrades(fact):
    assert severities(run(**{fact: True}), "negative.duplicates") == ["warn"]


def test_it_does_not_warn_without_duplicates_or_frequent_upgrades():
    assert not findings(run(), "negative.duplicates")


@pytest.mark.parametrize(
    ("submitted", "warned"),
    [
        (D(2026, 11, 23), True),
        (D(2026, 11, 24), True),  # 2年内: the last day is included
        (D(2026, 11, 25), False),
    ],
)
def test_it_bars_a_zombie_units_applications_for_two_years(submitted, warned):
    result = check(
        ID,
        as_of=submitted,
        unit={"zombie_found_on": D(2024, 11, 24)},
        **application(submitted_on=submitted, plan_year=2027),
    )
    assert severities(result, "negative.zombie_unit") == (["warn"] if warned else [])


def test_it_lets_a_required_project_of_a_zombie_unit_apply():
    result = check(ID, unit={"zombie_found_on": D(2025, 1, 1)}, **application(mandated=True))
    assert severities(result, "negative.zombie_unit") == ["info"]


# 第四条: the plan


def test_it_needs_performance_targets_and_an_investment_estimate():
    result = run(documents=[doc("application_form"), doc("implementation_plan")])
    assert blocked(result, "plan.contents")
    assert findings(result, "plan.contents")[0] in result.blocking("submitted")


def test_it_accepts_a_plan_with_targets_and_estimate():
    assert not findings(run(), "plan.contents")


@pytest.mark.parametrize("sources", [None, []])
def test_it_needs_the_funding_sources(sources):
    assert blocked(run(funding_sources=sources), "plan.funding_sources")


def test_it_accepts_named_funding_sources():
    assert not findings(run(funding_sources=["fiscal", "superior"]), "plan.funding_sources")


def test_it_asks_for_a_justification_of_new_hardware():
    items = [{"name": "服务器", "category": "hardware", "amount": Decimal("300000")}]
    assert severities(run(budget_items=items), "plan.hardware_justified") == ["warn"]
    justified = run(
        budget_items=items, documents=[*application()["documents"], doc("hardware_justification")]
    )
    assert not findings(justified, "plan.hardware_justified")


# 第五条: docking design and data collection plan of new projects


def test_it_needs_the_docking_design_of_a_new_project():
    assert blocked(run(docking_design=False), "plan.docking_design")
    assert severities(run(docking_design=None), "plan.docking_design") == ["info"]


@pytest.mark.parametrize(
    "facts", [{"docking_design": True}, {"kind": "upgrade", "docking_design": False}]
)
def test_it_does_not_ask_for_a_docking_design(facts):
    assert not findings(run(**facts), "plan.docking_design")


def test_it_needs_the_data_collection_plan_of_a_new_project():
    documents = [doc("application_form"), doc("implementation_plan")]
    assert blocked(run(documents=documents), "plan.data_collection")
    assert not findings(run(kind="upgrade", documents=documents), "plan.data_collection")
    assert not findings(run(), "plan.data_collection")


# 第六条: the application


@pytest.mark.parametrize(
    ("submitted", "status"),
    [(D(2026, 9, 29), "met"), (D(2026, 9, 30), "met"), (D(2026, 10, 1), "overdue")],
)
def test_it_wants_the_application_by_the_end_of_september(submitted, status):
    result = run(submitted_on=submitted, as_of=submitted)
    due = obligation(result, "application")
    assert due.due == D(2026, 9, 30)
    assert due.status == status
    assert severities(result, "application.deadline") == (["warn"] if status == "overdue" else [])


def test_it_shows_the_application_pending_until_the_end_of_september():
    on_the_day = run(submitted_on=None, as_of=D(2026, 9, 30))
    assert obligation(on_the_day, "application").status == "pending"
    after = run(submitted_on=None, as_of=D(2026, 10, 1))
    assert obligation(after, "application").status == "overdue"
    assert severities(after, "application.deadline") == ["warn"]


def test_it_does_not_hold_a_late_emergency_against_the_plan():
    result = run(submitted_on=D(2027, 3, 2), plan_year=2027, emergency=True, as_of=D(2027, 3, 2))
    assert obligation(result, "application").status == "overdue"
    assert not findings(result, "application.deadline")


def test_it_needs_the_application_form():
    assert blocked(run(documents=[doc("implementation_plan")]), "application.form")
    assert not findings(run(), "application.form")


@pytest.mark.parametrize("kind", BUILD_KINDS)
def test_it_needs_the_construction_plan(kind):
    result = run(kind=kind, documents=[doc("application_form")])
    assert blocked(result, "application.construction_plan")
    assert not findings(result, "application.om_plan")


def test_it_needs_the_om_plan_of_an_om_project():
    result = run(kind="om", documents=[doc("application_form"), doc("implementation_plan")])
    assert blocked(result, "application.om_plan")
    assert not findings(result, "application.construction_plan")
    ok = run(kind="om", documents=[doc("application_form"), doc("service_plan")])
    assert not findings(ok, "application.om_plan")


@pytest.mark.parametrize(("years", "fires"), [(2, True), (3, False), (4, False)])
def test_it_wants_three_years_of_om_in_construction_projects(years, fires):
    assert blocked(run(om_years_included=years), "application.om_years") is fires


def test_it_does_not_ask_an_om_project_for_om_years():
    assert not findings(run(kind="om", om_years_included=0), "application.om_years")


def test_it_refuses_bulk_replacement_in_an_om_project():
    assert blocked(run(kind="om", bulk_update_procurement=True), "application.om_no_bulk_update")
    assert not findings(
        run(kind="om", bulk_update_procurement=False), "application.om_no_bulk_update"
    )
    assert not findings(run(bulk_update_procurement=True), "application.om_no_bulk_update")


def test_it_routes_an_emergency_project_through_the_county_government():
    result = run(emergency=True, in_annual_plan=False)
    assert result.decision("plan_route") == "supplementary"
    assert severities(result, "application.emergency_addition") == ["info"]


@pytest.mark.parametrize(
    "facts", [{"emergency": True, "in_annual_plan": True}, {"emergency": False}]
)
def test_it_needs_no_consent_for_a_planned_or_ordinary_project(facts):
    result = run(**facts)
    assert "plan_route" not in result.decisions
    assert not findings(result, "application.emergency_addition")


# 第七条: correction of a returned application


@pytest.mark.parametrize(
    ("resubmitted", "status"),
    [(D(2026, 9, 22), "met"), (D(2026, 9, 23), "met"), (D(2026, 9, 24), "overdue")],
)
def test_it_wants_the_correction_by_the_date_set(resubmitted, status):
    result = run(stage="returned", correction_due_on=D(2026, 9, 23), resubmitted_on=resubmitted)
    due = obligation(result, "correction")
    assert due.due == D(2026, 9, 23)
    assert due.status == status


def test_it_moves_a_correction_date_off_a_holiday():
    # 3 October 2026 is in the National Day holiday: the period ends on 8 October.
    on_time = run(correction_due_on=D(2026, 10, 3), resubmitted_on=D(2026, 10, 8))
    assert obligation(on_time, "correction").due == D(2026, 10, 8)
    assert obligation(on_time, "correction").status == "met"
    late = run(correction_due_on=D(2026, 10, 3), resubmitted_on=D(2026, 10, 9))
    assert obligation(late, "correction").status == "overdue"


def test_it_asks_for_the_correction_date_of_a_returned_application():
    assert severities(run(stage="returned"), "review.correction_period") == ["info"]
    assert not findings(run(stage="submitted"), "review.correction_period")
    assert not [o for o in run(stage="submitted").obligations if o.kind == "correction"]


# 第八条: the revised plan is rechecked before the decision consultation


def test_it_wants_the_revised_plan_rechecked_before_the_decision():
    unchecked = [doc("implementation_plan", reviewed=False)]
    result = run(stage="expert_review", target="decision", documents=unchecked)
    assert findings(result, "review.construction_plan_rechecked")[0] in result.blocking("decision")
    checked = run(
        stage="expert_review",
        target="decision",
        documents=[doc("implementation_plan", reviewed=True)],
    )
    assert not findings(checked, "review.construction_plan_rechecked")


def test_it_checks_the_recheck_only_from_the_decision_on():
    result = run(stage="expert_review", documents=[doc("implementation_plan")])
    assert not findings(result, "review.construction_plan_rechecked")


def test_it_wants_the_revised_om_plan_rechecked():
    result = run(
        kind="om", stage="expert_review", target="decision", documents=[doc("service_plan")]
    )
    assert blocked(result, "review.om_plan_rechecked")
    ok = run(
        kind="om",
        stage="expert_review",
        target="decision",
        documents=[doc("service_plan", reviewed=True)],
    )
    assert not findings(ok, "review.om_plan_rechecked")


# 第十条: the plan, the platform


@pytest.mark.parametrize("target", ["approved", "filed"])
def test_it_refuses_approval_outside_the_annual_plan(target):
    result = run(stage="planned", target=target, in_annual_plan=False, emergency=True)
    assert findings(result, "approval.in_plan")[0] in result.blocking(target)


def test_it_approves_a_project_in_the_annual_plan():
    assert not findings(
        run(stage="planned", target="approved", in_annual_plan=True), "approval.in_plan"
    )


def test_it_needs_the_platform_code_of_a_new_project():
    result = run(stage="planned", target="approved")
    assert blocked(result, "approval.platform_code")
    coded = run(stage="planned", target="filed", investment_code="2026-330824-65-01-123456")
    assert not findings(coded, "approval.platform_code")
    assert not findings(
        run(stage="planned", target="approved", kind="upgrade"), "approval.platform_code"
    )


def test_it_says_the_text_gives_no_test_for_approval_or_filing():
    result = run()
    assert severities(result, "approval.platform_route") == ["info"]
    assert "approval_route" not in result.decisions
    assert not findings(run(kind="om"), "approval.platform_route")


# 第十一条: implementation, supervision, testing


def test_it_refuses_construction_before_approval():
    early = run(approved_on=D(2026, 5, 6), construction_started_on=D(2026, 5, 5))
    assert findings(early, "implementation.after_approval")[0] in early.blocking("construction")
    same_day = run(approved_on=D(2026, 5, 6), construction_started_on=D(2026, 5, 6))
    assert not findings(same_day, "implementation.after_approval")


def test_it_needs_the_confirmed_implementation_plan_for_procurement():
    unconfirmed = run(
        stage="approved", target="procurement", documents=[doc("implementation_plan")]
    )
    assert blocked(unconfirmed, "implementation.plan_confirmed")
    confirmed = run(
        stage="approved",
        target="procurement",
        documents=[doc("implementation_plan", approved=True)],
    )
    assert not findings(confirmed, "implementation.plan_confirmed")


@pytest.mark.parametrize(
    ("amount", "required"),
    [("1999999.99", False), ("2000000", True), ("2000000.01", True)],
)
def test_it_requires_supervision_from_two_million(amount, required):
    result = run(investment=Decimal(amount))
    assert result.decision("supervision_required") is required
    assert blocked(result, "supervision.required") is required  # no supervision fee budgeted


def test_it_accepts_a_budgeted_supervision_fee():
    items = [
        {"name": "软件开发", "category": "software", "amount": Decimal("1900000")},
        {"name": "监理费", "category": "supervision", "amount": Decimal("100000")},
    ]
    result = run(investment=Decimal("2000000"), budget_items=items)
    assert result.decision("supervision_required") is True
    assert not findings(result, "supervision.required")


def test_it_does_not_require_supervision_of_an_om_project():
    result = run(kind="om", investment=Decimal("3000000"))
    assert result.decision("supervision_required") is False
    assert not findings(result, "supervision.required")


def test_it_refuses_construction_without_the_supervisor():
    items = [{"name": "监理费", "category": "supervision", "amount": Decimal("60000")}]
    facts = {"investment": Decimal("2500000"), "budget_items": items, "stage": "contracted"}
    without = run(supervision=False, target="construction", **facts)
    assert findings(without, "supervision.required")[0] in without.blocking("construction")
    engaged = run(supervision=True, target="construction", **facts)
    assert not findings(engaged, "supervision.required")


def test_it_wants_the_testing_fee_in_the_investment():
    assert blocked(run(third_party_testing=True), "testing.in_investment")
    items = [
        {"name": "软件开发", "category": "software", "amount": Decimal("1450000")},
        {"name": "等保测评", "category": "testing", "amount": Decimal("50000")},
    ]
    assert not findings(run(third_party_testing=True, budget_items=items), "testing.in_investment")
    assert not findings(run(third_party_testing=False), "testing.in_investment")


# 第十二条: changes


@pytest.mark.parametrize(
    ("investment", "change", "route"),
    [
        ("1000000", "149999.99", "filing"),
        ("1000000", "150000", "filing"),  # 15% itself is not 超过
        ("1000000", "150000.01", "joint_review"),
        ("10000000", "199999.99", "filing"),
        ("10000000", "200000", "joint_review"),  # 20万元(含20万元)
        ("10000000", "200000.01", "joint_review"),
    ],
)
def test_it_routes_a_change_by_share_or_amount(investment, change, route):
    result = run(
        investment=Decimal(investment),
        changes=[{"amount": Decimal(change)}],
        documents=[doc("change_form")],
    )
    assert result.decision("change_route") == route
    assert bool(findings(result, "change.route")) is (route == "joint_review")


def test_it_needs_a_change_form_for_each_change():
    one = run(changes=[{"amount": Decimal("1000")}])
    assert blocked(one, "change.form")
    two = run(
        changes=[{"amount": Decimal("1000")}, {"amount": Decimal("2000")}],
        documents=[doc("change_form")],
    )
    assert blocked(two, "change.form")
    filed = run(changes=[{"amount": Decimal("1000")}], documents=[doc("change_form")])
    assert not findings(filed, "change.form")
    assert not findings(run(), "change.form")


# 第十三条: acceptance


def test_it_needs_the_data_dictionary_for_the_initial_acceptance():
    result = run(stage="construction", target="initial_acceptance")
    assert findings(result, "acceptance.data_dictionary")[0] in result.blocking(
        "initial_acceptance"
    )
    ok = run(stage="construction", target="initial_acceptance", documents=[doc("data_dictionary")])
    assert not findings(ok, "acceptance.data_dictionary")


@pytest.mark.parametrize(
    ("as_of", "fires"),
    [(D(2026, 9, 29), True), (D(2026, 9, 30), False), (D(2026, 10, 8), False)],
)
def test_it_runs_the_trial_for_three_months(as_of, fires):
    result = run(
        stage="trial_run", target="acceptance", trial_run_started_on=D(2026, 6, 30), as_of=as_of
    )
    assert obligation(result, "trial_run").due == D(2026, 9, 30)
    assert blocked(result, "acceptance.trial_run") is fires


@pytest.mark.parametrize(("as_of", "fires"), [(D(2026, 10, 7), True), (D(2026, 10, 8), False)])
def test_it_ends_a_trial_run_after_national_day(as_of, fires):
    # Three months from 1 July end on 1 October, a holiday: the period runs to 8 October.
    result = run(
        stage="trial_run", target="acceptance", trial_run_started_on=D(2026, 7, 1), as_of=as_of
    )
    assert obligation(result, "trial_run").due == D(2026, 10, 8)
    assert blocked(result, "acceptance.trial_run") is fires


def test_it_refuses_acceptance_without_a_trial_run():
    assert blocked(run(stage="trial_run", target="acceptance"), "acceptance.trial_run")
    assert not findings(run(stage="construction"), "acceptance.trial_run")


def test_it_needs_docking_and_data_collection_before_acceptance():
    result = run(stage="trial_run", target="acceptance")
    found = findings(result, "acceptance.prerequisites")
    assert found[0] in result.blocking("acceptance")
    ready = run(
        stage="trial_run",
        target="acceptance",
        initial_acceptance_on=D(2026, 6, 29),
        platform_docked=True,
        data_collected=True,
    )
    assert not findings(ready, "acceptance.prerequisites")


@pytest.mark.parametrize("missing", ["initial_acceptance_on", "platform_docked", "data_collected"])
def test_it_needs_each_prerequisite(missing):
    facts = {
        "initial_acceptance_on": D(2026, 6, 29),
        "platform_docked": True,
        "data_collected": True,
    }
    facts.pop(missing)
    assert blocked(run(stage="trial_run", target="acceptance", **facts), "acceptance.prerequisites")


def test_it_needs_the_acceptance_report():
    result = run(stage="acceptance", target="operation", acceptance_passed=True)
    assert blocked(result, "acceptance.report")
    ok = run(
        stage="acceptance",
        target="operation",
        acceptance_passed=True,
        documents=[doc("acceptance_report")],
    )
    assert not findings(ok, "acceptance.report")


def test_it_pays_the_rest_only_after_acceptance():
    assert blocked(
        run(remaining_payment_made=True, acceptance_passed=False), "acceptance.payment_after"
    )
    assert not findings(
        run(remaining_payment_made=True, acceptance_passed=True), "acceptance.payment_after"
    )


def test_it_keeps_a_failed_project_out_of_use():
    failed = run(stage="acceptance", target="operation", acceptance_passed=False)
    assert findings(failed, "acceptance.passed_for_use")[0] in failed.blocking("operation")
    passed = run(stage="acceptance", target="operation", acceptance_passed=True)
    assert not findings(passed, "acceptance.passed_for_use")


# 第十四条: evaluation


@pytest.mark.parametrize(("as_of", "fires"), [(D(2026, 11, 23), True), (D(2026, 11, 24), False)])
def test_it_evaluates_after_a_year_of_operation(as_of, fires):
    result = run(
        stage="operation",
        target="evaluated",
        accepted_on=D(2025, 11, 24),
        self_evaluated_on=D(2026, 11, 1),
        as_of=as_of,
    )
    assert result.decision("post_evaluation_from") == "2026-11-24"
    assert blocked(result, "evaluation.after_one_year") is fires


def test_it_counts_the_year_from_the_start_of_formal_operation():
    result = run(
        accepted_on=D(2025, 11, 24),
        operation_started_on=D(2025, 12, 1),
        post_evaluated_on=D(2026, 11, 30),
        self_evaluated_on=D(2026, 11, 1),
    )
    assert result.decision("post_evaluation_from") == "2026-12-01"
    assert blocked(result, "evaluation.after_one_year")


def test_it_waits_for_final_acceptance_before_an_evaluation():
    assert not findings(run(stage="operation"), "evaluation.after_one_year")
    assert severities(run(stage="operation", target="evaluated"), "evaluation.after_one_year") == [
        "info"
    ]


@pytest.mark.parametrize(
    ("self_evaluated", "fires"),
    [(None, True), (D(2026, 12, 1), False), (D(2026, 12, 2), False), (D(2026, 12, 3), True)],
)
def test_it_wants_the_self_evaluation_before_the_evaluation(self_evaluated, fires):
    result = run(
        accepted_on=D(2025, 11, 24),
        self_evaluated_on=self_evaluated,
        post_evaluated_on=D(2026, 12, 2),
    )
    assert blocked(result, "evaluation.self_first") is fires


def test_it_stops_the_evaluation_step_without_a_self_evaluation():
    result = run(stage="operation", target="evaluated", accepted_on=D(2025, 1, 5))
    assert findings(result, "evaluation.self_first")[0] in result.blocking("evaluated")
    assert not findings(run(stage="operation"), "evaluation.self_first")


# The rulebook as a whole


HAPPY_PATH = [
    "submit",
    "start_preliminary_review",
    "start_joint_review",
    "start_decision",
    "include_in_plan",
    "approve",
    "start_procurement",
    "sign_contract",
    "start_construction",
    "hold_initial_acceptance",
    "start_trial_run",
    "apply_acceptance",
    "pass_acceptance",
    "evaluate",
    "archive",
]


def test_it_walks_the_happy_path_from_draft_to_archived():
    rulebook = loader.get(ID)
    state = rulebook.spec.initial
    visited = [state]
    for name in HAPPY_PATH:
        transition = rulebook.transition(state, name)
        assert transition is not None, f"{name} is not open from {state}"
        state = transition.to
        visited.append(state)
    assert visited == [
        "draft",
        "submitted",
        "preliminary_review",
        "expert_review",
        "decision",
        "planned",
        "approved",
        "procurement",
        "contracted",
        "construction",
        "initial_acceptance",
        "trial_run",
        "acceptance",
        "operation",
        "evaluated",
        "archived",
    ]


@pytest.mark.parametrize(
    ("state", "name", "to"),
    [
        ("preliminary_review", "return", "returned"),
        ("returned", "resubmit", "submitted"),
        ("decision", "reject", "rejected"),
        ("planned", "file", "filed"),
        ("filed", "start_procurement", "procurement"),
        ("acceptance", "fail_acceptance", "rectification"),
        ("rectification", "reapply_acceptance", "acceptance"),
        ("operation", "archive", "archived"),
        ("archived", "evaluate", "evaluated"),
    ],
)
def test_it_has_the_side_roads_of_the_text(state, name, to):
    transition = loader.get(ID).transition(state, name)
    assert transition is not None
    assert transition.to == to


def test_every_state_is_reachable_from_draft():
    spec = loader.get(ID).spec
    reached = {spec.initial}
    changed = True
    while changed:
        changed = False
        for transition in spec.transitions:
            if reached & set(transition.source) and transition.to not in reached:
                reached.add(transition.to)
                changed = True
    assert reached == set(spec.states)


def test_every_article_is_covered_by_a_rule_the_manual_or_a_transition():
    rulebook = loader.get(ID)
    spec = rulebook.spec
    cited = (
        {entry.article for entry in spec.rules}
        | {entry.article for entry in spec.manual}
        | {t.article for t in spec.transitions if t.article}
    )
    labels = {article.label for article in rulebook.regulation.articles}
    assert labels == {f"第{n}条" for n in "一二三四五六七八九十"} | {
        "第十一条",
        "第十二条",
        "第十三条",
        "第十四条",
    }
    assert labels - cited == set()


def test_every_item_of_article_three_has_its_own_entry():
    items = [e.quote[:2] for e in loader.get(ID).spec.rules if e.article == "第三条"]
    assert sorted(item for item in items if item[0].isdigit()) == [f"{n}." for n in range(1, 8)]


@pytest.mark.parametrize(
    "article",
    [
        "第二条",
        "第三条",
        "第四条",
        "第五条",
        "第六条",
        "第七条",
        "第十条",
        "第十一条",
        "第十二条",
        "第十三条",
        "第十四条",
    ],
)
def test_the_required_articles_are_rules(article):
    assert any(entry.article == article for entry in loader.get(ID).spec.rules)


def test_the_review_steps_are_transitions():
    articles = {t.article for t in loader.get(ID).spec.transitions}
    assert {"第七条", "第八条", "第九条"} <= articles


def test_every_rule_entry_is_named_by_a_test_of_this_module():
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [e.id for e in loader.get(ID).spec.rules if f'"{e.id}"' not in source]
    assert untested == []
