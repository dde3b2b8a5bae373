"""Bijie 第三十三条: a vendor's comprehensive-assessment result is an important basis of the
next year's service procurement, so where a procurement or contract names the vendor its
latest result (this year's, else last year's) shows with the article and a link to the
vendor's page; not where there is none, not to roles that may not see vendors' figures, not
in rulebooks where the evaluation app lists no such use; a constant number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from govit.delivery import vendor_results
from govit.delivery.models import Contract, Procurement
from govit.delivery.tests.helpers import approved_project
from govit.evaluation.models import Evaluation
from govit.orgs.choices import Role
from govit.orgs.tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


def assess(project, vendor, total, year, recorded_by):
    return Evaluation.objects.create(
        project=project,
        kind="comprehensive",
        subject="vendor",
        subject_org=vendor,
        conducted_on=dt.date(year, 6, 1),
        total=Decimal(total),
        grade="good",
        recorded_by=recorded_by,
    )


def contracted(project, vendor, title="合同"):
    contract = Contract.objects.create(
        project=project,
        title=title,
        vendor=vendor,
        amount=Decimal("500000"),
        signed_on=dt.date(2026, 5, 1),
    )
    procurement = Procurement.objects.create(
        project=project,
        title=f"{title}采购",
        method="public_tender",
        budget_amount=Decimal("600000"),
        planned_on=dt.date(2026, 3, 1),
        awarded_on=dt.date(2026, 4, 1),
        winning_vendor=vendor,
        award_amount=Decimal("500000"),
        contract=contract,
        status=Procurement.Status.CONTRACTED,
    )
    return contract, procurement


@pytest.fixture
def bijie(unit_org):
    return approved_project(unit_org, rulebook="bijie")


@pytest.fixture
def acme():
    return OrganisationFactory(name="甲软件公司", kind=Role.VENDOR)


def pages(project, contract, procurement):
    return [
        reverse("delivery-procurement", args=[project.pk, procurement.pk]),
        reverse("delivery-contract", args=[project.pk, contract.pk]),
        reverse("delivery-detail", args=[project.pk]),
    ]


def test_this_years_result_shows_with_the_article_and_the_vendor_page(
    client, reviewer, bijie, acme
):
    year = timezone.localdate().year
    assess(bijie, acme, "80", year - 1, reviewer)
    assess(bijie, acme, "91", year, reviewer)
    contract, procurement = contracted(bijie, acme)
    client.force_login(reviewer)
    for url in pages(bijie, contract, procurement):
        html = client.get(url).content.decode()
        assert 'data-testid="vendor-result"' in html, url
        assert "91.00" in html
        assert "第三十三条" in html
        assert reverse("report-vendor", args=[acme.pk]) in html
    result = client.get(pages(bijie, contract, procurement)[0]).context["vendor_result"]
    assert (result.year, result.score, result.article) == (year, Decimal("91.00"), "第三十三条")
    assert result.grade == "excellent"


def test_last_years_result_when_none_this_year(reviewer, bijie, acme):
    year = timezone.localdate().year
    assess(bijie, acme, "75", year - 1, reviewer)
    assess(bijie, acme, "99", year - 2, reviewer)
    result = vendor_results.of_vendor(reviewer, "bijie", acme)
    assert result is not None
    assert (result.year, result.score) == (year - 1, Decimal("75.00"))


def test_absent_without_a_result(client, reviewer, bijie, acme):
    contract, procurement = contracted(bijie, acme)
    client.force_login(reviewer)
    for url in pages(bijie, contract, procurement):
        assert 'data-testid="vendor-result"' not in client.get(url).content.decode()


def test_not_shown_to_roles_that_may_not_see_vendors_figures(
    client, applicant, reviewer, bijie, acme
):
    """The project unit sees the procurement but no vendor's figures (they span other
    units' projects); the vendor's own staff see their own result on their contract."""
    assess(bijie, acme, "91", timezone.localdate().year, reviewer)
    contract, procurement = contracted(bijie, acme)
    client.force_login(applicant)
    for url in pages(bijie, contract, procurement):
        response = client.get(url)
        assert response.status_code == 200
        assert 'data-testid="vendor-result"' not in response.content.decode(), url
    staff = member(Role.VENDOR, acme, username="acme")
    client.force_login(staff)
    own = client.get(reverse("delivery-contract", args=[bijie.pk, contract.pk]))
    assert own.status_code == 200
    assert 'data-testid="vendor-result"' in own.content.decode()


def test_not_in_a_rulebook_without_the_use(client, reviewer, unit_org, acme):
    wuhan = approved_project(unit_org, rulebook="wuhan")
    assess(wuhan, acme, "91", timezone.localdate().year, reviewer)
    contract, procurement = contracted(wuhan, acme)
    client.force_login(reviewer)
    for url in pages(wuhan, contract, procurement):
        assert 'data-testid="vendor-result"' not in client.get(url).content.decode()
    assert vendor_results.of_vendor(reviewer, "wuhan", acme) is None


def test_the_delivery_page_does_not_grow_with_vendors(client, reviewer, bijie, acme):
    year = timezone.localdate().year
    # One vendor with this year's result, one with last year's only: both years are read.
    assess(bijie, acme, "91", year, reviewer)
    contracted(bijie, acme)
    beta = OrganisationFactory(name="乙集成公司", kind=Role.VENDOR)
    assess(bijie, beta, "70", year - 1, reviewer)
    contracted(bijie, beta, title="乙合同")
    client.force_login(reviewer)
    url = reverse("delivery-detail", args=[bijie.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for number in range(4):
        other = OrganisationFactory(name=f"供应商{number}", kind=Role.VENDOR)
        assess(bijie, other, "70", year - 1, reviewer)
        contracted(bijie, other, title=f"合同{number}")
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert response.content.decode().count('data-testid="vendor-result"') == 12
    assert len(after) == len(before)
