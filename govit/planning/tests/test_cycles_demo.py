"""The demo: an open cycle with applications in several states, in two rulebooks."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from govit.planning.models.cycles import Application, CycleState, PlanningCycle

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rulebook_id", ["wuhan", "harbin", "kaihua"])
def test_the_demo_has_an_open_cycle_with_applications_in_several_states(settings, rulebook_id):
    settings.GOVIT_RULEBOOK = rulebook_id
    call_command("demo", "load")
    states = set(PlanningCycle.objects.values_list("state", flat=True))
    assert {CycleState.OPEN, CycleState.COMPILED} <= states
    open_cycle = PlanningCycle.objects.get(state=CycleState.OPEN)
    applications = Application.objects.filter(cycle=open_cycle)
    assert applications.count() == 4
    assert len(set(applications.values_list("project__state", flat=True))) >= 2
    call_command("demo", "load")
    assert Application.objects.count() == 4
