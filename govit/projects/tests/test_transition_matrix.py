"""The whole transition matrix of Wuhan's state graph: state × step × role.

For every state of the graph, every step name of the rulebook is tried by a holder of every
role (and by a clerk of another unit) on a project whose facts satisfy the rules. A step the
state does not offer is unavailable; a step it offers is taken exactly by the roles the
rulebook names; experts, agencies, vendors and supervisors see no project, so they may not act.
The steps out of acceptance follow the recorded meeting (``govit.acceptance.guards``): it is
recorded first, through the acceptance service.
"""

from decimal import Decimal

import pytest

from govit.acceptance.tests.helpers import meeting_before_step
from govit.orgs.choices import ASSIGNED_ROLES, Role
from govit.orgs.models import Membership, Organisation, User
from govit.policy import loader
from govit.projects import services
from govit.projects.errors import NotPermitted, ProjectError, TransitionUnavailable
from govit.projects.models import Project
from govit.projects.tests.factories import ready_project

pytestmark = pytest.mark.django_db

RULEBOOK = loader.get("wuhan")
STATES = list(RULEBOOK.spec.states)
STEPS = sorted({t.name for t in RULEBOOK.spec.transitions})
OUTSIDER = "other_unit"
# The investment that takes each route (第八条: 50万元 以上 approval; 第十五条: 3000万元 以上
# the government); every other step is indifferent to it.
INVESTMENT = {
    "file": Decimal("499999.99"),
    "approve": Decimal("500000"),
    "approve_by_government": Decimal("30000000"),
}
# The meeting result each step out of acceptance needs.
MEETING = {"pass_acceptance": "passed", "fail_acceptance": "failed"}


def prepared(unit: Organisation, state: str, name: str) -> Project:
    """A project in ``state`` whose facts satisfy the rules for step ``name``."""
    project = ready_project(unit, state=state, investment=INVESTMENT.get(name, Decimal("1000000")))
    if state == "acceptance" and name in MEETING:
        meeting_before_step(project, MEETING[name])
    return project


@pytest.fixture
def cast(unit_org, other_unit_org) -> dict[str, User]:
    """One user per role (the unit clerk in the project's unit), and another unit's clerk."""
    people = {}
    for role in Role:
        organisation = (
            unit_org
            if role == Role.UNIT
            else Organisation.objects.create(name=f"{role}单位", kind=role)
        )
        user = User.objects.create(username=f"as-{role}")
        Membership.objects.create(user=user, organisation=organisation, role=role)
        people[role.value] = user
    outsider = User.objects.create(username="as-outsider")
    Membership.objects.create(user=outsider, organisation=other_unit_org, role=Role.UNIT)
    people[OUTSIDER] = outsider
    return people


def expected(state: str, name: str, role: str) -> str:
    if role in ASSIGNED_ROLES or role == OUTSIDER:
        return "not_permitted"
    step = RULEBOOK.transition(state, name)
    if step is None:
        return "unavailable"
    return "taken" if role in step.roles else "not_permitted"


def attempt(user: User, project: Project, name: str) -> str:
    try:
        change = services.project_transition(
            actor=user, project=project, name=name, acknowledge_warnings=True
        )
    except TransitionUnavailable:
        return "unavailable"
    except NotPermitted:
        return "not_permitted"
    except ProjectError as exc:
        return f"{exc.code}: {exc.detail} {[p.message for p in exc.problems]}"
    step = RULEBOOK.transition(change.from_state, name)
    assert step is not None
    assert change.to_state == step.to
    return "taken"


def test_the_matrix_covers_every_state_and_step():
    assert len(STATES) == 18
    assert len(STEPS) == 21  # 20 of the text and the platform's withdraw (ADR 0012)
    assert {s for t in RULEBOOK.spec.transitions for s in (*t.source, t.to)} <= set(STATES)


@pytest.mark.parametrize("state", STATES)
def test_it_allows_each_step_exactly_to_the_roles_the_rulebook_names(state, cast, unit_org):
    mismatches = []
    for name in STEPS:
        project = prepared(unit_org, state, name)
        for role, user in cast.items():
            Project.objects.filter(pk=project.pk).update(state=state)
            outcome = attempt(user, project, name)
            if outcome != expected(state, name, role):
                mismatches.append((name, role, outcome, expected(state, name, role)))
    assert mismatches == []


def test_the_matrix_takes_every_step_at_least_once(cast, unit_org):
    taken = set()
    for step in RULEBOOK.spec.transitions:
        for state in step.source:
            project = prepared(unit_org, state, step.name)
            role = next(r for r in step.roles if r not in ASSIGNED_ROLES)
            if attempt(cast[role], project, step.name) == "taken":
                taken.add((state, step.name))
    assert taken == {(s, t.name) for t in RULEBOOK.spec.transitions for s in t.source}
