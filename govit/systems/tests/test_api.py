"""The catalogue API: scoping, refused roles, errors as {detail, errors[]}."""

import json

import pytest

from govit.systems.models import System, SystemUsage
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(unit_org):
    return SystemFactory(unit=unit_org, code="XT-MZ-001")


@pytest.fixture
def foreign(other_unit_org):
    return SystemFactory(unit=other_unit_org, code="XT-JY-001")


def post(client, url, body, method="post"):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_it_lists_the_callers_systems_only(client, applicant, own, foreign):
    client.force_login(applicant)
    body = client.get("/api/v1/systems").json()
    assert [item["code"] for item in body["items"]] == ["XT-MZ-001"]
    assert body["count"] == 1


def test_it_filters_and_pages(client, reviewer, own, foreign):
    client.force_login(reviewer)
    body = client.get("/api/v1/systems", {"unit": foreign.unit_id, "limit": 1}).json()
    assert body["count"] == 1
    assert body["items"][0]["code"] == "XT-JY-001"


def test_another_units_system_answers_404(client, other_applicant, own):
    client.force_login(other_applicant)
    assert client.get(f"/api/v1/systems/{own.pk}").status_code == 404
    assert post(client, f"/api/v1/systems/{own.pk}", {"name": "x"}, "patch").status_code == 404
    response = post(client, f"/api/v1/systems/{own.pk}/usage", {"month": "2026-01-01"})
    assert response.status_code == 404
    assert client.get(f"/api/v1/systems/{own.pk}/om-funding").status_code == 404


@pytest.mark.parametrize("persona", ["expert", "vendor"])
def test_it_refuses_assigned_only_roles(client, request, persona, own, unit_org):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/api/v1/systems").status_code == 403
    assert client.get(f"/api/v1/systems/{own.pk}").status_code == 404
    body = {"code": "XT-NEW-01", "name": "新系统", "unit_id": unit_org.pk}
    assert post(client, "/api/v1/systems", body).status_code == 403


def test_it_refuses_anonymous_callers(client, own):
    assert client.get("/api/v1/systems").status_code == 401


def test_a_unit_creates_and_updates_its_system(client, applicant, unit_org):
    client.force_login(applicant)
    body = {
        "code": "xt-mz-009",
        "name": "养老服务系统",
        "unit_id": unit_org.pk,
        "build_cost": "500000",
        "project_codes": ["2024-MZ-01", "2025-MZ-03"],
    }
    response = post(client, "/api/v1/systems", body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["code"] == "XT-MZ-009"
    assert created["project_codes"] == ["2024-MZ-01", "2025-MZ-03"]
    response = post(client, f"/api/v1/systems/{created['id']}", {"mlps_level": 3}, "patch")
    assert response.status_code == 200
    assert System.objects.get(code="XT-MZ-009").mlps_level == 3


def test_it_reports_field_errors(client, applicant, unit_org, own):
    client.force_login(applicant)
    body = {"code": "XT-MZ-001", "name": "", "unit_id": unit_org.pk, "mlps_level": 9}
    response = post(client, "/api/v1/systems", body)
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"code", "name", "mlps_level"} <= fields
    assert response.json()["detail"]


def test_a_unit_cannot_create_for_another_unit(client, applicant, other_unit_org):
    client.force_login(applicant)
    body = {"code": "XT-X-01", "name": "越权系统", "unit_id": other_unit_org.pk}
    assert post(client, "/api/v1/systems", body).status_code == 403


def test_finance_reads_but_cannot_change(client, finance_clerk, own):
    client.force_login(finance_clerk)
    assert client.get(f"/api/v1/systems/{own.pk}").status_code == 200
    assert post(client, f"/api/v1/systems/{own.pk}", {"name": "x"}, "patch").status_code == 403


def test_usage_is_pushed_per_month(client, applicant, own):
    client.force_login(applicant)
    body = {"month": "2026-01-17", "logins": 5, "visits": 40, "api_calls": 3}
    assert post(client, f"/api/v1/systems/{own.pk}/usage", body).status_code == 200
    body["visits"] = 41
    assert post(client, f"/api/v1/systems/{own.pk}/usage", body).status_code == 200
    usage = SystemUsage.objects.get(system=own)
    assert (str(usage.month), usage.visits, usage.source) == ("2026-01-01", 41, "api")


def test_usage_for_a_future_month_is_refused(client, applicant, own):
    client.force_login(applicant)
    response = post(client, f"/api/v1/systems/{own.pk}/usage", {"month": "2999-01-01"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "month"
