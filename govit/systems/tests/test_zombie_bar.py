"""A confirmed zombie system bars its unit from applying (Kaihua 第三条 item 7: 2年内): the
catalogue's finding reaches the project's snapshot, so the engine warns on submission."""

from __future__ import annotations

import datetime as dt

import pytest

from govit.orgs.models import Organisation, User
from govit.projects.models import Project
from govit.projects.snapshots import build_snapshot
from govit.projects.tests.factories import ProjectFactory
from govit.systems import services
from govit.systems.models import Proposal
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db


def _zombie(unit: Organisation, reviewer: User, on: dt.date) -> None:
    system = SystemFactory(unit=unit)
    proposal = Proposal.objects.create(kind="zombie", system=system, evidence={"months": 6})
    services.proposal_confirm(actor=reviewer, proposal=proposal, note="核实无人使用")
    Proposal.objects.filter(pk=proposal.pk).update(decided_on=on)


def _kaihua(unit: Organisation, submitted: dt.date) -> Project:
    return ProjectFactory(unit=unit, rulebook="kaihua", state="draft", submitted_on=submitted)


def _bar(project: Project) -> list[str]:
    from govit.policy import loader

    snapshot = build_snapshot(project, as_of=project.submitted_on)
    result = loader.get("kaihua").evaluate(snapshot, as_of=project.submitted_on)
    return [f.article for f in result.findings if f.rule == "negative.zombie_unit"]


def test_the_catalogues_finding_reaches_the_snapshot(
    unit_org: Organisation, reviewer: User
) -> None:
    project = _kaihua(unit_org, dt.date(2026, 9, 1))
    assert build_snapshot(project).unit.zombie_found_on is None
    _zombie(unit_org, reviewer, dt.date(2025, 9, 1))
    assert build_snapshot(project).unit.zombie_found_on == dt.date(2025, 9, 1)


def test_the_bar_holds_for_two_years_including_the_last_day(
    unit_org: Organisation, other_unit_org: Organisation, reviewer: User
) -> None:
    _zombie(unit_org, reviewer, dt.date(2024, 9, 1))
    assert _bar(_kaihua(unit_org, dt.date(2026, 9, 1))) == ["第三条"]  # the last day of 2年
    assert _bar(_kaihua(unit_org, dt.date(2026, 9, 2))) == []
    assert _bar(_kaihua(other_unit_org, dt.date(2025, 1, 1))) == []  # another unit is free
