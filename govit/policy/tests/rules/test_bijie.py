"""The Bijie rulebook (毕节市市级信息化项目统筹管理办法): every entry fires and stays quiet."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from govit.core.calendar import PURE_CALENDAR
from govit.policy import loader
from govit.policy.articles import article_label
from govit.policy.engine.evaluate import evaluate
from govit.policy.engine.registry import Params
from govit.policy.engine.results import CheckResult
from govit.policy.engine.snapshot import Snapshot
from govit.policy.rules.bijie import ExAnte
from govit.policy.tests.helpers import TODAY, D, blocked, check, doc, findings, obligation

ID = "bijie"
EXCLUDED = [
    "salary",
    "travel",
    "vehicle",
    "utilities",
    "furniture",
    "office_pc",
    "consumables",
    "telecom",
    "sms",
    "content_operation",
    "office_building_it",
]


def with_params(entry_id: str, params: Params, *, target: str | None = None, **project: Any):
    """Evaluate the rulebook with one entry's params replaced (for values left to deployments)."""
    rulebook = loader.get(ID)
    entries = tuple(
        replace(entry, params=params) if entry.id == entry_id else entry
        for entry in rulebook.entries
    )
    project.setdefault("name", "测试项目")
    snapshot = Snapshot.model_validate({"as_of": TODAY, "project": project})
    return evaluate(
        snapshot, rulebook_id=ID, entries=entries, calendar=PURE_CALENDAR, target=target
    )


def complete_project() -> dict[str, Any]:
    """A project that satisfies every rule of the rulebook."""
    return {
        "name": "毕节市智慧政务服务平台升级",
        "kind": "upgrade",
        "level": "city",
        "investment": Decimal("3000000"),
        "funding_sources": ["fiscal"],
        "budget_items": [
            {"name": "软件开发", "category": "software", "amount": Decimal("2500000")},
            {"name": "运维服务", "category": "om", "amount": Decimal("500000")},
        ],
        "submitted_on": D(2025, 9, 1),
        "plan_year": 2026,
        "in_library": True,
        "in_annual_plan": True,
        "documents": [
            doc("demand_plan", reviewed=True),
            doc("crypto_plan", reviewed=True),
            doc("service_plan", reviewed=True),
            doc("control_price_review"),
            doc("performance_targets"),
            doc("resource_catalog", reviewed=True),
            doc("self_evaluation"),
        ],
        "contract": {
            "parties": ["competent", "unit", "vendor"],
            "signed_on": D(2026, 4, 1),
            "emergency_response_clause": True,
            "security_testing_clause": True,
        },
        "gov_cloud": True,
        "shares_data": True,
        "catalog_registered": True,
        "data_graded": True,
        "data_listed": True,
        "sharing_catalog_compiled": True,
        "open_catalog_compiled": True,
        "opens_data": True,
        "open_data_desensitised": True,
        "systems": [
            {
                "name": "政务服务平台",
                "in_data_catalog": True,
                "shares_data": True,
                "docked": True,
                "on_gov_cloud": True,
                "security_compliant": True,
                "crypto_compliant": True,
            }
        ],
        "inspection_issues": [],
        "operation_started_on": D(2026, 9, 1),
        "security_tests_on": [],
        "post_evaluated_on": D(2026, 11, 20),
    }


def project(**changes: Any) -> dict[str, Any]:
    facts = complete_project()
    facts.update(changes)
    return facts


def docs_without(kind: str, **replacement: Any) -> list[dict[str, Any]]:
    kept = [d for d in complete_project()["documents"] if d["type"] != kind]
    return [*kept, doc(kind, **replacement)] if replacement else kept


def gate(
    target: str, stage: str | None = None, *, unit: dict[str, Any] | None = None, **changes: Any
) -> CheckResult:
    """Evaluate a complete project at ``stage`` trying to reach ``target``, some facts changed."""
    return check(ID, target=target, unit=unit, **project(stage=stage, **changes))


# -- the state graph and coverage ------------------------------------------------------------

HAPPY_PATH = [
    ("submit", "submitted"),
    ("start_preliminary_review", "preliminary_review"),
    ("commission_review", "expert_review"),
    ("admit_to_library", "library"),
    ("include_in_plan", "planned"),
    ("approve_service_plan", "approved"),
    ("start_procurement", "procurement"),
    ("sign_contract", "contracted"),
    ("start_construction", "construction"),
    ("apply_acceptance", "acceptance"),
    ("pass_acceptance", "operation"),
    ("evaluate", "evaluated"),
    ("archive", "archived"),
]


def test_it_walks_the_happy_path_without_a_blocking_finding():
    rulebook = loader.get(ID)
    state = rulebook.spec.initial
    assert state == "draft"
    for name, expected in HAPPY_PATH:
        transition = rulebook.transition(state, name)
        assert transition is not None, f"no {name} from {state}"
        assert transition.to == expected
        result = check(ID, target=expected, transition=name, **project(stage=state))
        assert result.blocking(expected) == [], (name, result.blocking(expected))
        state = transition.to
    assert state == "archived"


def test_it_follows_the_order_of_the_text():
    states = loader.get(ID).spec.states
    order = [s for s in states if s not in ("returned", "rectification")]
    assert order[:14] == [
        "draft",
        "submitted",
        "preliminary_review",
        "expert_review",
        "library",
        "planned",
        "approved",
        "procurement",
        "contracted",
        "construction",
        "acceptance",
        "operation",
        "evaluated",
        "archived",
    ]


def test_it_can_return_reject_postpone_resume_and_terminate():
    rulebook = loader.get(ID)
    assert rulebook.transition("preliminary_review", "return").to == "returned"
    assert rulebook.transition("returned", "submit").to == "submitted"
    assert rulebook.transition("expert_review", "reject").to == "rejected"
    assert rulebook.transition("construction", "postpone").to == "suspended"
    assert rulebook.transition("suspended", "resume").to == "construction"
    assert rulebook.transition("suspended", "return_to_library").to == "library"
    assert rulebook.transition("suspended", "terminate").to == "terminated"
    assert rulebook.transition("acceptance", "fail_acceptance").to == "rectification"
    assert rulebook.transition("rectification", "reapply_acceptance").to == "acceptance"
    assert rulebook.transition("draft", "start_procurement") is None


def test_it_lets_only_the_government_approve_the_annual_plan():
    transition = loader.get(ID).transition("library", "include_in_plan")
    assert transition.roles == ["government"]
    assert transition.article == "第九条"


def test_every_state_is_reachable_from_draft():
    spec = loader.get(ID).spec
    seen = {spec.initial}
    frontier = [spec.initial]
    while frontier:
        state = frontier.pop()
        for transition in spec.transitions:
            if state in transition.source and transition.to not in seen:
                seen.add(transition.to)
                frontier.append(transition.to)
    assert seen == set(spec.states)


def test_every_article_appears_in_rules_manual_or_transitions():
    rulebook = loader.get(ID)
    cited = {entry.article for entry in rulebook.spec.rules}
    cited |= {entry.article for entry in rulebook.spec.manual}
    cited |= {t.article for t in rulebook.spec.transitions if t.article}
    wanted = {article_label(n) for n in rulebook.regulation.numbers()}
    assert len(wanted) == 36
    assert wanted - cited == set()


def test_the_articles_the_issue_names_are_rules():
    ruled = {entry.article for entry in loader.get(ID).spec.rules}
    for number in (5, 6, 7, 8, 9, 11, 13, 14, 16, 19, 22, 23, 24, 25, 28, 31, 32, 34):
        assert article_label(number) in ruled, number


# -- 第二条 scope ---------------------------------------------------------------------------


def test_it_leaves_classified_projects_to_their_own_rules():
    result = check(ID, classified=True)
    assert result.decision("in_scope") is False
    assert findings(result, "scope.classified", "info")


def test_it_keeps_unclassified_projects_in_scope():
    result = check(ID, classified=False)
    assert "in_scope" not in result.decisions
    assert not findings(result, "scope.classified")


# -- 第五条 to 第八条: demand plan, preliminary and third-party review, library -----------------


def test_it_needs_the_demand_plan_to_submit():
    result = gate("submitted", "draft", documents=docs_without("demand_plan"))
    assert blocked(result, "documents.demand_plan")
    assert result.blocking("submitted")


def test_it_submits_with_the_demand_plan():
    assert not findings(gate("submitted", "draft"), "documents.demand_plan")


def test_it_does_not_gate_a_draft_before_submission():
    result = check(ID, stage="draft")
    assert not findings(result, "documents.demand_plan")
    assert not findings(result, "documents.crypto_plan")


def test_it_needs_the_crypto_plan_in_the_demand_plan():
    result = gate("submitted", "draft", documents=docs_without("crypto_plan"))
    assert blocked(result, "documents.crypto_plan")
    assert not findings(gate("submitted", "draft"), "documents.crypto_plan")


def test_it_needs_the_crypto_plan_reviewed_before_the_library():
    unreviewed = gate(
        "library", "expert_review", documents=docs_without("crypto_plan", reviewed=False)
    )
    assert blocked(unreviewed, "review.crypto_plan")
    assert not findings(gate("library", "expert_review"), "review.crypto_plan")


def test_it_needs_the_third_party_review_of_the_demand_plan_before_the_library():
    unreviewed = gate(
        "library", "expert_review", documents=docs_without("demand_plan", reviewed=False)
    )
    assert blocked(unreviewed, "review.demand_plan")
    assert unreviewed.blocking("library")
    assert not findings(gate("library", "expert_review"), "review.demand_plan")


@pytest.mark.parametrize(
    ("submitted_on", "plan_year", "warns"),
    [
        (D(2026, 12, 31), 2027, False),
        (D(2027, 1, 1), 2027, True),
        (D(2026, 9, 1), 2026, True),
        (D(2026, 9, 1), 2028, True),
    ],
)
def test_it_expects_applications_for_the_next_year(submitted_on, plan_year, warns):
    result = gate("submitted", "draft", submitted_on=submitted_on, plan_year=plan_year)
    assert bool(findings(result, "plan.next_year", "warn")) is warns
    assert not blocked(result, "plan.next_year")


def test_it_asks_for_the_plan_year_of_a_submitted_application():
    result = gate("submitted", "draft", plan_year=None)
    assert findings(result, "plan.next_year", "info")


def test_it_plans_only_projects_of_the_library():
    result = gate("planned", "library", in_library=False)
    assert blocked(result, "library.required")
    assert result.blocking("planned")
    assert not findings(gate("planned", "library"), "library.required")
    unknown = gate("planned", "library", in_library=None)
    assert findings(unknown, "library.required", "info")


def test_it_needs_the_plan_approved_by_the_government():
    result = gate("planned", "library", in_annual_plan=False, emergency=True)
    assert blocked(result, "plan.required")
    assert result.blocking("planned")
    later = gate("approved", "planned", in_annual_plan=False)
    assert blocked(later, "plan.required")
    assert later.blocking("approved")
    assert not findings(gate("planned", "library"), "plan.required")


def test_it_does_not_ask_for_the_plan_before_the_library():
    result = check(ID, stage="expert_review", in_annual_plan=False, in_library=False)
    assert not findings(result, "plan.required")
    assert not findings(result, "library.required")


# -- 第十条 and 第十一条: funds --------------------------------------------------------------


def test_it_refuses_city_money_for_a_state_owned_enterprise():
    result = gate("procurement", "approved", funding_sources=["soe", "fiscal"])
    assert blocked(result, "budget.soe_self_funded")
    assert result.blocking("procurement")
    by_kind = check(ID, unit={"kind": "soe"}, funding_sources=["fiscal"])
    assert blocked(by_kind, "budget.soe_self_funded")


def test_it_accepts_a_self_funded_state_owned_enterprise():
    result = check(ID, unit={"kind": "soe"}, funding_sources=["soe"])
    assert not findings(result, "budget.soe_self_funded")
    other = check(ID, unit={"kind": "party_government"}, funding_sources=["fiscal"])
    assert not findings(other, "budget.soe_self_funded")


@pytest.mark.parametrize("category", EXCLUDED)
def test_it_refuses_every_excluded_budget_item(category):
    items = [
        {"name": "软件开发", "category": "software", "amount": Decimal("100000")},
        {"name": f"不支持的{category}", "category": category, "amount": Decimal("0.01")},
    ]
    result = check(ID, budget_items=items)
    assert blocked(result, "budget.excluded_items")
    assert result.decision("excluded_budget_items") == [f"不支持的{category}"]
    finding = findings(result, "budget.excluded_items", "block")[0]
    assert finding.article == "第十一条"
    assert "submitted" in finding.blocks


def test_it_accepts_supported_budget_items():
    result = check(ID, budget_items=complete_project()["budget_items"])
    assert not blocked(result, "budget.excluded_items")
    assert result.decision("excluded_budget_items") == []


# -- 第十三条 to 第十六条: service plan, review, procurement, contract ----------------------------


def test_it_needs_the_service_plan_with_its_crypto_solution():
    result = gate("approved", "planned", documents=docs_without("service_plan"))
    assert blocked(result, "documents.service_plan")
    assert not findings(gate("approved", "planned"), "documents.service_plan")


def test_it_needs_the_third_party_review_of_the_service_plan():
    result = gate("approved", "planned", documents=docs_without("service_plan", reviewed=False))
    assert blocked(result, "review.service_plan")
    assert not findings(gate("approved", "planned"), "review.service_plan")


def test_it_needs_the_review_of_the_tender_control_price_before_procurement():
    result = gate("procurement", "approved", documents=docs_without("control_price_review"))
    assert blocked(result, "review.control_price")
    assert result.blocking("procurement")
    assert not findings(gate("procurement", "approved"), "review.control_price")


@pytest.mark.parametrize(
    ("parties", "blocks"),
    [
        (["unit", "vendor"], True),
        (["competent", "unit", "vendor"], False),
        (2, True),
        (3, False),
    ],
)
def test_it_needs_a_three_party_contract(parties, blocks):
    contract = {**complete_project()["contract"], "parties": parties}
    result = gate("contracted", "procurement", contract=contract)
    assert blocked(result, "contract.three_parties") is blocks


# -- 第十九条 changes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reason", ["superior_requirement", "technical_optimization", "business_development"]
)
def test_it_sends_an_allowed_change_to_expert_review(reason):
    result = check(ID, changes=[{"reason": reason}])
    assert result.decision("change_route") == "joint_review"
    assert not blocked(result, "change.route")


def test_it_refuses_a_change_for_another_reason():
    result = check(ID, changes=[{"reason": "other"}])
    assert blocked(result, "change.route")
    assert "change_route" not in result.decisions


# -- 第二十二条 to 第二十五条: data ------------------------------------------------------------


def test_it_needs_the_reviewed_data_catalogue_for_acceptance():
    result = gate(
        "acceptance", "construction", documents=docs_without("resource_catalog", reviewed=False)
    )
    assert blocked(result, "data.catalog")
    assert result.blocking("acceptance")
    assert not findings(gate("acceptance", "construction"), "data.catalog")


def test_it_does_not_ask_for_data_duties_during_construction():
    result = check(ID, **project(stage="construction", data_graded=False, catalog_registered=False))
    assert not findings(result, "data.graded")
    assert not findings(result, "data.catalog_registered")


def test_it_needs_the_catalogue_on_the_platform_to_go_into_use():
    result = gate("operation", "acceptance", catalog_registered=False)
    assert blocked(result, "data.catalog_registered")
    assert result.blocking("operation")
    assert not findings(gate("operation", "acceptance"), "data.catalog_registered")


def test_it_names_a_system_missing_from_the_data_catalogue():
    systems = [{**complete_project()["systems"][0], "in_data_catalog": False}]
    result = gate("operation", "acceptance", systems=systems)
    assert "政务服务平台" in findings(result, "data.catalog_registered", "block")[0].message


@pytest.mark.parametrize(
    ("entry", "fact", "target", "stage"),
    [
        ("data.graded", "data_graded", "acceptance", "construction"),
        ("data.sharing_catalog", "sharing_catalog_compiled", "acceptance", "construction"),
        ("data.listed", "data_listed", "operation", "acceptance"),
        ("data.shared", "shares_data", "operation", "acceptance"),
    ],
)
def test_it_needs_each_data_duty_done(entry, fact, target, stage):
    assert blocked(gate(target, stage, **{fact: False}), entry)
    assert blocked(gate(target, stage, **{fact: None}), entry)
    assert not findings(gate(target, stage), entry)


def test_it_needs_the_open_catalogue_when_the_project_opens_data():
    result = gate("acceptance", "construction", open_catalog_compiled=False)
    assert blocked(result, "data.open_catalog")
    closed = gate("acceptance", "construction", opens_data=False, open_catalog_compiled=False)
    assert not findings(closed, "data.open_catalog")
    unknown = gate("acceptance", "construction", opens_data=None)
    assert findings(unknown, "data.open_catalog", "info")


def test_it_needs_open_data_desensitised():
    result = gate("operation", "acceptance", open_data_desensitised=False)
    assert blocked(result, "data.open_desensitised")
    assert result.blocking("operation")
    assert not findings(gate("operation", "acceptance"), "data.open_desensitised")
    closed = gate("operation", "acceptance", opens_data=False, open_data_desensitised=None)
    assert not findings(closed, "data.open_desensitised")


# -- 第二十八条 security ---------------------------------------------------------------------


@pytest.mark.parametrize("clause", ["emergency_response_clause", "security_testing_clause"])
def test_it_needs_the_security_clauses_in_the_contract(clause):
    contract = {**complete_project()["contract"], clause: False}
    result = gate("contracted", "procurement", contract=contract)
    assert blocked(result, "contract.security_clauses")
    assert not findings(gate("contracted", "procurement"), "contract.security_clauses")


def test_it_asks_for_the_clauses_it_does_not_know():
    contract = {"parties": ["competent", "unit", "vendor"]}
    result = gate("contracted", "procurement", contract=contract)
    assert findings(result, "contract.security_clauses", "info")
    assert not blocked(result, "contract.security_clauses")


def test_a_yearly_security_test_on_the_due_day_is_met():
    result = check(
        ID,
        operation_started_on=D(2025, 11, 24),
        security_tests_on=[D(2026, 11, 24)],
        as_of=D(2026, 11, 30),
    )
    first = next(o for o in result.obligations if o.kind == "security_test")
    assert first.due == D(2026, 11, 24)
    assert first.status == "met"


def test_a_yearly_security_test_the_day_after_is_overdue():
    result = check(
        ID,
        operation_started_on=D(2025, 11, 24),
        security_tests_on=[D(2026, 11, 25)],
        as_of=D(2026, 11, 30),
    )
    first, second = [o for o in result.obligations if o.kind == "security_test"]
    assert first.status == "overdue"
    assert second.status == "met"
    assert second.done_on == D(2026, 11, 25)


def test_a_yearly_security_test_due_in_the_national_day_holiday_moves_to_the_next_workday():
    start = D(2025, 10, 1)
    due_day = check(ID, operation_started_on=start, as_of=D(2026, 10, 8))
    assert obligation(due_day, "security_test").due == D(2026, 10, 8)
    assert obligation(due_day, "security_test").status == "pending"
    late = check(ID, operation_started_on=start, as_of=D(2026, 10, 9))
    assert [o.status for o in late.obligations if o.kind == "security_test"] == [
        "overdue",
        "pending",
    ]
    met = check(
        ID, operation_started_on=start, security_tests_on=[D(2026, 10, 8)], as_of=D(2026, 10, 8)
    )
    assert obligation(met, "security_test").status == "met"


def test_no_security_test_is_due_before_the_project_is_in_use():
    result = check(ID, operation_started_on=None)
    assert not [o for o in result.obligations if o.kind == "security_test"]


# -- 第三十一条 rectification ----------------------------------------------------------------


def test_it_withholds_further_funds_while_a_problem_is_not_rectified():
    issues = [{"kind": "not_docked", "found_on": D(2026, 9, 1)}]
    result = gate("procurement", "approved", inspection_issues=issues)
    assert result.decision("further_funding") == "withheld"
    assert blocked(result, "oversight.rectification")
    assert result.blocking("procurement")


def test_it_withholds_further_funds_when_the_rectification_fails():
    issues = [{"kind": "unauthorised_change", "rectified_on": D(2026, 10, 9), "confirmed": False}]
    result = check(ID, inspection_issues=issues)
    assert result.decision("further_funding") == "withheld"
    assert blocked(result, "oversight.rectification")


def test_it_releases_funds_once_rectified_and_confirmed():
    issues = [{"kind": "not_docked", "rectified_on": D(2026, 10, 9), "confirmed": True}]
    result = check(ID, inspection_issues=issues)
    assert result.decision("further_funding") == "eligible"
    assert not findings(result, "oversight.rectification")


def test_it_waits_for_the_confirmation_of_a_rectification():
    issues = [{"kind": "not_sharing", "rectified_on": D(2026, 10, 9)}]
    result = check(ID, inspection_issues=issues)
    assert result.decision("further_funding") == "eligible"
    assert findings(result, "oversight.rectification", "info")


def test_it_has_nothing_to_say_without_an_inspection_record():
    result = check(ID)
    assert "further_funding" not in result.decisions
    assert not findings(result, "oversight.rectification")


@pytest.mark.parametrize(
    ("rectified_on", "as_of", "status"),
    [
        (D(2026, 10, 8), D(2026, 10, 20), "met"),
        (D(2026, 10, 9), D(2026, 10, 20), "overdue"),
        (None, D(2026, 10, 8), "pending"),
        (None, D(2026, 10, 9), "overdue"),
    ],
)
def test_a_rectification_deadline_in_the_holiday_ends_on_the_next_workday(
    rectified_on, as_of, status
):
    issues = [
        {"kind": "not_crypto_compliant", "rectify_by": D(2026, 10, 3), "rectified_on": rectified_on}
    ]
    result = check(ID, inspection_issues=issues, as_of=as_of)
    found = obligation(result, "rectification")
    assert found.due == D(2026, 10, 8)
    assert found.status == status


def test_a_failed_rectification_does_not_meet_the_deadline():
    issues = [
        {
            "kind": "not_docked",
            "rectify_by": D(2026, 6, 30),
            "rectified_on": D(2026, 6, 1),
            "confirmed": False,
        }
    ]
    result = check(ID, inspection_issues=issues)
    assert obligation(result, "rectification").status == "overdue"


def test_it_warns_of_facts_that_show_a_listed_problem():
    systems = [{"name": "审批系统", "docked": False, "crypto_compliant": False}]
    result = check(ID, stage="construction", systems=systems, gov_cloud=False)
    warning = findings(result, "oversight.signals", "warn")
    assert warning
    assert not blocked(result, "oversight.signals")


def test_it_does_not_repeat_a_problem_the_inspection_recorded():
    systems = [{"name": "审批系统", "docked": False}]
    issues = [{"kind": "not_docked"}]
    result = check(ID, stage="construction", systems=systems, inspection_issues=issues)
    assert not findings(result, "oversight.signals")


def test_it_does_not_look_for_problems_before_implementation():
    result = check(ID, stage="planned", gov_cloud=False)
    assert not findings(result, "oversight.signals")
    clean = check(ID, **project(stage="construction"))
    assert not findings(clean, "oversight.signals")


# -- 第三十二条 and 第三十三条 performance ------------------------------------------------------


def test_it_leaves_the_major_threshold_to_the_deployment():
    result = gate("planned", "library", kind="new", investment=Decimal("90000000"))
    assert findings(result, "performance.ex_ante", "info")
    assert not blocked(result, "performance.ex_ante")
    assert "ex_ante_assessment_required" not in result.decisions


@pytest.mark.parametrize(
    ("investment", "required"),
    [("49999999.99", False), ("50000000", True), ("50000000.01", True)],
)
def test_a_configured_major_threshold_counts_from_the_amount_itself(investment, required):
    params = ExAnte(major_threshold=Decimal("50000000"))
    result = with_params(
        "performance.ex_ante",
        params,
        target="planned",
        stage="library",
        kind="new",
        investment=Decimal(investment),
    )
    assert result.decision("ex_ante_assessment_required") is required
    assert blocked(result, "performance.ex_ante") is required


def test_a_major_project_with_its_ex_ante_assessment_passes():
    params = ExAnte(major_threshold=Decimal("50000000"))
    result = with_params(
        "performance.ex_ante",
        params,
        target="planned",
        kind="new",
        investment=Decimal("60000000"),
        documents=[doc("ex_ante_assessment")],
    )
    assert result.decision("ex_ante_assessment_required") is True
    assert not blocked(result, "performance.ex_ante")


def test_only_new_projects_need_an_ex_ante_assessment():
    params = ExAnte(major_threshold=Decimal("50000000"))
    result = with_params(
        "performance.ex_ante",
        params,
        target="planned",
        kind="upgrade",
        investment=Decimal("90000000"),
    )
    assert not findings(result, "performance.ex_ante")


def test_it_needs_performance_targets_for_city_money():
    result = gate("planned", "library", documents=docs_without("performance_targets"))
    assert blocked(result, "performance.targets")
    assert not findings(gate("planned", "library"), "performance.targets")
    own = gate(
        "planned", "library", documents=docs_without("performance_targets"), funding_sources=["soe"]
    )
    assert not findings(own, "performance.targets")


def test_it_warns_when_the_self_evaluation_is_missing():
    result = gate("evaluated", "operation", documents=docs_without("self_evaluation"))
    assert findings(result, "performance.self_evaluation", "warn")
    assert not blocked(result, "performance.self_evaluation")
    assert not findings(gate("evaluated", "operation"), "performance.self_evaluation")


def test_it_needs_the_comprehensive_assessment():
    result = gate("evaluated", "operation", post_evaluated_on=None)
    assert blocked(result, "evaluation.comprehensive")
    assert result.blocking("evaluated")


@pytest.mark.parametrize(
    ("assessed_on", "blocks"),
    [(D(2026, 8, 31), True), (D(2026, 9, 1), False), (D(2026, 9, 2), False)],
)
def test_the_comprehensive_assessment_follows_the_start_of_use(assessed_on, blocks):
    result = gate("evaluated", "operation", post_evaluated_on=assessed_on)
    assert blocked(result, "evaluation.comprehensive") is blocks


# -- 第三十四条 city review ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("investment", "required"),
    [("999999.99", False), ("1000000", True), ("1000000.01", True)],
)
def test_a_county_project_of_a_million_or_more_needs_the_city_review(investment, required):
    result = check(ID, level="county", investment=Decimal(investment))
    assert result.decision("city_review_required") is required


@pytest.mark.parametrize(
    "facts",
    [
        {"uses_third_party_system": True},
        {"funding_sources": ["superior"]},
        {"funding_sources": ["self"]},
    ],
)
def test_third_party_systems_and_other_money_need_the_city_review(facts):
    result = check(ID, level="city", investment=Decimal("10000"), **facts)
    assert result.decision("city_review_required") is True


def test_a_city_project_on_city_money_needs_no_extra_review():
    result = check(ID, level="city", investment=Decimal("5000000"), funding_sources=["fiscal"])
    assert result.decision("city_review_required") is False
