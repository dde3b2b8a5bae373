"""Uploading documents and versions: digest, size, type, numbering, audit, permissions."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from govit.core.crypto import sm3_hex
from govit.core.models import AuditEvent
from govit.documents import services
from govit.documents.models import Document, DocumentVersion
from govit.documents.tests.samples import EXE, PDF, PNG, upload
from govit.projects.errors import NotPermitted
from govit.projects.models import Project

pytestmark = pytest.mark.django_db


def first_upload(actor, project, name="密码应用方案.pdf", content=PDF):
    return services.document_upload(
        actor=actor,
        project=project,
        type="crypto_plan",
        title="密码应用方案",
        upload=upload(name, content),
    )


def test_it_stores_the_file_with_its_sm3_digest_size_and_type(applicant, project, settings):
    version = first_upload(applicant, project)
    assert version.number == 1
    assert version.sm3 == sm3_hex(PDF)
    assert version.size == len(PDF)
    assert version.content_type == "application/pdf"
    assert version.original_name == "密码应用方案.pdf"
    assert version.uploaded_by == applicant
    stored = Path(settings.MEDIA_ROOT) / version.file.name
    assert stored.read_bytes() == PDF
    # The stored name carries nothing of the uploader's file name but its extension.
    assert "密码" not in version.file.name
    assert version.file.name.startswith(f"documents/{project.pk}/")
    assert version.file.name.endswith(".pdf")
    event = AuditEvent.objects.get(action="document.upload")
    assert event.after["sm3"] == version.sm3


def test_each_upload_of_a_document_is_a_new_version(applicant, project):
    first = first_upload(applicant, project)
    second = services.document_version_add(
        actor=applicant, document=first.document, upload=upload("第二稿.png", PNG)
    )
    assert (first.number, second.number) == (1, 2)
    document = Document.objects.get()
    assert document.version_count == 2
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    assert DocumentVersion.objects.get(number=1).sm3 == sm3_hex(PDF)


def test_a_refused_file_leaves_nothing_behind(applicant, project, settings):
    with pytest.raises(ValidationError) as caught:
        first_upload(applicant, project, name="方案.pdf", content=EXE)
    assert "file" in caught.value.message_dict
    assert not Document.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_the_competent_department_may_upload_at_any_stage(reviewer, project):
    Project.objects.filter(pk=project.pk).update(state="construction")
    project.refresh_from_db()
    assert first_upload(reviewer, project).uploaded_by == reviewer


def test_the_unit_may_not_upload_to_a_closed_project(applicant, project):
    Project.objects.filter(pk=project.pk).update(state="archived")
    project.refresh_from_db()
    with pytest.raises(NotPermitted):
        first_upload(applicant, project)


@pytest.mark.parametrize("persona", ["other_applicant", "finance_clerk", "expert", "vendor"])
def test_others_may_not_upload(request, persona, project):
    with pytest.raises(NotPermitted):
        first_upload(request.getfixturevalue(persona), project)
    assert not Document.objects.exists()


def test_others_may_not_add_versions(applicant, other_applicant, project):
    version = first_upload(applicant, project)
    with pytest.raises(NotPermitted):
        services.document_version_add(
            actor=other_applicant, document=version.document, upload=upload("x.pdf", PDF)
        )


def test_the_flags_are_updated_and_audited(reviewer, applicant, project):
    document = first_upload(applicant, project).document
    services.document_update(actor=reviewer, document=document, approved=True, reviewed=True)
    document.refresh_from_db()
    assert (document.approved, document.reviewed) == (True, True)
    assert AuditEvent.objects.filter(action="document.update").exists()
