"""Single-project invariants and predicates."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from govit.projects.models import Project
from govit.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("funding_sources", ["fiscal", "fiscal"]),
        ("funding_sources", "fiscal"),
        ("features", ["swimming_pool"]),
        ("annual_reports", ["2025"]),
        ("annual_reports", [1999]),
    ],
)
def test_it_refuses_list_facts_outside_their_vocabulary(unit_org, field, value):
    project = ProjectFactory.build(unit=unit_org, **{field: value})
    with pytest.raises(ValidationError) as caught:
        project.clean()
    assert field in caught.value.message_dict


def test_the_database_refuses_a_negative_investment(unit_org):
    with pytest.raises(IntegrityError):
        ProjectFactory(unit=unit_org, investment=Decimal("-1"))


def test_codes_are_unique(unit_org):
    ProjectFactory(unit=unit_org, code="WH-2026-0001")
    with pytest.raises(IntegrityError):
        ProjectFactory(unit=unit_org, code="WH-2026-0001")


@pytest.mark.parametrize(
    ("state", "editable", "closed"),
    [
        ("draft", True, False),
        ("returned", True, False),
        ("submitted", False, False),
        ("archived", False, True),
        ("rejected", False, True),
        ("terminated", False, True),
    ],
)
def test_its_predicates_follow_the_state(state, editable, closed):
    project = Project(state=state)
    assert project.is_open_to_unit_edits is editable
    assert project.is_closed is closed


def test_co_unit_ids_use_the_prefetch(unit_org, other_unit_org, django_assert_num_queries):
    project = ProjectFactory(unit=unit_org)
    project.co_units.add(other_unit_org)
    loaded = Project.objects.prefetch_related("co_units").get(pk=project.pk)
    with django_assert_num_queries(0):
        assert loaded.co_unit_ids == {other_unit_org.pk}
    assert str(project) == f"{project.code} {project.name}"


def test_date_lists_and_records_are_normalised_or_refused(unit_org):
    import datetime as dt

    project = ProjectFactory.build(
        unit=unit_org,
        drills=["2026-09-01", dt.date(2026, 3, 1), "2026-03-01"],
        incidents=[{"occurred_on": dt.date(2026, 2, 1), "symptoms": "断网"}],
    )
    project.clean()
    assert project.drills == ["2026-03-01", "2026-09-01"]
    assert project.incidents == [{"occurred_on": "2026-02-01", "symptoms": "断网"}]
    project.security_tests_on = ["yesterday"]
    project.inspection_issues = [{"kind": "bribery"}]
    with pytest.raises(ValidationError) as caught:
        project.clean()
    assert {"security_tests_on", "inspection_issues"} <= set(caught.value.message_dict)
