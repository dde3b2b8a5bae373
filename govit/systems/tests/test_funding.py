"""O&M funding per system: the rulebook's om_funding decision, reasons and articles."""

import dataclasses
import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from govit.policy import loader
from govit.policy.engine import registry
from govit.policy.engine.compiled import Entry
from govit.systems import detection, funding, services
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db
QUOTE = "不予安排运行维护经费"


def harbin_with_funding_rule():
    """Harbin with its 第三十五条 encoded as the om_funding_systems rule."""
    rule = registry.get("om_funding_systems")
    entry = Entry(
        id="om.systems",
        rule="om_funding_systems",
        function=rule.function,
        params=rule.params.model_validate(
            {
                "withhold_when": [
                    "not_sharing",
                    "not_in_data_catalog",
                    "not_security_compliant",
                    "major_hazard",
                ]
            }
        ),
        article="第三十五条",
        quote=QUOTE,
        applies_from=None,
        blocks=(),
        severity_cap=None,
    )
    return dataclasses.replace(loader.get("harbin"), entries=(entry,))


@pytest.fixture
def rulebook(monkeypatch, settings):
    book = harbin_with_funding_rule()
    settings.GOVIT_RULEBOOK = "harbin"
    monkeypatch.setattr(loader, "active", lambda: book)
    return book


def compliant(unit, **facts):
    values = {
        "shares_data": True,
        "in_data_catalog": True,
        "security_compliant": True,
        "major_hazard": False,
    }
    values.update(facts)
    return SystemFactory(unit=unit, **values)


def test_a_compliant_system_is_fundable(rulebook, unit_org):
    result = funding.om_funding_evaluate(compliant(unit_org), rulebook=rulebook)
    assert result.decision == "eligible"
    assert result.article == "第三十五条"
    assert result.article_number == 35


def test_a_system_that_does_not_share_data_is_not_fundable_with_the_reason(rulebook, unit_org):
    system = compliant(unit_org, shares_data=False, major_hazard=True)
    result = funding.om_funding_evaluate(system, rulebook=rulebook)
    assert result.decision == "withheld"
    [reason] = result.reasons
    assert reason.article == "第三十五条"
    assert system.name in reason.message


def test_unknown_facts_leave_the_decision_open(rulebook, unit_org):
    system = compliant(unit_org, in_data_catalog=None)
    result = funding.om_funding_evaluate(system, rulebook=rulebook)
    assert result.decision == "undetermined"
    assert "in_data_catalog" in result.reasons[0].message


def test_a_rulebook_without_funding_rules_decides_nothing(unit_org):
    result = funding.om_funding_evaluate(compliant(unit_org), rulebook=loader.get("wuhan"))
    assert result.decision == "undetermined"
    assert result.reasons == []


def test_the_snapshot_carries_the_units_zombie_finding(reviewer, unit_org):
    SystemFactory(unit=unit_org)
    [proposal] = detection.zombie_propose(actor=None, as_of=dt.date(2026, 7, 1))
    services.proposal_confirm(actor=reviewer, proposal=proposal)
    system = SystemFactory(unit=unit_org)
    snapshot = funding.system_snapshot(system, as_of=dt.date(2026, 8, 1), rulebook="kaihua")
    assert snapshot.unit.zombie_found_on is not None
    assert snapshot.project.kind == "om"
    assert snapshot.project.systems[0].name == system.name


def test_the_recompute_command_stores_the_decision_for_the_list(
    rulebook, client, reviewer, unit_org
):
    withheld = compliant(unit_org, security_compliant=False)
    fundable = compliant(unit_org)
    call_command("systems", "recompute")
    withheld.refresh_from_db()
    fundable.refresh_from_db()
    assert (withheld.om_funding, withheld.om_funding_article) == ("withheld", "第三十五条")
    assert fundable.om_funding == "eligible"
    client.force_login(reviewer)
    page = client.get(reverse("system-list"), {"om_funding": "withheld"}).content.decode()
    assert withheld.name in page
    assert fundable.name not in page


def test_the_detail_page_shows_the_decision_and_links_the_article(
    rulebook, client, applicant, unit_org
):
    system = compliant(unit_org, major_hazard=True)
    client.force_login(applicant)
    page = client.get(reverse("system-detail", args=[system.pk])).content.decode()
    assert "不予安排" in page
    assert "/regulations/harbin/35/" in page
