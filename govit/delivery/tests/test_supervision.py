"""Supervision (监理): required by the rulebook (Kaihua 第十一条: 200万元以上, 含本数), the
supervisor organisation engaged and filed, its own users writing its reports."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from govit.core.models import AuditEvent
from govit.delivery import supervision
from govit.delivery.errors import NotPermitted
from govit.delivery.tests.helpers import approved_project
from govit.orgs.choices import Role
from govit.orgs.tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor_org():
    return OrganisationFactory(kind=Role.SUPERVISOR, name="某监理公司")


@pytest.fixture
def supervisor(supervisor_org):
    return member(Role.SUPERVISOR, supervisor_org, username="supervisor")


def engage(actor, project, org):
    return supervision.supervision_engage(
        actor=actor, project=project, supervisor=org, engaged_on=dt.date(2026, 5, 10)
    )


@pytest.mark.parametrize(("amount", "required"), [("2000000.00", True), ("1999999.99", False)])
def test_kaihua_requires_a_supervisor_from_two_million(unit_org, amount, required):
    project = approved_project(unit_org, rulebook="kaihua", kind="new", investment=Decimal(amount))
    decision = supervision.supervision_decision(project)
    assert decision is not None
    assert bool(decision.value) is required
    assert decision.article == "第十一条"


def test_engaging_and_filing_the_supervisor_sets_the_project_facts(
    applicant, unit_org, supervisor_org
):
    project = approved_project(unit_org)
    engagement = engage(applicant, project, supervisor_org)
    project.refresh_from_db()
    assert project.supervision is True
    with pytest.raises(ValidationError):
        supervision.supervision_file(
            actor=applicant, engagement=engagement, filed_on=dt.date(2026, 5, 9)
        )
    supervision.supervision_file(
        actor=applicant, engagement=engagement, filed_on=dt.date(2026, 5, 12)
    )
    project.refresh_from_db()
    assert project.supervision_filed_on == dt.date(2026, 5, 12)
    assert AuditEvent.objects.filter(action__startswith="delivery.supervision_").count() == 2


def test_only_a_supervisor_organisation_may_be_engaged_once(applicant, unit_org, supervisor_org):
    project = approved_project(unit_org)
    with pytest.raises(ValidationError):
        engage(applicant, project, OrganisationFactory(kind=Role.VENDOR))
    engage(applicant, project, supervisor_org)
    with pytest.raises(ValidationError):
        engage(applicant, project, supervisor_org)


def test_finance_and_other_units_cannot_engage(
    finance_clerk, other_applicant, unit_org, supervisor_org
):
    project = approved_project(unit_org)
    for actor in (finance_clerk, other_applicant):
        with pytest.raises(NotPermitted):
            engage(actor, project, supervisor_org)


def report(actor, engagement, **kwargs):
    values = {
        "kind": "monthly",
        "period_start": dt.date(2026, 6, 1),
        "period_end": dt.date(2026, 6, 30),
        "summary": "进度正常",
        **kwargs,
    }
    return supervision.supervision_report(actor=actor, engagement=engagement, **values)


def test_only_the_engaged_supervisors_users_write_its_reports(
    applicant, reviewer, unit_org, supervisor_org, supervisor
):
    engagement = engage(applicant, approved_project(unit_org), supervisor_org)
    assert report(supervisor, engagement).summary == "进度正常"
    stranger = member(Role.SUPERVISOR, OrganisationFactory(kind=Role.SUPERVISOR), username="s2")
    for actor in (applicant, reviewer, stranger):
        with pytest.raises(NotPermitted):
            report(actor, engagement)
    with pytest.raises(ValidationError):
        report(supervisor, engagement, period_end=dt.date(2026, 5, 31))


def test_the_supervisor_sees_its_engagement_but_not_the_project(
    client, applicant, unit_org, supervisor_org, supervisor
):
    project = approved_project(unit_org)
    engagement = engage(applicant, project, supervisor_org)
    client.force_login(supervisor)
    assert client.get(reverse("delivery-supervision", args=[engagement.pk])).status_code == 200
    assert client.get(reverse("delivery-detail", args=[project.pk])).status_code == 404
    response = client.post(
        reverse("delivery-supervision-report", args=[engagement.pk]),
        {
            "kind": "monthly",
            "period_start": "2026-06-01",
            "period_end": "2026-06-30",
            "summary": "本月完成接口开发",
        },
    )
    assert response.status_code == 302
    assert engagement.reports.count() == 1
    stranger = member(Role.SUPERVISOR, OrganisationFactory(kind=Role.SUPERVISOR), username="s3")
    client.force_login(stranger)
    assert client.get(reverse("delivery-supervision", args=[engagement.pk])).status_code == 404
