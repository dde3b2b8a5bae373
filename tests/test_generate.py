"""``govit generate``: a small generated portfolio is consistent, cheap in queries, and
``govit tick`` runs over it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from govit.acceptance.models import Filing, Meeting
from govit.data_resources.models import DataResource
from govit.delivery.models import ApprovalRecord, Budget, Payment
from govit.delivery.models import Contract as VendorContract
from govit.documents.models import Document
from govit.generate.lifecycle import Roads
from govit.generate.run import generate
from govit.generate.scale import SCALES, Scale
from govit.policy import loader
from govit.projects.models import Contract, Project, StateChange, TrackedObligation
from govit.reviews.models import Review
from govit.systems.models import System, SystemUsage

pytestmark = pytest.mark.django_db

PROJECTS = 200


@pytest.fixture
def generated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with CaptureQueriesContext(connection) as queries:
        counts = generate(Scale(projects=PROJECTS), seed=7, progress=False)
    return counts, len(queries)


def test_it_makes_the_province_figures_at_province_scale():
    province = SCALES["province"]
    assert province.projects >= 100_000
    assert province.projects * province.documents_per_project >= 1_000_000
    assert province.systems >= 50_000
    assert province.systems * province.data_resources_per_system >= 500_000
    assert SCALES["city"].projects == province.projects // 10


def test_it_writes_the_counts_of_the_scale(generated):
    counts, _queries = generated
    scale = Scale(projects=PROJECTS)
    assert Project.objects.count() == counts["projects.Project"] == PROJECTS
    assert Document.objects.count() >= PROJECTS * scale.documents_per_project
    assert System.objects.count() == scale.systems
    assert DataResource.objects.count() == scale.systems * scale.data_resources_per_system
    assert SystemUsage.objects.count() == scale.systems * scale.usage_months


def test_it_leaves_projects_in_every_state_of_the_rulebook(generated):
    wanted = set(Roads(loader.active()).states)
    assert set(Project.objects.values_list("state", flat=True)) == wanted


def test_it_gives_each_state_its_facts(generated):
    accepted = Project.objects.filter(state__in=("operation", "evaluated", "archived"))
    assert accepted.exists()
    for project in accepted:
        assert project.approved_on
        assert project.accepted_on
        assert project.acceptance_passed
        assert project.acceptance_filed_on >= project.accepted_on >= project.approved_on
        assert Contract.objects.filter(project=project).exists()
        assert ApprovalRecord.objects.filter(project=project).exists()
        assert VendorContract.objects.filter(project=project).exists()
        assert Filing.objects.filter(project=project).exists()
        assert Meeting.objects.filter(project=project, result="passed", kind="final").exists()
        assert Payment.objects.filter(project=project, kind="final").exists()
    drafts = Project.objects.filter(state="draft")
    assert not drafts.exclude(submitted_on=None).exists()
    assert not Contract.objects.filter(project__state__in=("draft", "submitted")).exists()
    evaluated = Project.objects.filter(state="evaluated")
    assert not evaluated.filter(self_evaluated_on=None).exists()
    for budget in Budget.objects.all():
        assert budget.paid <= budget.approved
    # The history ends in the state the project is in.
    for project in Project.objects.all()[:50]:
        last = StateChange.objects.filter(project=project).order_by("at", "id").last()
        assert last is not None
        assert last.to_state == project.state
    assert Review.objects.filter(kind="joint").exists()


def test_it_writes_in_batches_not_per_row(generated):
    counts, queries = generated
    rows = sum(counts.values())
    assert rows > 10_000
    # Whole batches per statement (SQLite caps the parameters of one statement, so a batch
    # holds a few dozen rows of a wide table here): far fewer statements than rows.
    assert queries * 25 < rows
    assert queries * 10 < counts["documents.Document"]


def test_it_is_reproducible_with_a_seed(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    made = []
    for _run in range(2):
        with transaction.atomic():
            counts = generate(Scale(projects=30), seed=3, progress=False)
            rows = Project.objects.order_by("pk").values_list("name", "state", "investment")
            made.append((dict(counts), list(rows)))
            transaction.set_rollback(True)
    assert made[0] == made[1]


def test_the_tick_runs_over_the_generated_data(generated):
    out = StringIO()
    call_command("tick", stdout=out)
    assert "projects.deadlines" in out.getvalue()
    assert TrackedObligation.objects.exists()


def test_the_command_generates_and_reports(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = StringIO()
    call_command("generate", "--projects", "20", "--seed", "2", "--no-progress", stdout=out)
    assert "projects.Project: 20" in out.getvalue()
    assert Project.objects.count() == 20
