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


def test_the_recompute_stores_each_changed_decision_with_one_audit_event_per_system(
    rulebook, unit_org
):
    from govit.core import audit
    from govit.core.models import AuditEvent
    from govit.systems.models import System

    withheld = [compliant(unit_org, security_compliant=False) for _ in range(3)]
    eligible = [compliant(unit_org) for _ in range(2)]
    undecided = compliant(unit_org, in_data_catalog=None)
    counts = funding.systems_recompute(actor=None, batch=2)
    assert counts == {"eligible": 2, "withheld": 3, "undetermined": 1}
    stored = dict(System.objects.values_list("pk", "om_funding"))
    assert {stored[s.pk] for s in withheld} == {"withheld"}
    assert {stored[s.pk] for s in eligible} == {"eligible"}
    assert stored[undecided.pk] == "undetermined"
    events = AuditEvent.objects.filter(action="system.om_funding")
    assert sorted(int(e.object_id) for e in events) == sorted(s.pk for s in withheld + eligible)
    event = events.get(object_id=str(withheld[0].pk))
    assert event.before == {"om_funding": "undetermined", "article": ""}
    assert event.after == {"om_funding": "withheld", "article": "第三十五条"}
    assert event.object_repr == str(withheld[0])
    assert audit.verify()[1] is None
    assert System.objects.filter(om_funding_checked_at__isnull=True).count() == 0
    # The daily case: nothing changed, nothing audited.
    funding.systems_recompute(actor=None, batch=2)
    assert events.count() == 5


def test_the_recompute_stores_the_facts_the_registers_decide(rulebook, unit_org, monkeypatch):
    from govit.systems import facts
    from govit.systems.models import System

    first, second = compliant(unit_org), compliant(unit_org)
    monkeypatch.setattr(facts, "derived", lambda systems, today: {first.pk: {"shares_data": False}})
    funding.systems_recompute(actor=None)
    stored = {s.pk: s for s in System.objects.all()}
    assert (stored[first.pk].shares_data, stored[first.pk].om_funding) == (False, "withheld")
    assert (stored[second.pk].shares_data, stored[second.pk].om_funding) == (True, "eligible")


def test_the_recompute_runs_a_fixed_number_of_queries_per_batch(
    rulebook, reviewer, unit_org, other_unit_org
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    SystemFactory(unit=unit_org)
    [proposal] = detection.zombie_propose(actor=None, as_of=dt.date(2026, 7, 1))
    services.proposal_confirm(actor=reviewer, proposal=proposal)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            funding.systems_recompute(actor=None, batch=50)
        return len(captured.captured_queries)

    for unit in (unit_org, other_unit_org):
        compliant(unit, security_compliant=False)
    few = queries()  # first run: decisions change, events are written
    few_again = queries()
    for i in range(30):
        compliant(unit_org if i % 2 else other_unit_org, security_compliant=i % 3 != 0)
    many = queries()
    many_again = queries()
    assert many == few
    assert many_again == few_again
