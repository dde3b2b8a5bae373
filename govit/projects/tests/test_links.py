import pytest
from django.urls import reverse

from govit.projects.models import Project

pytestmark = pytest.mark.django_db


def test_an_approved_projects_page_links_to_its_delivery_records(client, reviewer, project):
    Project.objects.filter(pk=project.pk).update(state="approved")
    client.force_login(reviewer)
    html = client.get(reverse("project-detail", args=[project.pk])).content.decode()
    assert reverse("delivery-detail", args=[project.pk]) in html
    assert reverse("review-create", args=[project.pk]) in html


def test_a_draft_has_no_delivery_link_and_the_unit_cannot_open_reviews(client, applicant, project):
    client.force_login(applicant)
    html = client.get(reverse("project-detail", args=[project.pk])).content.decode()
    assert reverse("delivery-detail", args=[project.pk]) not in html
    assert reverse("review-create", args=[project.pk]) not in html
