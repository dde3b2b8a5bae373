"""`govit check --project` and a system's O&M funding decision read the same facts: for every
reason to withhold the funding, the check of the project that built the system reports the
finding with the article the system's page shows (Harbin 第三十五条, Gaoping 第十一条, 第二十条)."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from govit.policy import loader
from govit.projects.tests.factories import ProjectFactory
from govit.security import services as security
from govit.systems import funding
from govit.systems.choices import OmFunding
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "shares_data": True,
    "duplicate_collection": False,
    "in_data_catalog": True,
    "security_compliant": True,
    "crypto_compliant": True,
    "major_hazard": False,
    "docked_service_platform": True,
    "on_gov_cloud": True,
}


def check(code: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("check", "--project", code, stdout=out)
    body: dict[str, Any] = json.loads(out.getvalue())
    return body


def built(rulebook: str, unit, *, filed: bool = True, **facts: Any):
    accepted = dt.date(2025, 6, 1)
    project = ProjectFactory(
        unit=unit,
        rulebook=rulebook,
        state="operation",
        accepted_on=accepted,
        acceptance_filed_on=accepted + dt.timedelta(days=10) if filed else None,
    )
    system = SystemFactory(unit=unit, project_codes=project.code, **{**GOOD, **facts})
    return project, system


def assert_agree(client, user, rulebook: str, project, system, article: str) -> None:
    book = loader.get(rulebook)
    decided = funding.om_funding_evaluate(system, rulebook=book)
    assert decided.decision == OmFunding.WITHHELD
    assert decided.article == article
    body = check(project.code)
    assert body["rulebook"] == rulebook
    assert body["decisions"]["om_funding"]["value"] == "withheld"
    assert body["decisions"]["om_funding"]["article"] == article
    checked = {(f["article"], f["message"]) for f in body["findings"]}
    assert decided.reasons
    for reason in decided.reasons:
        if reason.severity != "info":
            assert (reason.article, reason.message) in checked
    # The system's page shows the same decision with the article.
    client.force_login(user)
    page = client.get(reverse("system-detail", args=[system.pk])).content.decode()
    assert "不予安排" in page
    assert article in page


@pytest.mark.parametrize(
    "facts",
    [
        {"shares_data": False},
        {"duplicate_collection": True},
        {"in_data_catalog": False},
        {"security_compliant": False},
        {"crypto_compliant": False},
        {"major_hazard": True},
    ],
)
def test_harbin_35_each_reason_agrees(client, monkeypatch, applicant, unit_org, facts):
    monkeypatch.setattr(loader, "active", lambda: loader.get("harbin"))
    project, system = built("harbin", unit_org, **facts)
    assert_agree(client, applicant, "harbin", project, system, "第三十五条")


def test_gaoping_11_not_docked_agrees(client, monkeypatch, applicant, unit_org):
    monkeypatch.setattr(loader, "active", lambda: loader.get("gaoping"))
    project, system = built("gaoping", unit_org, docked_service_platform=False)
    assert_agree(client, applicant, "gaoping", project, system, "第十一条")


def test_gaoping_20_acceptance_not_filed_agrees(client, monkeypatch, applicant, unit_org):
    monkeypatch.setattr(loader, "active", lambda: loader.get("gaoping"))
    project, system = built("gaoping", unit_org, filed=False)
    assert_agree(client, applicant, "gaoping", project, system, "第二十条")


def test_what_the_registers_decide_reaches_the_check(client, monkeypatch, applicant, unit_org):
    """The census says compliant; an overdue 等级测评 in the registers says otherwise: the
    check of the project reads the registers too, without waiting for the nightly tick."""
    monkeypatch.setattr(loader, "active", lambda: loader.get("harbin"))
    project, system = built("harbin", unit_org)
    assert check(project.code)["decisions"]["om_funding"]["value"] == "eligible"
    graded_on = timezone.localdate() - dt.timedelta(days=800)
    security.grading_record(
        actor=applicant,
        system=system,
        data={"business_level": 3, "service_level": 3, "graded_on": graded_on},
    )
    system.refresh_from_db()
    assert system.security_compliant is True  # not written until the tick
    assert_agree(client, applicant, "harbin", project, system, "第三十五条")


def test_a_declared_system_of_the_same_name_takes_the_catalogues_facts(unit_org):
    project, system = built("harbin", unit_org, shares_data=False)
    project.systems.create(name=system.name, shares_data=True, approval_system=True)
    from govit.projects.snapshots import build_snapshot

    [facts] = build_snapshot(project).project.systems
    assert (facts.in_catalog, facts.shares_data, facts.approval_system) == (True, False, True)


def test_a_closed_system_is_not_checked_and_an_unknown_code_is_an_error(unit_org):
    project, _ = built("harbin", unit_org, shares_data=False, status="closed")
    assert "om_funding" not in check(project.code)["decisions"]
    with pytest.raises(CommandError, match="no project"):
        check("NO-SUCH-CODE")
