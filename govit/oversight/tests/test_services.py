"""Oversight: finding kinds per rulebook with their article, orders with a deadline in
working days, the unit's report with evidence, the re-check, escalation only when not
rectified, sanctions that stop the project and its payments, roles refused, audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from govit.core.models import AuditEvent
from govit.delivery.errors import PaymentRefused
from govit.delivery.tests.helpers import approved_project, pay, record_approval
from govit.orgs.models import Organisation, User
from govit.oversight import data, services
from govit.oversight.errors import EscalationRefused, NotPermitted
from govit.oversight.models import Finding, RectificationOrder
from govit.projects.models import Project
from govit.projects.services.lifecycle import check_steps
from govit.projects.tests.factories import add_documents


def test_finding_kinds_per_rulebook_cite_their_articles() -> None:
    kinds = data.load()
    assert len(kinds["bijie"].kinds) == 9
    assert {k.article for k in kinds["bijie"].kinds} == {"第三十一条"}
    assert {k.article for k in kinds["wuhan"].kinds} == {"第二十五条"}
    assert {k.article for k in kinds["gaoping"].kinds} == {"第二十二条"}
    assert kinds["wuhan"].sanction("suspend_project") is not None
    assert kinds["kaihua"].sanctions == ()  # the text provides none


def _finding(actor: User, project: Project, kind: str = "violation") -> Finding:
    inspection = services.inspection_open(
        actor=actor, project=project, inspected_on=dt.date(2026, 5, 1), offices=["audit", "crypto"]
    )
    return services.finding_add(
        actor=actor, inspection=inspection, kind=kind, description="未按批复建设"
    )


def _order(actor: User, project: Project, days: int = 10, **kw: object) -> RectificationOrder:
    return services.order_issue(
        actor=actor,
        project=project,
        findings=[_finding(actor, project)],
        working_days=days,
        **kw,  # type: ignore[arg-type]
    )


def test_inspection_and_finding(reviewer: User, unit_org: Organisation) -> None:
    project = approved_project(unit_org)
    finding = _finding(reviewer, project)
    assert (finding.article, finding.quote) == (
        "第二十五条",
        "发现违反国家、省、市有关规定或者批复要求的",
    )
    with pytest.raises(ValidationError):
        _finding(reviewer, project, kind="not_on_city_cloud")  # a Bijie kind
    assert AuditEvent.objects.filter(action="oversight.finding_add").count() == 1


@pytest.mark.parametrize("who", ["applicant", "other_applicant", "expert", "vendor"])
def test_only_the_competent_department_and_finance_inspect(
    request: pytest.FixtureRequest, unit_org: Organisation, who: str
) -> None:
    with pytest.raises(NotPermitted):
        services.inspection_open(
            actor=request.getfixturevalue(who),
            project=approved_project(unit_org),
            inspected_on=dt.date(2026, 5, 1),
            offices=[],
        )


@pytest.mark.parametrize(
    ("issued", "days", "due"),
    [
        (dt.date(2025, 1, 3), 1, dt.date(2025, 1, 6)),  # Friday: the next Monday
        (dt.date(2025, 1, 6), 5, dt.date(2025, 1, 13)),
        (dt.date(2025, 9, 30), 1, dt.date(2025, 10, 9)),  # over National Day
        (dt.date(2025, 9, 26), 1, dt.date(2025, 9, 28)),  # a Sunday worked in lieu
    ],
)
def test_deadline_in_working_days(
    finance_clerk: User, unit_org: Organisation, issued: dt.date, days: int, due: dt.date
) -> None:
    order = _order(finance_clerk, approved_project(unit_org), days, issued_on=issued)
    assert order.due_on == due
    assert order.article == "第二十五条"


def test_escalation_boundary_on_the_due_day(reviewer: User, unit_org: Organisation) -> None:
    order = _order(reviewer, approved_project(unit_org), 1, issued_on=dt.date(2025, 1, 3))
    assert not services.escalation_open(order, dt.date(2025, 1, 6))  # the due day itself
    assert services.escalation_open(order, dt.date(2025, 1, 7))


def test_not_escalated_before_the_deadline(reviewer: User, unit_org: Organisation) -> None:
    order = _order(reviewer, approved_project(unit_org), 10)
    with pytest.raises(EscalationRefused) as refused:
        services.order_escalate(actor=reviewer, order=order, kind="criticism")
    assert refused.value.problems[0].article == "第二十五条"


def test_report_recheck_and_escalation(
    reviewer: User, applicant: User, other_applicant: User, unit_org: Organisation
) -> None:
    project = approved_project(unit_org)
    order = _order(reviewer, project)
    evidence = add_documents(project, "other")
    with pytest.raises(ValidationError):
        services.rectification_report(actor=applicant, order=order, report="已整改", evidence=[])
    with pytest.raises(NotPermitted):
        services.rectification_report(
            actor=other_applicant, order=order, report="已整改", evidence=evidence
        )
    services.rectification_report(actor=applicant, order=order, report="已整改", evidence=evidence)
    with pytest.raises(NotPermitted):
        services.order_recheck(actor=applicant, order=order, passed=True)
    services.order_recheck(actor=reviewer, order=order, passed=False, note="仍不符合")
    with pytest.raises(ValidationError):
        services.order_escalate(actor=reviewer, order=order, kind="suspend_funds")  # not Wuhan's
    sanction = services.order_escalate(actor=reviewer, order=order, kind="criticism")
    assert (sanction.article, sanction.quote) == ("第二十五条", "通报批评")
    with pytest.raises(ValidationError):
        services.sanction_lift(actor=reviewer, sanction=sanction)  # not rectified yet
    services.rectification_report(
        actor=applicant, order=order, report="再次整改", evidence=evidence
    )
    services.order_recheck(actor=reviewer, order=order, passed=True)
    lifted = services.sanction_lift(actor=reviewer, sanction=sanction)
    assert lifted.lifted_on == timezone.localdate()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "oversight.order_issue",
        "oversight.rectification_report",
        "oversight.order_recheck",
        "oversight.order_escalate",
        "oversight.sanction_lift",
    } <= actions


def _overdue(actor: User, project: Project) -> RectificationOrder:
    return _order(actor, project, 1, issued_on=timezone.localdate() - dt.timedelta(days=30))


def test_a_suspended_project_cannot_move(reviewer: User, unit_org: Organisation) -> None:
    project = approved_project(unit_org)
    order = _overdue(reviewer, project)
    assert not any(
        f.rule.startswith("oversight.")
        for check in check_steps(actor=reviewer, project=project)
        for f in check.blocking
    )
    services.order_escalate(actor=reviewer, order=order, kind="suspend_project")
    checks = {c.transition.to: c for c in check_steps(actor=reviewer, project=project)}
    blocked = [
        t
        for t, c in checks.items()
        if any(f.rule == "oversight.suspend_project" for f in c.blocking)
    ]
    assert blocked
    assert all(checks[t].transition.to not in ("suspended", "terminated") for t in blocked)
    finding = next(f for f in checks[blocked[0]].blocking if f.rule == "oversight.suspend_project")
    assert finding.article == "第二十五条"


def test_suspended_funds_cannot_be_paid(
    reviewer: User, applicant: User, finance_clerk: User, unit_org: Organisation
) -> None:
    project = approved_project(unit_org, rulebook="gaoping")
    record_approval(applicant, project)
    pay(finance_clerk, project, Decimal(1000))
    inspection = services.inspection_open(
        actor=reviewer, project=project, inspected_on=dt.date(2026, 5, 1), offices=["finance"]
    )
    finding = services.finding_add(
        actor=reviewer, inspection=inspection, kind="changed_content", description="擅自调整"
    )
    order = services.order_issue(
        actor=reviewer,
        project=project,
        findings=[finding],
        working_days=1,
        issued_on=timezone.localdate() - dt.timedelta(days=30),
    )
    sanction = services.order_escalate(actor=reviewer, order=order, kind="suspend_funds")
    with pytest.raises(PaymentRefused) as refused:
        pay(finance_clerk, project, Decimal(1000))
    problem = next(p for p in refused.value.problems if p.rule == "oversight.suspend_funds")
    assert (problem.article, problem.quote) == ("第二十二条", "暂停拨付项目建设和运维资金")
    services.rectification_report(
        actor=applicant, order=order, report="恢复", evidence=add_documents(project, "other")
    )
    services.order_recheck(actor=reviewer, order=order, passed=True)
    services.sanction_lift(actor=reviewer, sanction=sanction)
    pay(finance_clerk, project, Decimal(1000))  # paid again once lifted
