import pytest
from django.urls import reverse

from govit.core.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_organisation_roles_rulebook_and_next_steps(client, applicant):
    client.force_login(applicant)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "市民政局" in html
    assert "项目建设单位" in html  # the unit's local title in the Wuhan rulebook
    assert "武汉市政务信息化项目建设管理办法" in html
    actions = response.context["next_actions"]
    labels = [action.label for action in actions]
    assert any("市民政局" in label for label in labels)
    assert not any(action.url == reverse("organisation-list") for action in actions)


def test_the_competent_department_is_offered_the_organisation_list(client, reviewer, unit_org):
    client.force_login(reviewer)
    response = client.get(reverse("home"))
    listing = [a for a in response.context["next_actions"] if a.url == reverse("organisation-list")]
    assert len(listing) == 1
    assert listing[0].count == 2  # its own department and the unit


def test_the_home_page_follows_the_deployment_rulebook(client, applicant, settings):
    settings.GOVIT_RULEBOOK = "gaoping"
    client.force_login(applicant)
    html = client.get(reverse("home")).content.decode()
    assert "高平市政务信息化项目建设应用管理办法" in html
    assert "项目实施单位" in html


def test_the_home_page_needs_a_signed_in_user(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302


def test_pages_carry_a_strict_content_security_policy(client, applicant):
    client.force_login(applicant)
    response = client.get(reverse("home"))
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "<script>" not in response.content.decode()


def test_the_api_tells_who_is_signed_in(client, applicant):
    client.force_login(applicant)
    data = client.get("/api/v1/me").json()
    assert data["roles"] == ["unit"]
    assert data["organisations"] == ["市民政局"]
    assert data["rulebook"] == "wuhan"


def test_the_api_refuses_anonymous_callers(client):
    assert client.get("/api/v1/me").status_code == 401


def test_english_is_available(client, applicant):
    client.force_login(applicant)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert "What you can do next" in html
