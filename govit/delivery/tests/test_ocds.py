"""The OCDS export: a release package whose releases carry the required fields, one ocid per
contracting process with the configured prefix, tags from planning to implementation; per
project and for every visible project, through the API and as a download."""

import datetime as dt
import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from django.urls import reverse

from govit.delivery import contracts, ocds, procurement, progress
from govit.delivery.choices import DELIVERY_METHOD_VALUES
from govit.delivery.models import Payment
from govit.delivery.tests.helpers import approved_project
from govit.orgs.choices import Role
from govit.orgs.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
TAGS = {
    "planning",
    "tender",
    "award",
    "contract",
    "contractAmendment",
    "implementation",
}


@pytest.fixture
def contracted(applicant, unit_org, settings):
    settings.GOVIT_OCDS_PREFIX = "ocds-test01"
    project = approved_project(unit_org)
    vendor = OrganisationFactory(kind=Role.VENDOR, name="某科技公司")
    item = procurement.procurement_record(
        actor=applicant,
        project=project,
        title="平台建设",
        method="public_tender",
        budget_amount=Decimal("900000.00"),
        planned_on=dt.date(2026, 4, 1),
        announced_on=dt.date(2026, 4, 10),
        bids_opened_on=dt.date(2026, 5, 1),
    )
    item = procurement.procurement_award(
        actor=applicant,
        procurement=item,
        vendor=vendor,
        award_amount=Decimal("850000.00"),
        awarded_on=dt.date(2026, 5, 5),
    )
    contract = contracts.contract_record(
        actor=applicant,
        project=project,
        title="平台建设合同",
        vendor=vendor,
        parties=["unit", "vendor"],
        amount=Decimal("850000.00"),
        signed_on=dt.date(2026, 5, 10),
    )
    contracts.contract_amend(
        actor=applicant,
        contract=contract,
        signed_on=dt.date(2026, 8, 1),
        description="增加接口",
        amount_after=Decimal("880000.00"),
    )
    procurement.procurement_contract_link(actor=applicant, procurement=item, contract=contract)
    progress.milestone_add(
        actor=applicant,
        project=project,
        name="上线",
        baseline_due=dt.date(2026, 12, 31),
        planned_cost=Decimal("500000.00"),
    )
    Payment.objects.create(
        project=project,
        kind="advance",
        milestone="预付款",
        amount=Decimal("255000.00"),
        paid_on=dt.date(2026, 5, 20),
        treasury_reference="GK-1",
    )
    # A second contract without a procurement is a contracting process of its own.
    contracts.contract_record(
        actor=applicant,
        project=project,
        title="运维合同",
        vendor=vendor,
        parties=["unit", "vendor"],
        amount=Decimal("50000.00"),
        signed_on=dt.date(2026, 6, 1),
    )
    return project


SCHEMA = Path(ocds.__file__).parent / "schemas" / "release-schema-1__1__4.json"


@cache
def release_validator() -> Any:
    """The official OCDS 1.1 release schema (vendored, see schemas/README.md), draft 4."""
    return jsonschema_rs.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def schema_errors(package: dict[str, Any]) -> list[str]:
    """Every error of every release of ``package`` against the official release schema."""
    validator = release_validator()
    return [
        f"{release['id']}: {'/'.join(map(str, error.instance_path))}: {error.message}"
        for release in package["releases"]
        for error in validator.iter_errors(release)
    ]


def check_package(package):
    assert package["version"] == "1.1"
    assert package["uri"]
    assert package["publishedDate"]
    assert package["publisher"]["name"]
    ids = set()
    for release in package["releases"]:
        for field in ocds.REQUIRED_RELEASE_FIELDS:
            assert release.get(field), (field, release["id"])
        assert set(release["tag"]) <= TAGS
        assert release["initiationType"] == "tender"
        assert release["buyer"]["id"] in {p["id"] for p in release["parties"]}
        assert "buyer" in next(
            p["roles"] for p in release["parties"] if p["id"] == release["buyer"]["id"]
        )
        assert release["date"].endswith("+08:00")
        assert release["id"] not in ids
        ids.add(release["id"])
    assert schema_errors(package) == []


def test_the_package_has_the_ocds_shape(contracted):
    package = ocds.release_package(
        ocds.with_parts(type(contracted).objects.filter(pk=contracted.pk)), uri="http://x/"
    )
    check_package(package)
    ocids = {r["ocid"] for r in package["releases"]}
    assert len(ocids) == 2
    assert all(o.startswith(f"ocds-test01-{contracted.code}-") for o in ocids)
    main = [
        r for r in package["releases"] if r["ocid"].endswith(f"p{contracted.procurements.get().pk}")
    ]
    assert [r["tag"] for r in main] == [
        ["planning"],
        ["tender"],
        ["award"],
        ["contract", "contractAmendment"],
        ["implementation"],
    ]
    tender = main[1]["tender"]
    assert tender["procurementMethod"] == "open"
    assert tender["tenderPeriod"]["startDate"] == "2026-04-10T00:00:00+08:00"
    contract = main[3]["contracts"][0]
    assert contract["value"] == {"amount": 880000.0, "currency": "CNY"}
    assert contract["amendments"][0]["description"] == "增加接口"
    implementation = main[4]["contracts"][0]["implementation"]
    assert implementation["milestones"][0]["title"] == "上线"
    assert implementation["transactions"][0]["value"]["amount"] == 255000.0


def test_transactions_name_their_payer_and_payee_among_the_parties(contracted):
    """OCDS 1.1: a transaction's payer and payee are references into ``parties``, where they
    carry the roles payer and payee: the project unit pays the contract's vendor."""
    package = ocds.release_package(
        ocds.with_parts(type(contracted).objects.filter(pk=contracted.pk)), uri="http://x/"
    )
    check_package(package)
    implementation = next(r for r in package["releases"] if r["tag"] == ["implementation"])
    transaction = implementation["contracts"][0]["implementation"]["transactions"][0]
    parties = {p["id"]: p for p in implementation["parties"]}
    payer, payee = transaction["payer"], transaction["payee"]
    assert payer == implementation["buyer"]
    assert payer["name"] == contracted.unit.name
    assert payee["name"] == "某科技公司"
    assert "payer" in parties[payer["id"]]["roles"]
    assert "payee" in parties[payee["id"]]["roles"]
    assert parties[payee["id"]]["name"] == payee["name"]
    # A process without payments names no payer or payee.
    others = [r for r in package["releases"] if r["ocid"] != implementation["ocid"]]
    assert others
    for release in others:
        roles = {role for party in release["parties"] for role in party["roles"]}
        assert not roles & {"payer", "payee"}


def test_the_api_and_the_download(client, applicant, other_applicant, vendor, contracted):
    client.force_login(applicant)
    response = client.get(f"/api/v1/projects/{contracted.pk}/delivery/ocds")
    assert response.status_code == 200
    check_package(response.json())
    everything = client.get("/api/v1/delivery/ocds").json()
    assert {r["ocid"] for r in everything["releases"]} == {
        r["ocid"] for r in response.json()["releases"]
    }
    download = client.get(reverse("delivery-ocds", args=[contracted.pk]))
    assert "attachment" in download["Content-Disposition"]
    check_package(download.json())
    assert client.get(reverse("delivery-ocds-all")).status_code == 200
    for user in (other_applicant, vendor):
        client.force_login(user)
        assert client.get(f"/api/v1/projects/{contracted.pk}/delivery/ocds").status_code == 404
        assert client.get(reverse("delivery-ocds", args=[contracted.pk])).status_code == 404
        assert client.get("/api/v1/delivery/ocds").json()["releases"] == []


def test_every_method_stage_and_a_reversal_validate_against_the_official_schema(
    applicant, unit_org, contracted
):
    """Processes only planned, announced without award, in every method, and a reversed
    treasury payment (a negative transaction) are valid OCDS 1.1 releases too."""
    project = approved_project(unit_org)
    for number, method in enumerate(DELIVERY_METHOD_VALUES):
        procurement.procurement_record(
            actor=applicant,
            project=project,
            title=f"采购{number}",
            method=method,
            budget_amount=Decimal("100000.00"),
            control_price=Decimal("99000.00"),
            planned_on=dt.date(2026, 4, 1),
            announced_on=dt.date(2026, 4, 10) if number % 2 else None,
        )
    Payment.objects.filter(project=contracted).update(
        reversed_on=dt.date(2026, 6, 1), reversal_reason="退回"
    )
    package = ocds.release_package(
        ocds.with_parts(type(project).objects.filter(pk__in=[project.pk, contracted.pk])),
        uri="http://x/",
    )
    assert len({r["ocid"] for r in package["releases"]}) == len(DELIVERY_METHOD_VALUES) + 2
    check_package(package)
