"""Pages and API of the security registers, and the O&M funding they decide."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from govit.policy import loader
from govit.policy.engine import registry
from govit.policy.engine.compiled import Entry
from govit.security import services
from govit.systems import funding
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def system(unit_org):
    return SystemFactory(
        unit=unit_org,
        shares_data=True,
        in_data_catalog=True,
        duplicate_collection=False,
        security_compliant=True,
        crypto_compliant=True,
        major_hazard=False,
    )


def test_the_unit_sees_and_fills_its_registers(client, applicant, system):
    client.force_login(applicant)
    assert client.get(reverse("security-system", args=[system.pk])).status_code == 200
    response = client.post(
        reverse("security-add", args=[system.pk, "grading"]),
        {"business_level": 3, "service_level": 2, "graded_on": "2025-01-06"},
    )
    assert response.status_code == 302
    page = client.get(reverse("security-system", args=[system.pk])).content.decode()
    assert "未备案" in page


def test_a_bad_form_shows_field_errors_and_writes_nothing(client, applicant, system):
    client.force_login(applicant)
    response = client.post(
        reverse("security-add", args=[system.pk, "grading"]),
        {"business_level": 9, "service_level": 2, "graded_on": "2025-01-06"},
    )
    assert response.status_code == 200
    assert not system.gradings.exists()


def test_another_unit_gets_404_and_assigned_roles_403(client, other_applicant, expert, system):
    client.force_login(other_applicant)
    assert client.get(reverse("security-system", args=[system.pk])).status_code == 404
    assert client.post(reverse("security-add", args=[system.pk, "drill"]), {}).status_code == 404
    assert client.get(f"/api/v1/security/systems/{system.pk}").status_code == 404
    assert client.get(reverse("security-overdue")).status_code == 403
    client.force_login(expert)
    assert client.get(reverse("security-incidents")).status_code == 403
    assert client.get("/api/v1/security/overdue").status_code == 403


def test_the_competent_department_lists_overdue_duties(client, reviewer, applicant, system):
    services.grading_record(
        actor=applicant,
        system=system,
        data={"business_level": 3, "service_level": 3, "graded_on": dt.date(2020, 1, 6)},
    )
    client.force_login(reviewer)
    page = client.get(reverse("security-overdue")).content.decode()
    assert system.name in page
    body = client.get("/api/v1/security/overdue").json()
    assert {row["duty"]["kind"] for row in body["items"]} == {"filing", "mlps", "crypto"}


def test_the_api_records_and_reads_registers(client, applicant, system):
    client.force_login(applicant)
    url = f"/api/v1/security/systems/{system.pk}"
    graded = post(
        client,
        f"{url}/gradings",
        {"business_level": 2, "service_level": 3, "graded_on": "2025-01-06"},
    )
    assert graded.status_code == 201
    assert graded.json()["level"] == 3
    bad = post(client, f"{url}/assessments", {"kind": "nonsense", "done_on": "2025-02-01"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "kind"
    drill = {"held_on": "2025-05-01", "scenario": "勒索病毒", "record": "按预案断网恢复"}
    assert post(client, f"{url}/drills", drill).status_code == 201
    register = client.get(url).json()
    assert register["grading"]["level"] == 3
    assert {d["kind"] for d in register["duties"]} >= {"mlps", "crypto"}


def harbin_funding():
    rule = registry.get("om_funding_systems")
    entry = Entry(
        id="om.systems",
        rule="om_funding_systems",
        function=rule.function,
        params=rule.params.model_validate(
            {
                "withhold_when": [
                    "not_sharing",
                    "duplicate_collection",
                    "not_in_data_catalog",
                    "not_security_compliant",
                    "not_crypto_compliant",
                    "major_hazard",
                ]
            }
        ),
        article="第三十五条",
        quote="不予安排运行维护经费",
        applies_from=None,
        blocks=(),
        severity_cap=None,
    )
    return dataclasses.replace(loader.get("harbin"), entries=(entry,))


def test_a_failed_cryptography_assessment_withholds_and_a_pass_restores_funding(
    monkeypatch, applicant, system
):
    book = harbin_funding()
    monkeypatch.setattr(loader, "active", lambda: book)
    today = timezone.localdate()
    services.grading_record(
        actor=applicant,
        system=system,
        data={
            "business_level": 3,
            "service_level": 3,
            "graded_on": today - dt.timedelta(days=200),
            "filing_number": "41010099999-25001",
            "filed_on": today - dt.timedelta(days=190),
        },
    )
    services.assessment_record(
        actor=applicant,
        system=system,
        data={"kind": "mlps", "done_on": today, "conclusion": "good"},
    )
    services.assessment_record(
        actor=applicant,
        system=system,
        data={"kind": "crypto", "done_on": today - dt.timedelta(days=1), "conclusion": "failed"},
    )
    result = funding.system_recompute_funding(actor=None, system=system, rulebook=book)
    assert result.decision == "withheld"
    assert result.article == "第三十五条"
    system.refresh_from_db()
    assert system.crypto_compliant is False
    services.assessment_record(
        actor=applicant,
        system=system,
        data={"kind": "crypto", "done_on": today, "conclusion": "passed"},
    )
    result = funding.system_recompute_funding(actor=None, system=system, rulebook=book)
    assert result.decision == "eligible"
    system.refresh_from_db()
    assert system.crypto_compliant is True


def test_the_filing_is_recorded_on_the_page(client, applicant, system):
    services.grading_record(
        actor=applicant,
        system=system,
        data={"business_level": 2, "service_level": 2, "graded_on": dt.date(2025, 1, 6)},
    )
    client.force_login(applicant)
    client.post(
        reverse("security-filing", args=[system.pk]),
        {"filing_number": "41010099999-25001", "filed_on": "2025-01-20"},
    )
    assert system.gradings.get().filed_on == dt.date(2025, 1, 20)


def test_an_incident_is_completed_through_the_api(client, applicant, other_applicant, system):
    incident = services.incident_record(
        actor=applicant,
        system=system,
        data={"occurred_at": timezone.now(), "severity": "major", "symptoms": "服务中断"},
    )
    client.force_login(other_applicant)
    url = f"/api/v1/security/incidents/{incident.pk}"
    body = json.dumps({"closed_on": "2025-06-02"})
    assert client.patch(url, body, content_type="application/json").status_code == 404
    client.force_login(applicant)
    assert client.patch(url, body, content_type="application/json").status_code == 422
    body = json.dumps({"closed_on": "2025-06-02", "handling": "切换备用线路"})
    response = client.patch(url, body, content_type="application/json")
    assert response.json()["closed_on"] == "2025-06-02"


def test_the_system_page_shows_the_facts_the_registers_decide(client, applicant, system):
    services.assessment_record(
        actor=applicant,
        system=system,
        data={"kind": "pentest", "done_on": dt.date(2025, 6, 1), "high_risks": 3},
    )
    client.force_login(applicant)
    page = client.get(reverse("system-detail", args=[system.pk]))
    assert page.context["system"].major_hazard is True
    system.refresh_from_db()
    assert system.major_hazard is False  # stored by the nightly tick, not by a page view
