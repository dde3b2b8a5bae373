"""The demo projects: several states of the active rulebook, loaded once."""

import pytest
from django.core.management import call_command

from govit.core import audit
from govit.documents.models import DocumentVersion
from govit.policy import loader
from govit.projects.demo import PROJECTS, path_to
from govit.projects.models import Project

pytestmark = pytest.mark.django_db


def test_the_demo_walks_projects_into_several_wuhan_states():
    call_command("demo", "load")
    names = [spec.name for spec in PROJECTS]  # other apps' demos add projects of their own
    states = dict(Project.objects.filter(name__in=names).values_list("name", "state"))
    assert states == {spec.name: spec.target for spec in PROJECTS}
    assert DocumentVersion.objects.exists()
    assert audit.verify()[1] is None


def test_a_second_load_adds_no_project():
    call_command("demo", "load")
    count = (Project.objects.count(), DocumentVersion.objects.count())
    call_command("demo", "load")
    assert (Project.objects.count(), DocumentVersion.objects.count()) == count


def test_the_path_follows_the_graph():
    wuhan = loader.get("wuhan")
    assert path_to(wuhan, "draft", "approved") == [
        "submitted",
        "expert_review",
        "planned",
        "approved",
    ]
    assert path_to(wuhan, "archived", "draft") == []
