"""Deny by default: every delivery page and endpoint refuses anonymous callers and hides
another unit's projects (STYLE.md rule 7)."""

import pytest
from django.urls import URLPattern, reverse

from govit.api import api
from govit.delivery import urls as delivery_urls
from govit.delivery.models import Contract
from govit.orgs.choices import Role
from govit.orgs.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(project):
    return Contract.objects.create(
        project=project,
        title="x",
        vendor=OrganisationFactory(kind=Role.VENDOR),
        parties=["unit", "vendor"],
        amount=1,
        signed_on="2026-05-04",
    )


def web_urls(project_pk, contract_pk):
    urls = []
    for pattern in delivery_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        kwargs = {"project_pk": project_pk}
        if "pk" in pattern.pattern.converters:
            kwargs["pk"] = contract_pk
        urls.append((pattern.name, reverse(pattern.name, kwargs=kwargs)))
    return urls


def api_urls(project_pk, contract_pk):
    found = []
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for op in path_view.operations:
                if "delivery" not in (op.tags or router.tags or []):
                    continue
                url = "/api/v1/" + path.lstrip("/")
                url = url.replace("{project_id}", str(project_pk))
                url = url.replace("{contract_id}", str(contract_pk))
                for name in (
                    "change_id",
                    "procurement_id",
                    "milestone_id",
                    "request_id",
                    "payment_id",
                    "engagement_id",
                ):
                    url = url.replace("{" + name + "}", "1")
                found.extend((method, url) for method in op.methods)
    return found


def test_every_page_sends_anonymous_callers_to_sign_in(client, project, contract):
    for name, url in web_urls(project.pk, contract.pk):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (302, 405), (name, method)
            if response.status_code == 302:
                assert reverse("login") in response["Location"], (name, method)


def test_every_page_is_404_to_another_unit(client, other_applicant, project, contract):
    client.force_login(other_applicant)
    for name, url in web_urls(project.pk, contract.pk):
        for method in ("get", "post"):
            assert getattr(client, method)(url).status_code in (404, 405), (name, method)


def test_every_endpoint_refuses_anonymous_callers(client, project, contract):
    endpoints = api_urls(project.pk, contract.pk)
    assert len(endpoints) >= 5
    for method, url in endpoints:
        assert client.generic(method, url).status_code == 401, (method, url)


def test_every_endpoint_is_404_to_another_unit(client, other_applicant, project, contract):
    client.force_login(other_applicant)
    for method, url in api_urls(project.pk, contract.pk):
        response = client.generic(method, url, "{}", content_type="application/json")
        if url == "/api/v1/delivery/ocds":
            # The portfolio export is scoped, not refused: the other unit gets nothing of ours.
            assert response.status_code == 200
            assert project.code not in response.content.decode()
            continue
        assert response.status_code in (404, 422), (method, url, response.status_code)
