"""Change decisions: a rejection with its reason leaves the project as it was; an approved
change updates the project's facts and keeps a version with both sides to compare."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from govit.core.models import AuditEvent
from govit.delivery import changes
from govit.delivery.errors import NotPermitted
from govit.delivery.models import ChangeRequest, ProjectVersion
from govit.delivery.tests.helpers import approved_project, record_approval

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 7, 1)


def ask(actor, project, amount="100000.00", **kwargs):
    return changes.change_request(
        actor=actor,
        project=project,
        reason="technical_optimization",
        description="调整接口",
        amount=Decimal(amount),
        requested_on=DAY,
        **kwargs,
    )


@pytest.fixture
def project(applicant, unit_org):
    project = approved_project(unit_org, investment=Decimal("1000000.00"))
    record_approval(applicant, project, approved_estimate=Decimal("1000000.00"))
    return project


def test_a_rejection_needs_a_reason_and_changes_nothing(applicant, reviewer, project):
    change = ask(applicant, project, investment_after=Decimal("1100000.00"))
    with pytest.raises(NotPermitted):
        changes.change_reject(actor=applicant, change=change, rejected_on=DAY, reason="x")
    with pytest.raises(ValidationError):
        changes.change_reject(actor=reviewer, change=change, rejected_on=DAY, reason=" ")
    change = changes.change_reject(
        actor=reviewer, change=change, rejected_on=DAY, reason="理由不充分"
    )
    assert change.status == ChangeRequest.Status.REJECTED
    project.refresh_from_db()
    assert project.investment == Decimal("1000000.00")
    assert changes.cumulative(project)["total"] == 0
    with pytest.raises(changes.ChangeUnavailable):
        changes.change_approve(actor=reviewer, change=change, approved_on=DAY)
    assert AuditEvent.objects.filter(action="delivery.change_reject").count() == 1


def test_an_approved_change_updates_the_project_with_a_version(applicant, reviewer, project):
    change = ask(
        applicant,
        project,
        investment_after=Decimal("1100000.00"),
        content_after="增加统一身份认证对接",
    )
    changes.change_approve(actor=reviewer, change=change, approved_on=DAY)
    project.refresh_from_db()
    assert project.investment == Decimal("1100000.00")
    assert project.description == "增加统一身份认证对接"
    version = ProjectVersion.objects.get(change=change)
    assert version.number == 1
    differences = {name: (before, after) for name, before, after in version.differences()}
    assert differences["investment"] == ("1000000.00", "1100000.00")
    assert "approved_estimate" not in differences
    second = ask(applicant, project, "50000.00")
    changes.change_approve(actor=reviewer, change=second, approved_on=DAY)
    assert ProjectVersion.objects.get(change=second).number == 2
    assert ProjectVersion.objects.get(change=second).differences() == []
    assert changes.cumulative(project)["total"] == Decimal("150000.00")


def test_the_page_shows_the_versions_and_the_rejection_reason(client, applicant, reviewer, project):
    approved = ask(applicant, project, investment_after=Decimal("1100000.00"))
    changes.change_approve(actor=reviewer, change=approved, approved_on=DAY)
    rejected = ask(applicant, project)
    client.force_login(reviewer)
    response = client.post(
        reverse("delivery-change-reject", args=[project.pk, rejected.pk]),
        {"rejected_on": "2026-07-02", "reason": "与既有系统重复"},
    )
    assert response.status_code == 302
    page = client.get(reverse("delivery-detail", args=[project.pk])).content.decode()
    assert "与既有系统重复" in page
    assert 'data-testid="versions"' in page
    assert "110万元" in page
    client.force_login(applicant)
    assert (
        client.get(reverse("delivery-change-reject", args=[project.pk, rejected.pk])).status_code
        == 403
    )
