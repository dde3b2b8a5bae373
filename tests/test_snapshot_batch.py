"""The batch snapshot builder of ``govit tick`` makes exactly what ``build_snapshot`` makes for
each project, on a generated portfolio, in a constant number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from govit.documents.models import Document
from govit.generate.lifecycle import Roads
from govit.generate.run import generate
from govit.generate.scale import Scale
from govit.orgs.models import Organisation
from govit.policy import loader
from govit.policy.engine.snapshot import Document as SnapshotDocument
from govit.policy.engine.snapshot import System as SystemFacts
from govit.projects import snapshot_batch
from govit.projects.models import Change, Contract, Project, System
from govit.projects.snapshot_batch import DocumentMemo, ProjectRef, build_snapshots, read_batch
from govit.projects.snapshots import build_snapshot, catalogue_systems, with_snapshot_parts
from govit.systems import facts
from govit.systems.choices import RETIRED_STATUSES
from govit.systems.funding import engine_facts
from govit.systems.models import System as CatalogueSystem

pytestmark = pytest.mark.django_db

SystemLinks = CatalogueSystem.projects.through

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def portfolio(settings, tmp_path) -> list[int]:
    settings.MEDIA_ROOT = tmp_path
    generate(Scale(projects=120), seed=5, rulebook_id="wuhan", today=TODAY, progress=False)
    generate(Scale(projects=60), seed=6, rulebook_id="kaihua", today=TODAY, progress=False)
    ids = list(Project.objects.order_by("pk").values_list("pk", flat=True))
    _add_rare_facts(ids)
    return ids


def _add_rare_facts(ids: list[int]) -> None:
    """Facts the generator leaves out: the JSON facts with dates and nested parts, and parts
    with empty choices (the snapshot reads "" as unknown)."""
    first, second, third = ids[:3]
    Project.objects.filter(pk=first).update(
        drills=["2026-03-01", "2026-09-01"],
        security_tests_on=["2026-04-01"],
        incidents=[{"occurred_on": "2026-02-01", "symptoms": "断网"}],
        inspection_issues=[{"kind": "not_docked", "found_on": "2026-02-02"}],
        kind="",
        level="",
        investment_code="",
    )
    Contract.objects.filter(project_id=second).delete()
    Contract.objects.create(project_id=second, amount=Decimal(90), parties=2, signed_on=TODAY)
    Change.objects.create(project_id=second, amount=Decimal(5), on=TODAY, approved=False)
    Change.objects.create(project_id=second, amount=None, reason="other", on=None)
    Document.objects.create(project_id=third, type="proposal", title="x", date=None)
    Document.objects.create(project_id=third, type="proposal", title="y", date=TODAY)
    units = Organisation.objects.order_by("pk")[:2]
    Project.objects.get(pk=third).co_units.add(*units)
    System.objects.create(project_id=third, name="无目录系统", in_catalog=False)


def test_the_batch_snapshot_equals_build_snapshot_for_every_project(portfolio):
    batch = build_snapshots(portfolio, as_of=TODAY)
    assert list(batch) == portfolio
    projects = with_snapshot_parts(Project.objects.filter(pk__in=portfolio))
    for project in projects:
        expected = build_snapshot(project, as_of=TODAY)
        assert batch[project.pk].model_dump() == expected.model_dump(), project.state
        assert batch[project.pk] == expected
        # The engine reads the same: the same findings and obligations.
        rulebook = loader.get(project.rulebook)
        got = rulebook.evaluate(batch[project.pk], as_of=TODAY)
        assert got.findings == rulebook.evaluate(expected, as_of=TODAY).findings


def test_the_catalogue_systems_read_as_rows_equal_those_built_from_model_instances(portfolio):
    """``funding.project_systems`` reads the systems as rows (``SystemRow``); built from the
    model instances, as ``engine_facts`` does for one system's O&M funding, they are the same."""
    found = catalogue_systems(cast(list[Project], [ProjectRef(pk) for pk in portfolio]), TODAY)
    links = list(
        SystemLinks.objects.filter(project_id__in=portfolio)
        .exclude(system__status__in=RETIRED_STATUSES)
        .select_related("system")
        .order_by("system__name", "system_id")
    )
    systems = list({link.system_id: link.system for link in links}.values())
    derived, evaluated = facts.derived(systems, TODAY), facts.evaluations(systems, TODAY)
    expected: dict[int, list[SystemFacts]] = {}
    for link in links:
        expected.setdefault(link.project_id, []).append(
            engine_facts(
                link.system,
                derived=derived.get(link.system_id),
                evaluation=evaluated.get(link.system_id),
            )
        )
    assert found == expected
    assert derived, "the registers decide some facts"


def test_the_batch_validates_each_distinct_document_row_once(portfolio):
    batch = read_batch(portfolio, as_of=TODAY)
    documents = [
        document for pk in portfolio for document in batch.data(pk)["project"]["documents"]
    ]
    by_value: dict[tuple[object, ...], set[int]] = {}
    for document in documents:
        by_value.setdefault(tuple(document.model_dump().values()), set()).add(id(document))
    assert len(by_value) < len(documents)
    assert all(len(ids) == 1 for ids in by_value.values())


def test_batches_that_share_a_memo_validate_each_distinct_document_row_once(portfolio, monkeypatch):
    validated: list[object] = []
    original = SnapshotDocument.model_validate

    def counting(data: object) -> object:
        validated.append(data)
        return original(data)

    monkeypatch.setattr(SnapshotDocument, "model_validate", counting)
    memo: DocumentMemo = {}
    half = len(portfolio) // 2
    first, second = portfolio[:half], portfolio[half:]
    batch = read_batch(first, as_of=TODAY, documents=memo)
    documents = [d for pk in first for d in batch.data(pk)["project"]["documents"]]
    in_first = len(memo)
    batch = read_batch(second, as_of=TODAY, documents=memo)
    shared = [batch.data(pk) for pk in second]
    documents += [d for data in shared for d in data["project"]["documents"]]
    distinct = {tuple(document.model_dump().values()) for document in documents}
    assert len(validated) == len(distinct) == len(memo)
    # Alone, the second batch validates the rows the first one had validated again.
    alone = read_batch(second, as_of=TODAY)
    assert [alone.data(pk) for pk in second] == shared
    assert len(memo) < in_first + len(alone._documents)


def test_a_memo_past_its_limit_is_emptied(portfolio, monkeypatch):
    monkeypatch.setattr(snapshot_batch, "DOCUMENT_MEMO_LIMIT", 2)
    stale = cast(SnapshotDocument, None)
    memo: DocumentMemo = {("x",): stale, ("y",): stale, ("z",): stale}
    batch = read_batch(portfolio[:5], as_of=TODAY, documents=memo)
    for pk in portfolio[:5]:
        batch.data(pk)
    assert ("x",) not in memo


def test_the_portfolio_covers_what_the_snapshot_reads(portfolio):
    """The comparison above is only worth what the data holds: every state of both
    rulebooks, catalogued systems, contracts, changes, documents, co-building units."""
    states = set(Project.objects.values_list("rulebook", "state"))
    for rulebook in ("wuhan", "kaihua"):
        wanted = set(Roads(loader.get(rulebook)).states)
        assert wanted <= {state for book, state in states if book == rulebook}, rulebook
    refs = list(Project.objects.filter(pk__in=portfolio))
    assert catalogue_systems(refs, TODAY)
    assert Contract.objects.exists()
    assert Change.objects.exists()
    assert Document.objects.exists()
    assert System.objects.exists()
    assert Project.co_units.through.objects.exists()


def test_the_batch_reads_a_constant_number_of_queries(portfolio):
    linked = list(SystemLinks.objects.order_by("project_id").values_list("project_id", flat=True))
    build_snapshots(portfolio, as_of=TODAY)  # the work calendar is read once per process
    with CaptureQueriesContext(connection) as few:
        build_snapshots(linked[:2], as_of=TODAY)
    with CaptureQueriesContext(connection) as many:
        build_snapshots(portfolio, as_of=TODAY)
    # A constant count: the catalogue's facts of the systems take most of it; last year's
    # evaluation results (two queries) are read only when a unit has none this year.
    assert len(few) <= len(many) <= len(few) + 2 <= 24


def test_no_projects_no_snapshots():
    assert build_snapshots([], as_of=TODAY) == {}
