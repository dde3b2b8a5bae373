"""Contracts: parties, vendor, clauses, the filing deadline from the engine, amendments, the
project's contract facts kept in step, and who sees what."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from govit.core.models import AuditEvent
from govit.delivery import contracts, selectors, services
from govit.delivery.errors import NotPermitted
from govit.delivery.tests.helpers import approved_project
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.orgs.tests.factories import OrganisationFactory, member
from govit.projects.models import Contract as ProjectContract
from govit.projects.snapshots import build_snapshot

pytestmark = pytest.mark.django_db

SIGNED = dt.date(2026, 5, 4)  # a Monday


@pytest.fixture
def vendor_org(vendor: User) -> Organisation:
    organisation: Organisation = vendor.active_memberships[0].organisation
    return organisation


def record(actor, project, vendor_org, parties=("unit", "vendor"), **kwargs):
    values = {
        "title": "建设合同",
        "vendor": vendor_org,
        "parties": list(parties),
        "amount": Decimal("900000.00"),
        "signed_on": SIGNED,
        "procurement_method": "public_tender",
        "clauses": {"ip_owned_by_unit": True, "deliverables_clause": True},
        **kwargs,
    }
    return contracts.contract_record(actor=actor, project=project, **values)


def test_it_records_a_two_party_contract_and_the_snapshot_sees_it(applicant, unit_org, vendor_org):
    project = approved_project(unit_org)
    contract = record(applicant, project, vendor_org)
    assert not contract.is_three_party
    facts = ProjectContract.objects.get(project=project)
    assert facts.amount == Decimal("900000.00")
    assert facts.parties == ["unit", "vendor"]
    assert facts.ip_owned_by_unit is True
    assert facts.security_testing_clause is False
    project.refresh_from_db()
    snapshot = build_snapshot(project)
    assert snapshot.project.contract is not None
    assert snapshot.project.contract.signed_on == SIGNED
    assert AuditEvent.objects.filter(action="delivery.contract_record").count() == 1


def test_a_three_party_contract_satisfies_bijie(applicant, unit_org, vendor_org):
    project = approved_project(unit_org, rulebook="bijie", state="contracted")
    record(applicant, project, vendor_org, parties=("competent", "unit", "vendor"))
    result = services.evaluate(project)
    assert not [f for f in result.findings if f.article == "第十六条" and f.severity == "block"]


def test_a_two_party_contract_is_blocked_by_bijie(applicant, unit_org, vendor_org):
    project = approved_project(unit_org, rulebook="bijie", state="contracted")
    record(applicant, project, vendor_org)
    result = services.evaluate(project)
    assert [f for f in result.findings if f.article == "第十六条" and f.severity == "block"]


@pytest.mark.parametrize(
    "parties",
    [("unit",), ("unit", "competent"), ("unit", "vendor", "competent", "supervisor"), ("x",)],
)
def test_it_refuses_parties_without_the_unit_and_vendor_or_more_than_three(
    applicant, unit_org, vendor_org, parties
):
    project = approved_project(unit_org)
    with pytest.raises(ValidationError):
        record(applicant, project, vendor_org, parties=parties)


def test_the_vendor_must_be_a_vendor_organisation(applicant, unit_org):
    project = approved_project(unit_org)
    with pytest.raises(ValidationError):
        record(applicant, project, OrganisationFactory(kind=Role.UNIT))


@pytest.mark.parametrize(
    ("filed_on", "status"),
    [(dt.date(2026, 5, 11), "met"), (dt.date(2026, 5, 12), "overdue")],
)
def test_gaoping_files_within_five_working_days(applicant, unit_org, vendor_org, filed_on, status):
    project = approved_project(unit_org, rulebook="gaoping")
    contract = record(applicant, project, vendor_org)
    (duty,) = selectors.filing_obligations(services.evaluate(project))
    assert duty.due == dt.date(2026, 5, 11)
    contracts.contract_file(actor=applicant, contract=contract, filed_on=filed_on)
    (duty,) = selectors.filing_obligations(services.evaluate(project))
    assert duty.status == status


def test_filing_before_signing_is_refused(applicant, unit_org, vendor_org):
    project = approved_project(unit_org)
    contract = record(applicant, project, vendor_org)
    with pytest.raises(ValidationError):
        contracts.contract_file(
            actor=applicant, contract=contract, filed_on=SIGNED - dt.timedelta(days=1)
        )


def test_an_amendment_changes_the_amount_the_snapshot_sees(applicant, unit_org, vendor_org):
    project = approved_project(unit_org)
    contract = record(applicant, project, vendor_org)
    contracts.contract_amend(
        actor=applicant,
        contract=contract,
        signed_on=SIGNED,
        description="增加接口",
        amount_after=Decimal("950000.00"),
    )
    assert ProjectContract.objects.get(project=project).amount == Decimal("950000.00")
    assert AuditEvent.objects.filter(action="delivery.contract_amend").count() == 1


def test_finance_and_other_units_cannot_record_contracts(
    finance_clerk, other_applicant, unit_org, vendor_org
):
    project = approved_project(unit_org)
    for actor in (finance_clerk, other_applicant):
        with pytest.raises(NotPermitted):
            record(actor, project, vendor_org)


def test_vendors_see_only_their_own_contracts(client, applicant, vendor, unit_org, vendor_org):
    project = approved_project(unit_org)
    mine = record(applicant, project, vendor_org)
    theirs = record(applicant, project, OrganisationFactory(kind=Role.VENDOR))
    assert list(selectors.vendor_contracts(actor=vendor)) == [mine]
    client.force_login(vendor)
    assert client.get(reverse("delivery-contract", args=[project.pk, mine.pk])).status_code == 200
    assert client.get(reverse("delivery-contract", args=[project.pk, theirs.pk])).status_code == 404
    assert client.get(reverse("delivery-detail", args=[project.pk])).status_code == 404
    assert (
        client.get(reverse("delivery-contract-filing", args=[project.pk, mine.pk])).status_code
        == 403
    )


def test_the_unit_records_a_contract_through_the_form(client, applicant, unit_org, vendor_org):
    project = approved_project(unit_org, rulebook="gaoping")
    client.force_login(applicant)
    response = client.post(
        reverse("delivery-contract-new", args=[project.pk]),
        {
            "title": "建设合同",
            "vendor": vendor_org.pk,
            "parties": ["unit", "vendor"],
            "amount": "900000.00",
            "signed_on": "2026-05-04",
            "deliverables_clause": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    page = client.get(reverse("delivery-detail", args=[project.pk])).content.decode()
    assert "2026-05-11" in page
    assert ProjectContract.objects.get(project=project).deliverables_clause is True


def test_another_vendor_member_is_not_the_vendor(applicant, unit_org, vendor_org):
    project = approved_project(unit_org)
    contract = record(applicant, project, vendor_org)
    stranger = member(Role.VENDOR, username="stranger")
    assert selectors.contract_for(actor=stranger, pk=contract.pk) is None


def test_the_api_records_and_lists_contracts_with_the_filing_deadline(
    client, applicant, vendor, unit_org, vendor_org
):
    project = approved_project(unit_org, rulebook="gaoping")
    client.force_login(applicant)
    base = f"/api/v1/projects/{project.pk}/delivery/contracts"
    body = {
        "title": "建设合同",
        "vendor_id": vendor_org.pk,
        "parties": ["unit", "vendor"],
        "amount": "900000.00",
        "signed_on": "2026-05-04",
    }
    response = client.post(base, body, content_type="application/json")
    assert response.status_code == 201, response.content
    contract_id = response.json()["id"]
    listing = client.get(base).json()
    assert listing["filing"][0]["due"] == "2026-05-11"
    filed = client.post(
        f"/api/v1/contracts/{contract_id}/filing",
        {"filed_on": "2026-05-11"},
        content_type="application/json",
    )
    assert filed.status_code == 201
    assert client.get(base).json()["filing"][0]["status"] == "met"
    client.force_login(vendor)
    assert client.get(f"/api/v1/contracts/{contract_id}").status_code == 200
    assert client.get(base).status_code == 404
    refused = client.post(
        f"/api/v1/contracts/{contract_id}/filing",
        {"filed_on": "2026-05-11"},
        content_type="application/json",
    )
    assert refused.status_code == 404
