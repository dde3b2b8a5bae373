"""The vendors' view: per vendor its contracts, paid amounts, changes, schedule and assessment
results (Bijie 第三十三条); who may see it; the xlsx export; constant query counts."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from govit.core.models import AuditEvent
from govit.delivery.models import ChangeRequest, Contract, ContractAmendment, Milestone, Payment
from govit.evaluation.models import Evaluation
from govit.evaluation.results import unit_result, unit_results, vendor_result, vendor_results
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.orgs.tests.factories import OrganisationFactory, member
from govit.projects.tests.factories import ProjectFactory
from govit.reports import vendors

pytestmark = pytest.mark.django_db

YEAR = 2026


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _contract(project: Any, vendor: Organisation, amount: str, title: str = "合同") -> Contract:
    return Contract.objects.create(
        project=project,
        title=title,
        vendor=vendor,
        amount=Decimal(amount),
        signed_on=dt.date(2026, 2, 1),
    )


@pytest.fixture
def world(reviewer: User, unit_org: Organisation, other_unit_org: Organisation) -> dict[str, Any]:
    acme = OrganisationFactory(name="甲软件公司", kind=Role.VENDOR)
    beta = OrganisationFactory(name="乙集成公司", kind=Role.VENDOR)
    ours = ProjectFactory(unit=unit_org, name="救助平台", state="construction")
    theirs = ProjectFactory(unit=other_unit_org, name="智慧校园", state="construction")
    first = _contract(ours, acme, "600000", "救助平台开发合同")
    _contract(theirs, acme, "200000")
    _contract(theirs, beta, "900000")
    ContractAmendment.objects.create(
        contract=first,
        signed_on=dt.date(2026, 5, 1),
        description="增加模块",
        amount_after=Decimal("650000"),
    )
    Payment.objects.create(
        project=ours,
        kind="progress",
        milestone="初验",
        amount=Decimal("300000"),
        paid_on=dt.date(2026, 6, 1),
        treasury_reference="GK-1",
    )
    ChangeRequest.objects.create(
        project=ours,
        reason="technical_optimization",
        description="调整",
        amount=Decimal("50000"),
        requested_on=dt.date(2026, 4, 1),
        status=ChangeRequest.Status.APPROVED,
    )
    Milestone.objects.create(
        project=ours,
        name="上线",
        baseline_due=dt.date(2026, 3, 1),
        planned_cost=Decimal("1"),
        actual_on=dt.date(2026, 3, 5),
    )
    for total, grade in (("92", "excellent"), ("78", "fair")):
        Evaluation.objects.create(
            project=ours,
            kind="comprehensive",
            subject="vendor",
            subject_org=acme,
            conducted_on=dt.date(YEAR, 9, 1),
            total=Decimal(total),
            grade=grade,
            recorded_by=reviewer,
        )
    Evaluation.objects.create(
        project=ours,
        kind="self",
        conducted_on=dt.date(YEAR, 8, 1),
        total=Decimal("88"),
        grade="good",
        recorded_by=reviewer,
    )
    return {"acme": acme, "beta": beta, "ours": ours, "theirs": theirs}


def test_each_vendor_with_its_figures(reviewer: User, world) -> None:
    rows = {
        r["name"]: r for r in vendors.vendor_rows(actor=reviewer, sort="-contracted", year=YEAR)
    }
    acme = rows["甲软件公司"]
    assert (acme["contracts"], acme["contracted"], acme["projects"]) == (2, Decimal("800000"), 2)
    assert acme["paid"] == Decimal("300000")  # paid on its projects
    assert (acme["amendments"], acme["changes"], acme["late"]) == (1, 1, 1)
    assert (acme["assessments"], acme["score"], acme["grade"]) == (2, Decimal("85.00"), "good")
    beta = rows["乙集成公司"]
    assert (beta["contracts"], beta["paid"], beta["score"]) == (1, Decimal("0"), None)


def test_the_list_sorts(reviewer: User, world) -> None:
    def names(sort: str) -> list[str]:
        return [r["name"] for r in vendors.vendor_rows(actor=reviewer, sort=sort, year=YEAR)]

    assert names("-contracted") == ["乙集成公司", "甲软件公司"]
    assert names("contracted") == ["甲软件公司", "乙集成公司"]
    assert names("-paid") == ["甲软件公司", "乙集成公司"]
    assert names("nonsense") == names("-contracted")


def test_batch_results_agree_with_the_single_ones(world) -> None:
    acme, unit = world["acme"], world["ours"].unit
    assert vendor_results([acme.pk], YEAR)[acme.pk].average == vendor_result(acme, YEAR).average
    assert unit_results([unit.pk], YEAR)[unit.pk].average == unit_result(unit, YEAR).average


def test_the_pages_for_the_oversight_roles(reviewer: User, world) -> None:
    client = _client(reviewer)
    page = client.get(reverse("report-vendors") + "?sort=-paid&year=2026")
    assert page.status_code == 200
    assert page.context["rows"][0]["name"] == "甲软件公司"
    detail = client.get(reverse("report-vendor", args=[world["acme"].pk]) + "?year=2026")
    assert detail.status_code == 200
    view = detail.context["view"]
    assert view.totals["current"] == Decimal("850000")  # 650000 after the amendment + 200000
    assert view.result.count == 2
    ours = next(p for p in view.projects if p["pk"] == world["ours"].pk)
    assert ours["unit_result"]["average"] == Decimal("88.00")
    assert 'data-testid="unit-result"' in detail.content.decode()
    bad = client.get(reverse("report-vendors") + "?year=1800")
    assert "year" in bad.context["errors"]


def test_the_xlsx_export_in_the_pages_order_and_audited(finance_clerk: User, world) -> None:
    response = _client(finance_clerk).get(reverse("report-vendors-xlsx") + "?sort=name")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == sorted(["甲软件公司", "乙集成公司"])
    acme = next(r for r in rows if r[0] == "甲软件公司")
    assert (acme[1], acme[2], acme[4]) == (2, 80.0, 30.0)  # 万元
    assert AuditEvent.objects.filter(action="reports.export", object_repr="vendors.xlsx").exists()


def test_a_vendor_sees_its_own_page_without_the_units_results(world) -> None:
    staff = member(Role.VENDOR, world["acme"], username="acme")
    client = _client(staff)
    own = client.get(reverse("report-vendor", args=[world["acme"].pk]))
    assert own.status_code == 200
    assert own.context["view"].unit_results is None
    assert "unit-result" not in own.content.decode()
    api = client.get(f"/api/v1/reports/vendors/{world['acme'].pk}").json()
    assert "unit_result" not in api["projects"][0]
    assert client.get(reverse("report-vendor", args=[world["beta"].pk])).status_code == 404
    assert client.get(f"/api/v1/reports/vendors/{world['beta'].pk}").status_code == 404
    assert client.get(reverse("report-vendors")).status_code == 403
    assert client.get("/api/v1/reports/vendors").status_code == 403


def test_refused_roles(applicant: User, expert: User, world) -> None:
    for user in (applicant, expert):
        client = _client(user)
        assert client.get(reverse("report-vendors")).status_code == 403
        assert client.get(reverse("report-vendors-xlsx")).status_code == 403
        assert client.get(reverse("report-vendor", args=[world["acme"].pk])).status_code == 403
        assert client.get("/api/v1/reports/vendors").status_code == 403
        assert client.get(f"/api/v1/reports/vendors/{world['acme'].pk}").status_code == 403


def test_audit_office_and_government_may(leader: User, world) -> None:
    auditor = member(Role.AUDIT, username="audit-office")
    for user in (auditor, leader):
        client = _client(user)
        assert client.get(reverse("report-vendors")).status_code == 200
        data = client.get("/api/v1/reports/vendors?sort=name").json()
        assert [row["name"] for row in data] == sorted(["甲软件公司", "乙集成公司"])


def test_api_checks_its_input(reviewer: User, world) -> None:
    client = _client(reviewer)
    assert client.get("/api/v1/reports/vendors?year=1800").status_code == 422
    refused = client.get("/api/v1/reports/vendors?sort=bogus")
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["sort"]
    assert client.get("/api/v1/reports/vendors?sort=-late").status_code == 200
    assert client.get("/api/v1/reports/vendors/0").status_code == 422
    assert client.get("/api/v1/reports/vendors/999999").status_code == 404
    # An organisation without contracts is not a vendor page.
    assert client.get(f"/api/v1/reports/vendors/{world['ours'].unit_id}").status_code == 404


def test_a_vendor_id_is_bounded_by_the_largest_database_id(reviewer: User, world) -> None:
    """The bound is the database's (2**63 - 1), not 2**62: above it no row, 422 naming the
    field; between the two, an id names no vendor (404)."""
    client = _client(reviewer)
    assert client.get(f"/api/v1/reports/vendors/{2**62 + 1}").status_code == 404
    assert client.get(f"/api/v1/reports/vendors/{2**63 - 1}").status_code == 404
    refused = client.get(f"/api/v1/reports/vendors/{2**63}")
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["vendor_id"]


def test_the_dashboard_and_the_menu_link_the_vendors(reviewer: User, applicant: User) -> None:
    page = _client(reviewer).get(reverse("dashboard")).content.decode()
    assert 'data-testid="dashboard-vendors"' in page
    assert 'data-testid="nav-vendors"' in page
    own = _client(applicant).get(reverse("dashboard")).content.decode()
    assert 'data-testid="nav-vendors"' not in own


def test_queries_do_not_grow_with_vendors(reviewer: User, world) -> None:
    client = _client(reviewer)
    urls = (
        reverse("report-vendors"),
        reverse("report-vendors-xlsx"),
        "/api/v1/reports/vendors",
        reverse("report-vendor", args=[world["acme"].pk]),
    )

    def count() -> list[int]:
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    count()
    before = count()
    for n in range(10):
        vendor = OrganisationFactory(name=f"供应商{n}", kind=Role.VENDOR)
        project = ProjectFactory(unit=world["ours"].unit)
        _contract(project, vendor, "1000")
        _contract(project, world["acme"], "1000")
    assert count() == before
