"""Zombie and shadow proposals, their decision, and zombie_found_on for the policy snapshot."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from govit.systems import detection, selectors, services
from govit.systems.models import Proposal, SystemUsage
from govit.systems.similarity import bigrams, dice, shared_phrases
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 7, 15)


def usage(system, visits, months=6):
    for month in detection.months_before(AS_OF, months):
        SystemUsage.objects.create(system=system, month=month, visits=visits, logins=visits // 2)


def test_months_before_counts_whole_months_back():
    assert detection.months_before(dt.date(2026, 2, 10), 3) == [
        dt.date(2025, 11, 1),
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
    ]


def test_it_proposes_a_little_used_system_with_the_evidence(unit_org):
    idle = SystemFactory(unit=unit_org)
    busy = SystemFactory(unit=unit_org)
    usage(idle, 10)
    usage(busy, 500)
    proposals = detection.zombie_propose(actor=None, as_of=AS_OF)
    assert [p.system_id for p in proposals] == [idle.pk]
    evidence = proposals[0].evidence
    assert evidence["months"][0]["month"] == "2026-01"
    assert all(m["visits"] == 10 for m in evidence["months"])
    assert evidence["max_monthly_visits"] == 10


def test_a_system_with_no_usage_reported_is_proposed(unit_org):
    SystemFactory(unit=unit_org)
    [proposal] = detection.zombie_propose(actor=None, as_of=AS_OF)
    assert not any(m["reported"] for m in proposal.evidence["months"])


def test_the_thresholds_are_settings(settings, unit_org):
    settings.GOVIT_ZOMBIE_MAX_MONTHLY_VISITS = 5
    settings.GOVIT_ZOMBIE_MONTHS = 3
    system = SystemFactory(unit=unit_org)
    usage(system, 10, months=3)
    assert detection.zombie_propose(actor=None, as_of=AS_OF) == []


def test_a_second_scan_does_not_repeat_a_proposal(unit_org):
    SystemFactory(unit=unit_org)
    detection.zombie_propose(actor=None, as_of=AS_OF)
    assert detection.zombie_propose(actor=None, as_of=AS_OF) == []


def test_only_running_systems_are_scanned(unit_org):
    SystemFactory(unit=unit_org, status="planned")
    SystemFactory(unit=unit_org, status="closed")
    assert detection.zombie_propose(actor=None, as_of=AS_OF) == []


def test_confirming_sets_the_status_and_the_date(reviewer, unit_org):
    system = SystemFactory(unit=unit_org)
    [proposal] = detection.zombie_propose(actor=None, as_of=AS_OF)
    assert selectors.zombie_found_on(unit_org) is None
    services.proposal_confirm(actor=reviewer, proposal=proposal, note="核实无人使用")
    system.refresh_from_db()
    today = timezone.localdate()
    assert system.status == "zombie"
    assert system.zombie_confirmed_on == today
    assert selectors.zombie_found_on(unit_org) == today
    assert selectors.zombie_found_on(unit_org.pk) == today


def test_dismissing_keeps_the_status(reviewer, unit_org):
    system = SystemFactory(unit=unit_org)
    [proposal] = detection.zombie_propose(actor=None, as_of=AS_OF)
    services.proposal_dismiss(actor=reviewer, proposal=proposal)
    system.refresh_from_db()
    assert system.status == "running"
    assert selectors.zombie_found_on(unit_org) is None


def test_only_the_competent_department_decides(applicant, finance_clerk, unit_org):
    SystemFactory(unit=unit_org)
    [proposal] = detection.zombie_propose(actor=None, as_of=AS_OF)
    for actor in (applicant, finance_clerk):
        with pytest.raises(services.NotAllowed):
            services.proposal_confirm(actor=actor, proposal=proposal)


def test_bigram_similarity_ignores_common_words():
    a = bigrams("城乡居民医疗保险结算系统")
    b = bigrams("城乡居民医疗保险报销平台")
    assert "系统" not in a
    assert dice(a, b) > 0.6
    assert dice(bigrams("城管执法系统"), bigrams("社会救助系统")) == 0
    assert shared_phrases("城乡居民医疗保险报销平台", a & b) == ["城乡居民医疗保险"]


def test_similar_systems_are_proposed_as_shadows(unit_org, other_unit_org):
    original = SystemFactory(unit=unit_org, name="城乡居民医疗保险结算系统", purpose="")
    shadow = SystemFactory(unit=other_unit_org, name="城乡居民医疗保险结算平台", purpose="")
    SystemFactory(unit=unit_org, name="城管执法系统", purpose="")
    [proposal] = detection.shadow_propose(actor=None)
    assert (proposal.system_id, proposal.similar_to_id) == (shadow.pk, original.pk)
    assert proposal.score >= 0.6
    assert "城乡居民医疗保险结算" in proposal.evidence["phrases"]
    assert detection.shadow_propose(actor=None) == []


def test_the_proposal_page_decides_for_the_competent_department(client, reviewer, unit_org):
    system = SystemFactory(unit=unit_org)
    [proposal] = detection.zombie_propose(actor=None, as_of=AS_OF)
    client.force_login(reviewer)
    page = client.get(reverse("system-proposals")).content.decode()
    assert system.name in page
    url = reverse("system-proposal-decide", args=[proposal.pk, "confirm"])
    assert client.post(url, {"note": "确认"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "confirmed"


def test_a_unit_sees_its_proposals_but_cannot_decide(client, applicant, other_applicant, unit_org):
    SystemFactory(unit=unit_org)
    [proposal] = detection.zombie_propose(actor=None, as_of=AS_OF)
    url = reverse("system-proposal-decide", args=[proposal.pk, "confirm"])
    client.force_login(applicant)
    assert client.post(url).status_code == 403
    assert client.post(reverse("system-proposals-scan")).status_code == 403
    client.force_login(other_applicant)
    assert client.post(url).status_code == 404
    assert Proposal.objects.get().status == "open"


def test_the_scan_button_runs_both_detections(client, reviewer, unit_org):
    SystemFactory(unit=unit_org)
    client.force_login(reviewer)
    assert client.post(reverse("system-proposals-scan")).status_code == 302
    assert Proposal.objects.filter(kind="zombie").count() == 1


def test_one_month_above_the_ceiling_is_use(unit_org):
    system = SystemFactory(unit=unit_org)
    usage(system, 10)
    first = detection.months_before(AS_OF, 6)[0]
    SystemUsage.objects.filter(system=system, month=first).update(visits=11)
    assert detection.zombie_propose(actor=None, as_of=AS_OF) == []


def test_only_whole_months_count_and_older_use_does_not(unit_org):
    system = SystemFactory(unit=unit_org)
    usage(system, 0)
    # Busy in the current (unfinished) month and in the month before the period: still idle.
    SystemUsage.objects.create(system=system, month=AS_OF.replace(day=1), visits=900)
    before = detection.months_before(AS_OF, 7)[0]
    SystemUsage.objects.create(system=system, month=before, visits=900)
    [proposal] = detection.zombie_propose(actor=None, as_of=AS_OF)
    assert proposal.system_id == system.pk
    assert len(proposal.evidence["months"]) == 6
