"""Uploading and downloading through the pages: field errors in Chinese, headers, scoping."""

import pytest
from django.urls import reverse

from govit.core.crypto import sm3_hex
from govit.documents.models import Document, DocumentVersion
from govit.documents.tests.samples import DOCX, EXE, PDF, upload

pytestmark = pytest.mark.django_db


def post_document(client, project, name="密码应用方案.pdf", content=PDF, **fields):
    data = {"type": "crypto_plan", "title": "密码应用方案", "date": "2026-03-01", **fields}
    data["file"] = upload(name, content)
    return client.post(reverse("project-documents", args=[project.pk]), data)


def test_the_unit_uploads_a_document_from_the_project_page(client, applicant, project):
    client.force_login(applicant)
    page = client.get(reverse("project-detail", args=[project.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.ofd"' in page
    response = post_document(client, project)
    assert response.status_code == 302
    assert response["Location"] == reverse("project-detail", args=[project.pk]) + "#documents"
    version = DocumentVersion.objects.get()
    assert version.sm3 == sm3_hex(PDF)
    page = client.get(reverse("project-detail", args=[project.pk])).content.decode()
    assert "密码应用方案" in page
    assert version.sm3 in page


def test_a_refused_type_is_a_chinese_field_error(client, applicant, project):
    client.force_login(applicant)
    response = post_document(client, project, name="方案.pdf", content=EXE)
    assert response.status_code == 400
    assert "文件类型不允许" in response.content.decode()
    assert 'data-testid="upload-error-file"' in response.content.decode()
    assert not Document.objects.exists()


def test_a_file_over_the_limit_is_a_chinese_field_error(client, applicant, project, settings):
    settings.GOVIT_UPLOAD_MAX_MB = 1
    client.force_login(applicant)
    response = post_document(client, project, content=PDF + b"0" * (1024 * 1024))
    assert response.status_code == 400
    assert "文件超过1MB的上限" in response.content.decode()


def test_missing_fields_are_named(client, applicant, project):
    client.force_login(applicant)
    response = client.post(reverse("project-documents", args=[project.pk]), {"type": "nope"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"type", "title", "file"} <= set(errors)


def test_a_new_version_is_uploaded_and_a_bad_one_refused(client, applicant, project):
    client.force_login(applicant)
    post_document(client, project)
    document = Document.objects.get()
    url = reverse("document-version-add", args=[document.pk])
    assert client.post(url, {"file": upload("第二稿.docx", DOCX)}).status_code == 302
    refused = client.post(url, {"file": upload("第三稿.docx", PDF)})
    assert refused.status_code == 400
    assert "文件类型不允许" in refused.content.decode()
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]


def test_a_download_is_an_attachment_that_is_not_sniffed(client, applicant, reviewer, project):
    client.force_login(applicant)
    post_document(client, project)
    version = DocumentVersion.objects.get()
    for user in (applicant, reviewer):
        client.force_login(user)
        response = client.get(reverse("document-download", args=[version.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("persona", ["other_applicant", "expert", "vendor"])
def test_others_cannot_download_or_upload(client, request, persona, applicant, project):
    client.force_login(applicant)
    post_document(client, project)
    version = DocumentVersion.objects.get()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("document-download", args=[version.pk])).status_code == 404
    assert post_document(client, project).status_code == 404
    url = reverse("document-version-add", args=[version.document_id])
    assert client.post(url, {"file": upload("x.pdf", PDF)}).status_code == 404
    assert DocumentVersion.objects.count() == 1


def test_oversight_roles_read_but_only_the_competent_department_uploads(
    client, finance_clerk, reviewer, project
):
    client.force_login(finance_clerk)
    assert client.get(reverse("project-documents", args=[project.pk])).status_code == 200
    assert post_document(client, project).status_code == 403
    client.force_login(reviewer)
    assert post_document(client, project).status_code == 302


def test_the_documents_pages_need_a_signed_in_user(client, project):
    for url in (
        reverse("project-documents", args=[project.pk]),
        reverse("document-download", args=[1]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
