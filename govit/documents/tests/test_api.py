"""The documents API: list, upload, new version, download; scoping and field errors."""

import pytest

from govit.core.crypto import sm3_hex
from govit.documents.tests.samples import EXE, PDF, PNG, upload

pytestmark = pytest.mark.django_db


def api_upload(client, project, content=PDF, name="方案.pdf"):
    return client.post(
        f"/api/v1/projects/{project.pk}/documents",
        {"type": "crypto_plan", "title": "密码应用方案", "file": upload(name, content)},
    )


def test_it_uploads_lists_versions_and_downloads(client, applicant, project):
    client.force_login(applicant)
    created = api_upload(client, project)
    assert created.status_code == 201, created.content
    document = created.json()
    assert document["versions"][0]["sm3"] == sm3_hex(PDF)
    version = client.post(
        f"/api/v1/documents/{document['id']}/versions", {"file": upload("v2.png", PNG)}
    )
    assert version.status_code == 201
    assert version.json()["number"] == 2
    listed = client.get(f"/api/v1/projects/{project.pk}/documents").json()
    assert [v["number"] for v in listed[0]["versions"]] == [2, 1]
    download = client.get(f"/api/v1/documents/versions/{version.json()['id']}/download")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_the_flags_are_set_by_the_competent_department_not_by_a_reader(
    client, applicant, reviewer, finance_clerk, project
):
    client.force_login(applicant)
    document = api_upload(client, project).json()
    url = f"/api/v1/documents/{document['id']}"
    client.force_login(finance_clerk)
    assert client.patch(url, {"approved": True}, content_type="application/json").status_code == 403
    client.force_login(reviewer)
    response = client.patch(
        url, {"approved": True, "reviewed": True}, content_type="application/json"
    )
    assert response.status_code == 200
    assert (response.json()["approved"], response.json()["reviewed"]) == (True, True)


def test_a_bad_file_is_a_422_naming_the_field(client, applicant, project):
    client.force_login(applicant)
    response = api_upload(client, project, content=EXE)
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "file"
    assert "文件类型不允许" in body["errors"][0]["message"]


def test_a_missing_field_is_a_422(client, applicant, project):
    client.force_login(applicant)
    response = client.post(f"/api/v1/projects/{project.pk}/documents", {"type": "crypto_plan"})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} >= {"file", "title"}


def test_another_unit_gets_404_and_a_reader_403(
    client, applicant, other_applicant, finance_clerk, project
):
    client.force_login(applicant)
    document = api_upload(client, project).json()
    version_id = document["versions"][0]["id"]
    client.force_login(other_applicant)
    assert client.get(f"/api/v1/projects/{project.pk}/documents").status_code == 404
    assert api_upload(client, project).status_code == 404
    assert client.get(f"/api/v1/documents/versions/{version_id}/download").status_code == 404
    assert (
        client.post(
            f"/api/v1/documents/{document['id']}/versions", {"file": upload("x.pdf", PDF)}
        ).status_code
        == 404
    )
    client.force_login(finance_clerk)
    assert client.get(f"/api/v1/projects/{project.pk}/documents").status_code == 200
    refused = api_upload(client, project)
    assert refused.status_code == 403
    assert refused.json()["detail"]


def test_anonymous_callers_are_refused(client, project):
    assert client.get(f"/api/v1/projects/{project.pk}/documents").status_code == 401
