"""Stored files handed out as private downloads (documents, delivery evidence, docking
evidence): an attachment that no cache keeps and no browser sniffs."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

from govit.documents.models import DocumentVersion


def file_response(version: DocumentVersion) -> FileResponse:
    """The stored file of ``version`` as a private download (the caller has checked rights;
    a file missing from storage is a 404)."""
    return private_download(
        version.file, filename=version.original_name, content_type=version.content_type
    )


def private_download(stored: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """A stored file as an attachment no cache keeps and no browser sniffs (the caller has
    checked rights); a file missing from storage is a 404."""
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
