"""Procurement: the deployment's thresholds at their boundaries (含本数), the rulebook's
findings on the method with their articles, the control price review (Bijie 第十四条), the
award and the contract link; refused roles and other units; audit events."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from govit.core.models import AuditEvent
from govit.delivery import procurement
from govit.delivery.errors import NotPermitted
from govit.delivery.models import Contract, Procurement
from govit.delivery.tests.helpers import approved_project
from govit.orgs.choices import Role
from govit.orgs.tests.factories import OrganisationFactory
from govit.projects.tests.factories import add_documents

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _thresholds(settings):
    settings.GOVIT_PROCUREMENT_THRESHOLD = 1_000_000
    settings.GOVIT_PUBLIC_TENDER_THRESHOLD = 2_000_000


def plan(actor, project, amount="500000.00", method="public_tender", **kwargs):
    return procurement.procurement_record(
        actor=actor,
        project=project,
        title="平台建设采购",
        method=method,
        budget_amount=Decimal(amount),
        planned_on=dt.date(2026, 4, 1),
        **kwargs,
    )


def deployment(findings):
    return [f for f in findings if f.source == "deployment"]


@pytest.mark.parametrize(("amount", "warned"), [("2000000.00", True), ("1999999.99", False)])
def test_the_public_tender_threshold_includes_itself(applicant, unit_org, amount, warned):
    project = approved_project(unit_org)
    item = plan(applicant, project, amount, method="inquiry")
    found = deployment(procurement.method_findings(item))
    warnings = [f for f in found if f.severity == "warn"]
    assert bool(warnings) is warned
    if warned:
        assert warnings[0].article == "《政府采购法》第二十七条"


def test_public_tender_over_the_threshold_is_not_warned(applicant, unit_org):
    item = plan(applicant, approved_project(unit_org), "5000000.00", method="public_tender")
    assert all(f.severity == "info" for f in deployment(procurement.method_findings(item)))


@pytest.mark.parametrize(
    ("amount", "phrase"),
    [("1000000.00", "政府采购"), ("999999.99", "自行")],
)
def test_the_procurement_threshold_includes_itself(applicant, unit_org, amount, phrase):
    item = plan(applicant, approved_project(unit_org), amount)
    (finding,) = deployment(procurement.method_findings(item))
    assert phrase in finding.message


def test_the_thresholds_come_from_the_settings(settings, applicant, unit_org):
    settings.GOVIT_PUBLIC_TENDER_THRESHOLD = 400_000
    item = plan(applicant, approved_project(unit_org), "400000.00", method="single_source")
    assert any(f.severity == "warn" for f in deployment(procurement.method_findings(item)))


def test_gaoping_single_source_is_found_against_its_article(applicant, unit_org):
    project = approved_project(unit_org, rulebook="gaoping", complex_project=True)
    item = plan(applicant, project, method="single_source")
    rules = [f for f in procurement.method_findings(item) if f.source == "gaoping"]
    assert rules
    assert rules[0].article == "第十五条"
    item.method = "public_tender"
    assert not [f for f in procurement.method_findings(item) if f.source == "gaoping"]


def test_harbin_reports_its_unconfigured_threshold_with_the_article(applicant, unit_org):
    project = approved_project(unit_org, rulebook="harbin")
    rules = [
        f for f in procurement.method_findings(plan(applicant, project)) if f.source == "harbin"
    ]
    assert rules
    assert rules[0].article == "第二十三条"


def test_bijie_control_price_review_is_recorded_with_its_document(reviewer, unit_org):
    project = approved_project(unit_org, rulebook="bijie")
    item = plan(reviewer, project, "800000.00")
    before = [f for f in procurement.method_findings(item) if f.rule == "review.control_price"]
    assert before
    assert before[0].article == "第十四条"
    (wrong,) = add_documents(project, "service_plan")
    with pytest.raises(ValidationError) as error:
        procurement.procurement_control_price(
            actor=reviewer,
            procurement=item,
            control_price=Decimal("750000.00"),
            reviewer="贵州某工程咨询有限公司",
            reviewed_on=dt.date(2026, 4, 10),
            document=wrong,
        )
    assert "document" in error.value.message_dict
    (review,) = add_documents(project, "control_price_review")
    item = procurement.procurement_control_price(
        actor=reviewer,
        procurement=item,
        control_price=Decimal("750000.00"),
        reviewer="贵州某工程咨询有限公司",
        reviewed_on=dt.date(2026, 4, 10),
        document=review,
    )
    assert item.control_price_review_document == review
    after = [f for f in procurement.method_findings(item) if f.rule == "review.control_price"]
    assert not after
    assert AuditEvent.objects.filter(action="delivery.procurement_control_price").count() == 1


def test_the_control_price_cannot_exceed_the_budget(applicant, unit_org):
    project = approved_project(unit_org)
    with pytest.raises(ValidationError):
        plan(applicant, project, "500000.00", control_price=Decimal("500000.01"))
    assert plan(applicant, project, "500000.00", control_price=Decimal("500000.00")).pk


def test_award_up_to_the_control_price_and_the_contract_link(applicant, unit_org):
    project = approved_project(unit_org)
    item = plan(applicant, project, "500000.00", control_price=Decimal("480000.00"))
    vendor = OrganisationFactory(kind=Role.VENDOR)
    with pytest.raises(ValidationError) as error:
        procurement.procurement_award(
            actor=applicant,
            procurement=item,
            vendor=vendor,
            award_amount=Decimal("480000.01"),
            awarded_on=dt.date(2026, 5, 1),
        )
    assert "award_amount" in error.value.message_dict
    item = procurement.procurement_award(
        actor=applicant,
        procurement=item,
        vendor=vendor,
        award_amount=Decimal("480000.00"),
        awarded_on=dt.date(2026, 5, 1),
    )
    assert item.status == Procurement.Status.AWARDED
    other = Contract.objects.create(
        project=project,
        title="另一合同",
        vendor=OrganisationFactory(kind=Role.VENDOR),
        parties=["unit", "vendor"],
        amount=1,
        signed_on=dt.date(2026, 5, 5),
    )
    with pytest.raises(ValidationError):
        procurement.procurement_contract_link(actor=applicant, procurement=item, contract=other)
    contract = Contract.objects.create(
        project=project,
        title="建设合同",
        vendor=vendor,
        parties=["unit", "vendor"],
        amount=Decimal("480000.00"),
        signed_on=dt.date(2026, 5, 6),
    )
    item = procurement.procurement_contract_link(
        actor=applicant, procurement=item, contract=contract
    )
    assert item.status == Procurement.Status.CONTRACTED
    contract.refresh_from_db()
    assert contract.procurement_method == "public_tender"


def test_an_unknown_method_is_refused(applicant, unit_org):
    with pytest.raises(ValidationError):
        plan(applicant, approved_project(unit_org), method="self")


def test_finance_vendors_and_other_units_cannot_record_procurements(
    finance_clerk, other_applicant, vendor, unit_org
):
    project = approved_project(unit_org)
    for actor in (finance_clerk, other_applicant, vendor):
        with pytest.raises(NotPermitted):
            plan(actor, project)
