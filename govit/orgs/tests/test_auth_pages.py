import pytest
from django.urls import reverse

from govit.orgs.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_chinese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_it_signs_in_and_lands_on_the_home_page(client, applicant):
    response = client.post(
        reverse("login"), {"username": "applicant", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "市民政局" in response.content.decode()


def test_it_explains_a_wrong_password_in_chinese(client, applicant):
    response = client.post(reverse("login"), {"username": "applicant", "password": "wrong"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_it_signs_out_with_a_post(client, applicant):
    client.force_login(applicant)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("logout")).status_code == 405


def test_the_admin_lists_organisations_for_a_superuser(admin_client, unit_org):
    response = admin_client.get(reverse("admin:orgs_organisation_changelist"))
    assert response.status_code == 200
    assert "市民政局" in response.content.decode()


def test_admin_changes_are_audited(admin_client, unit_org):
    from govit.core.models import AuditEvent

    url = reverse("admin:orgs_organisation_change", args=[unit_org.pk])
    response = admin_client.post(
        url,
        {
            "name": "市民政局(新)",
            "kind": "unit",
            "budget_unit_count": 4,
            "credit_code": unit_org.credit_code,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.latest("sequence")
    assert event.action == "admin.change"
    assert event.before["name"] == "市民政局"
    assert event.after["budget_unit_count"] == 4
