"""The home page offers to create a project and counts the projects waiting for the user."""

import pytest
from django.urls import reverse

from govit.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def actions(client, user):
    client.force_login(user)
    return {a.url: a for a in client.get(reverse("home")).context["next_actions"]}


def test_a_unit_is_offered_to_create_a_project(client, applicant, project):
    found = actions(client, applicant)
    assert reverse("project-create") in found
    waiting = found[reverse("project-list") + "?awaiting=1"]
    assert waiting.count == 1  # its draft waits for it to submit


def test_the_competent_department_counts_submitted_projects(client, reviewer, unit_org):
    ProjectFactory(unit=unit_org, state="submitted")
    ProjectFactory(unit=unit_org, state="construction")  # it could only suspend it
    ProjectFactory(unit=unit_org, state="draft")
    found = actions(client, reviewer)
    assert reverse("project-create") not in found
    assert found[reverse("project-list") + "?awaiting=1"].count == 1


def test_an_expert_is_offered_nothing_about_projects(client, expert, project):
    found = actions(client, expert)
    assert not any(url.startswith(reverse("project-list")) for url in found)


def test_the_nav_links_to_the_projects(client, applicant):
    client.force_login(applicant)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("project-list")}"' in page
    assert ">项目<" in page
