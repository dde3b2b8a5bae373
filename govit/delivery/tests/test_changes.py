"""Change requests: the route each rulebook decides at its boundaries, approval by the
competent department only, the project's change facts and the cumulative share."""

import datetime as dt
from decimal import Decimal

import pytest

from govit.core.models import AuditEvent
from govit.delivery import changes
from govit.delivery.errors import NotPermitted
from govit.delivery.models import ChangeRequest
from govit.delivery.tests.helpers import approved_project, record_approval
from govit.projects.models import Change
from govit.projects.snapshots import build_snapshot
from govit.projects.tests.factories import add_documents

pytestmark = pytest.mark.django_db

ESTIMATE = Decimal("1000000.00")


def ask(actor, project, amount, reason="technical_optimization", **kwargs):
    return changes.change_request(
        actor=actor,
        project=project,
        reason=reason,
        description="调整接口",
        amount=Decimal(amount),
        requested_on=dt.date(2026, 7, 1),
        content_before="A",
        content_after="B",
        **kwargs,
    )


@pytest.mark.parametrize(
    ("amount", "route"), [("150000.00", "filing"), ("150000.01", "reapproval")]
)
def test_wuhan_files_a_change_up_to_fifteen_percent(applicant, unit_org, amount, route):
    project = approved_project(unit_org, approved_estimate=ESTIMATE)
    change = ask(applicant, project, amount)
    assert (change.route, change.route_article) == (route, "第十九条")
    assert AuditEvent.objects.filter(action="delivery.change_request").count() == 1


def test_wuhan_reapproves_a_change_of_goal(applicant, unit_org):
    project = approved_project(unit_org, approved_estimate=ESTIMATE)
    assert ask(applicant, project, "1.00", goal_changed=True).route == "reapproval"


def test_wuhan_reapproves_a_change_over_the_estimate(applicant, unit_org):
    project = approved_project(unit_org, approved_estimate=ESTIMATE)
    assert ask(applicant, project, "1.00", exceeds_estimate=True).route == "reapproval"


@pytest.mark.parametrize(
    ("amount", "route"), [("199999.99", "filing"), ("200000.00", "joint_review")]
)
def test_kaihua_sends_changes_from_200000_yuan_to_joint_review(applicant, unit_org, amount, route):
    project = approved_project(unit_org, rulebook="kaihua", approved_estimate=Decimal("10000000"))
    add_documents(project, "change_form")
    assert ask(applicant, project, amount).route == route


def test_kaihua_refuses_a_change_without_its_application_form(applicant, unit_org):
    project = approved_project(unit_org, rulebook="kaihua", approved_estimate=Decimal("10000000"))
    with pytest.raises(changes.ChangeRefused) as error:
        ask(applicant, project, "1.00")
    assert error.value.problems[0].article == "第十二条"
    assert not ChangeRequest.objects.exists()


@pytest.mark.parametrize(("reason", "allowed"), [("business_development", True), ("other", False)])
def test_bijie_sends_allowed_reasons_to_expert_review_and_refuses_others(
    applicant, unit_org, reason, allowed
):
    project = approved_project(unit_org, rulebook="bijie", approved_estimate=ESTIMATE)
    if allowed:
        assert ask(applicant, project, "1.00", reason=reason).route == "joint_review"
    else:
        with pytest.raises(changes.ChangeRefused) as error:
            ask(applicant, project, "1.00", reason=reason)
        assert error.value.problems[0].article == "第十九条"


def test_the_estimate_of_the_approval_record_is_the_base(applicant, unit_org):
    project = approved_project(unit_org, approved_estimate=ESTIMATE)
    record_approval(applicant, project, approved_estimate=Decimal("2000000.00"))
    project.refresh_from_db()
    change = ask(applicant, project, "200000.00")
    assert change.route == "filing"  # 10% of the approved 2,000,000 (20% of the project's own)
    changes.change_approve(actor=_competent(), change=change, approved_on=dt.date(2026, 7, 2))
    assert changes.cumulative(project)["share"] == Decimal(10)


def _competent():
    from govit.orgs.choices import Role
    from govit.orgs.tests.factories import member

    return member(Role.COMPETENT, username="c2")


def test_only_the_competent_department_approves_and_the_snapshot_sees_it(
    applicant, reviewer, finance_clerk, unit_org
):
    project = approved_project(unit_org, approved_estimate=ESTIMATE)
    change = ask(applicant, project, "100000.00")
    for actor in (applicant, finance_clerk):
        with pytest.raises(NotPermitted):
            changes.change_approve(actor=actor, change=change, approved_on=dt.date(2026, 7, 2))
    approved = changes.change_approve(
        actor=reviewer, change=change, approved_on=dt.date(2026, 7, 2)
    )
    assert approved.status == ChangeRequest.Status.APPROVED
    assert Change.objects.get(project=project).approved is True
    project.refresh_from_db()
    assert build_snapshot(project).project.changes[-1].amount == Decimal("100000.00")
    assert changes.cumulative(project)["total"] == Decimal("100000.00")
    with pytest.raises(changes.ChangeUnavailable):
        changes.change_approve(actor=reviewer, change=change, approved_on=dt.date(2026, 7, 2))


def test_other_units_and_finance_cannot_ask_for_changes(other_applicant, finance_clerk, unit_org):
    project = approved_project(unit_org, approved_estimate=ESTIMATE)
    for actor in (other_applicant, finance_clerk):
        with pytest.raises(NotPermitted):
            ask(actor, project, "1.00")


def test_the_pages_and_api_ask_for_and_approve_a_change(client, applicant, reviewer, unit_org):
    from django.urls import reverse

    project = approved_project(unit_org, approved_estimate=ESTIMATE)
    client.force_login(applicant)
    response = client.post(
        reverse("delivery-change-new", args=[project.pk]),
        {
            "reason": "technical_optimization",
            "description": "调整接口",
            "amount": "150000.00",
            "requested_on": "2026-07-01",
        },
    )
    assert response.status_code == 302, response.content.decode()
    change = ChangeRequest.objects.get()
    assert change.route == "filing"
    assert (
        client.get(reverse("delivery-change-approve", args=[project.pk, change.pk])).status_code
        == 403
    )
    client.force_login(reviewer)
    url = f"/api/v1/projects/{project.pk}/delivery/changes/{change.pk}/approval"
    response = client.post(url, {"approved_on": "2026-07-02"}, content_type="application/json")
    assert response.status_code == 201, response.content
    listing = client.get(f"/api/v1/projects/{project.pk}/delivery/changes").json()
    assert Decimal(listing["share_percent"]) == Decimal(15)
    page = client.get(reverse("delivery-detail", args=[project.pk])).content.decode()
    assert "15.0%" in page
