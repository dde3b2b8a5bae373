"""The snapshot builder maps every stored fact, in a bounded number of queries."""

import datetime as dt
from decimal import Decimal

import pytest

from govit.documents.models import Document
from govit.orgs.tests.factories import OrganisationFactory
from govit.policy.engine import snapshot as s
from govit.projects import snapshots
from govit.projects.models import Change, Contract, Project, System
from govit.projects.tests.factories import BudgetItemFactory, ProjectFactory

pytestmark = pytest.mark.django_db

D = dt.date(2026, 5, 1)
PARTS = {"budget_items", "documents", "contract", "changes", "systems"}
JSON_FIELDS = {"drills", "security_tests_on", "incidents", "inspection_issues"}


def test_every_snapshot_fact_has_a_source():
    mapped = {
        *snapshots.PLAIN_FIELDS,
        *snapshots.OPTIONAL_TEXT_FIELDS,
        *snapshots.DERIVED_FIELDS,
        "name",
        "stage",
        *PARTS,
    }
    assert set(s.Project.model_fields) == mapped
    assert set(s.Contract.model_fields) == {*snapshots.CONTRACT_FIELDS, "procurement_method"}
    assert set(s.Change.model_fields) == {*snapshots.CHANGE_FIELDS, "reason"}
    assert set(s.System.model_fields) == {
        *snapshots.SYSTEM_FIELDS,
        *snapshots.SYSTEM_FIELDS_FROM_CATALOGUE,
    }


def full_project(unit_org) -> Project:
    values: dict[str, object] = {}
    for field in Project._meta.concrete_fields:
        if field.name not in snapshots.PLAIN_FIELDS:
            continue
        if field.get_internal_type() == "BooleanField":
            values[field.name] = True
        elif field.get_internal_type() == "DateField":
            values[field.name] = D
        elif field.get_internal_type() == "DecimalField":
            values[field.name] = Decimal("123.45")
    values.update(
        plan_year=2026,
        om_years_included=3,
        funding_sources=["fiscal", "self"],
        features=["big_screen"],
        annual_reports=[2025, 2026],
        kind="upgrade",
        level="city",
        investment_code="2026-420100-65-01-000001",
        drills=["2026-03-01"],
        security_tests_on=["2026-04-01"],
        incidents=[{"occurred_on": "2026-02-01", "symptoms": "断网"}],
        inspection_issues=[{"kind": "not_docked", "found_on": "2026-02-02"}],
    )
    project = ProjectFactory(unit=unit_org, state="construction", **values)
    project.co_units.add(OrganisationFactory(name="市财政局"))
    BudgetItemFactory(project=project, name="软件", category="software", amount=Decimal(100))
    Document.objects.create(project=project, type="crypto_plan", title="x", date=D, approved=True)
    Contract.objects.create(
        project=project,
        amount=Decimal(90),
        parties=["unit", "vendor"],
        procurement_method="public_tender",
        signed_on=D,
    )
    Change.objects.create(project=project, amount=Decimal(5), reason="other", on=D, approved=False)
    System.objects.create(project=project, name="系统", in_catalog=True, on_gov_cloud=False)
    return project


def test_it_maps_every_stored_fact(unit_org):
    project = full_project(unit_org)
    snap = snapshots.build_snapshot(project, as_of=D)
    facts = snap.project
    as_json = facts.model_dump(mode="json", exclude_none=True)
    for name in snapshots.PLAIN_FIELDS:
        if name in JSON_FIELDS:
            assert as_json[name] == getattr(project, name), name
        else:
            assert getattr(facts, name) == getattr(project, name), name
    assert facts.drills == [dt.date(2026, 3, 1)]
    assert facts.incidents[0].symptoms == "断网"
    assert facts.inspection_issues[0].kind == "not_docked"
    assert (facts.lead_department, facts.co_builders) == (unit_org.name, ["市财政局"])
    assert (facts.name, facts.stage, facts.kind, facts.level) == (
        project.name,
        "construction",
        "upgrade",
        "city",
    )
    assert facts.investment_code == "2026-420100-65-01-000001"
    assert facts.budget_items == [s.BudgetItem(name="软件", category="software", amount=100)]
    assert facts.documents == [s.Document(type="crypto_plan", date=D, approved=True)]
    assert facts.contract.parties == ["unit", "vendor"]
    assert facts.contract.procurement_method == "public_tender"
    assert facts.changes[0].reason == "other"
    assert facts.systems[0].in_catalog is True
    assert (snap.as_of, snap.rulebook) == (D, "wuhan")
    assert snap.unit.budget_unit_count == unit_org.budget_unit_count
    assert snap.unit.zombie_found_on is None
    assert s.Snapshot.model_validate(snap.model_dump(mode="json")) == snap


def test_empty_text_facts_are_unknown(unit_org):
    snap = snapshots.build_snapshot(ProjectFactory(unit=unit_org), as_of=D)
    assert (snap.project.kind, snap.project.level, snap.project.investment_code) == (None,) * 3
    assert snap.project.contract is None


def test_applications_count_the_units_other_non_draft_projects_of_the_year(
    unit_org, other_unit_org
):
    project = ProjectFactory(unit=unit_org, plan_year=2026)
    ProjectFactory(unit=unit_org, plan_year=2026, state="submitted")
    ProjectFactory(unit=unit_org, plan_year=2026, state="rejected")
    ProjectFactory(unit=unit_org, plan_year=2026, state="draft")
    ProjectFactory(unit=unit_org, plan_year=2025, state="submitted")
    ProjectFactory(unit=other_unit_org, plan_year=2026, state="submitted")
    assert snapshots.build_snapshot(project).unit.applications_this_cycle == 3
    project.plan_year = None
    assert snapshots.build_snapshot(project).unit.applications_this_cycle is None


def test_it_makes_few_queries(unit_org, django_assert_num_queries):
    full_project(unit_org)
    bare = Project.objects.get()
    # Eight parts, the zombie finding, and the catalogue's systems of the project (none).
    with django_assert_num_queries(10):
        snapshots.build_snapshot(bare)
    loaded = snapshots.with_snapshot_parts(Project.objects.all()).get()
    # The unit's applications this cycle, its last zombie finding (Kaihua 第三条) and the
    # catalogue's systems of the project; a batch caller looks those up once for all.
    with django_assert_num_queries(3):
        snapshots.build_snapshot(loaded)
    with django_assert_num_queries(2):
        snapshots.build_snapshot(loaded, catalogued=[])
