"""Deny by default: every page and endpoint of projects and documents refuses anonymous
callers and hides another unit's objects (STYLE.md rule 7). A new URL fails here until it
checks both."""

import pytest
from django.urls import URLPattern, reverse

from govit.api import api
from govit.documents import urls as document_urls
from govit.documents.models import Document, DocumentVersion
from govit.projects import urls as project_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(project):
    document = Document.objects.create(project=project, type="other", title="x")
    version = DocumentVersion.objects.create(
        document=document,
        number=1,
        file="x.pdf",
        original_name="x.pdf",
        size=1,
        content_type="application/pdf",
        sm3="0" * 64,
        uploaded_at="2026-01-01T00:00Z",
    )
    return {
        "pk": project.pk,
        "project_pk": project.pk,
        "name": "submit",
        "doc": document.pk,
        "version": version.pk,
    }


def web_urls(objects):
    urls = []
    for module in (project_urls, document_urls):
        for pattern in module.urlpatterns:
            assert isinstance(pattern, URLPattern)
            kwargs = {key: objects[key] for key in pattern.pattern.converters}
            if pattern.name == "document-version-add":
                kwargs = {"pk": objects["doc"]}
            if pattern.name == "document-download":
                kwargs = {"pk": objects["version"]}
            urls.append((pattern.name, reverse(pattern.name, kwargs=kwargs)))
    return urls


def api_urls(objects):
    found = []
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            if not any(
                tag in ("projects", "documents")
                for op in path_view.operations
                for tag in (op.tags or router.tags or [])
            ):
                continue
            url = "/api/v1/" + path.lstrip("/")
            url = (
                url.replace("{project_id}", str(objects["pk"]))
                .replace("{document_id}", str(objects["doc"]))
                .replace("{version_id}", str(objects["version"]))
            )
            for op in path_view.operations:
                for method in op.methods:
                    found.append((method, url))
    return found


def test_every_page_sends_anonymous_callers_to_sign_in(client, objects):
    for name, url in web_urls(objects):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (302, 405), (name, method)
            if response.status_code == 302:
                assert reverse("login") in response["Location"], (name, method)


def test_every_page_about_a_project_is_404_to_another_unit(client, other_applicant, objects):
    client.force_login(other_applicant)
    for name, url in web_urls(objects):
        if name in ("project-list", "project-create", "deadline-list"):  # scoped lists
            continue
        for method in ("get", "post"):
            assert getattr(client, method)(url).status_code in (404, 405), (name, method)


def test_every_endpoint_refuses_anonymous_callers(client, objects):
    endpoints = api_urls(objects)
    assert len(endpoints) >= 9
    for method, url in endpoints:
        response = client.generic(method, url)
        assert response.status_code == 401, (method, url)


def test_every_endpoint_about_a_project_is_404_to_another_unit(client, other_applicant, objects):
    client.force_login(other_applicant)
    for method, url in api_urls(objects):
        if url.rstrip("/").endswith("/projects"):
            continue
        response = client.generic(method, url, "{}", content_type="application/json")
        assert response.status_code in (404, 422), (method, url, response.status_code)
