"""Writes for documents: upload a document, add a version, change its flags."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.crypto import sm3_stream_hex
from govit.documents import policies
from govit.documents.models import Document, DocumentVersion
from govit.documents.validation import check_upload
from govit.orgs.models import User
from govit.projects.errors import NotPermitted
from govit.projects.models import Project


def _store(*, actor: User, document: Document, upload: UploadedFile) -> DocumentVersion:
    """Check, digest and store one file as the document's next version (caller locks)."""
    try:
        checked = check_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from None
    digest = sm3_stream_hex(upload.chunks())
    upload.seek(0)
    document.version_count += 1
    version = DocumentVersion(
        document=document,
        number=document.version_count,
        original_name=(upload.name or "file")[-255:],
        size=checked.size,
        content_type=checked.content_type,
        sm3=digest,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    version.file = upload
    version.save()
    try:
        document.save(update_fields=["version_count"])
        audit.record(
            actor=actor,
            action="document.upload",
            obj=version,
            object_repr=f"{document.title} v{version.number}",
            after={
                "document": document.pk,
                "project": document.project_id,
                "type": document.type,
                "number": version.number,
                "name": version.original_name,
                "size": version.size,
                "sm3": version.sm3,
            },
        )
    except BaseException:
        # The row goes with the rolled-back transaction; the stored file must go too.
        version.file.storage.delete(version.file.name)
        raise
    return version


@transaction.atomic
def document_upload(
    *,
    actor: User,
    project: Project,
    type: str,
    title: str,
    upload: UploadedFile,
    date: dt.date | None = None,
    approved: bool | None = None,
    reviewed: bool | None = None,
) -> DocumentVersion:
    """Attach a new document to ``project`` with its first version."""
    if not policies.document_upload(actor, project):
        raise NotPermitted(_("You cannot add documents to this project."))
    document = Document(
        project=project,
        type=type,
        title=title,
        date=date,
        approved=approved,
        reviewed=reviewed,
        created_by=actor,
    )
    document.full_clean()
    document.save()
    return _store(actor=actor, document=document, upload=upload)


@transaction.atomic
def document_attach(
    *,
    actor: User,
    project: Project,
    type: str,
    title: str,
    upload: UploadedFile,
    date: dt.date | None = None,
    document: Document | None = None,
) -> DocumentVersion:
    """Store a file for another app's record, for an actor that app's service has authorised
    by its own policy (the engaged supervisor's report: supervisors hold no project rights).

    The file goes through the same checks, digest and audit event as any upload: a new
    document of ``project`` with its first version, or the next version of ``document`` (a
    document of the same project)."""
    if document is not None:
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.project_id != project.pk:
            raise ValidationError({"file": _("Choose a document of this project.")})
        return _store(actor=actor, document=locked, upload=upload)
    attached = Document(project=project, type=type, title=title, date=date, created_by=actor)
    attached.full_clean()
    attached.save()
    return _store(actor=actor, document=attached, upload=upload)


@transaction.atomic
def document_version_add(
    *, actor: User, document: Document, upload: UploadedFile
) -> DocumentVersion:
    """Upload a new version of ``document`` (the earlier versions are kept)."""
    locked = Document.objects.select_for_update().select_related("project").get(pk=document.pk)
    if not policies.document_version_add(actor, locked):
        raise NotPermitted(_("You cannot add versions to this document."))
    return _store(actor=actor, document=locked, upload=upload)


@transaction.atomic
def document_update(
    *,
    actor: User,
    document: Document,
    title: str | None = None,
    date: dt.date | None = None,
    approved: bool | None = None,
    reviewed: bool | None = None,
) -> Document:
    """Change a document's title, date or review flags (None leaves a value as it is)."""
    locked = Document.objects.select_for_update().select_related("project").get(pk=document.pk)
    if not policies.document_update(actor, locked):
        raise NotPermitted(_("You cannot change this document."))
    given = {"title": title, "date": date, "approved": approved, "reviewed": reviewed}
    changed = {k: v for k, v in given.items() if v is not None and getattr(locked, k) != v}
    if not changed:
        return locked
    before = {k: getattr(locked, k) for k in changed}
    for name, value in changed.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save(update_fields=list(changed))
    audit.record(actor=actor, action="document.update", obj=locked, before=before, after=changed)
    return locked
