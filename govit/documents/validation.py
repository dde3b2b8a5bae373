"""Upload checks: the file's content (magic bytes) and its extension must both be an allowed
type, and the file must not exceed ``GOVIT_UPLOAD_MAX_MB``.

The client's declared content type is ignored: the type stored and served is the one the
content shows. Zip-based formats are told apart by their central directory only (nothing is
extracted, so a zip bomb costs nothing).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "docx": DOCX,
    "xlsx": XLSX,
    "ofd": "application/ofd",
}
EXTENSIONS = {
    ".pdf": "pdf",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".ofd": "ofd",
}
ACCEPT = ",".join(EXTENSIONS)  # for <input type=file accept=...>


@dataclass(frozen=True)
class Checked:
    """What the checks found out about an accepted file."""

    kind: str
    content_type: str
    size: int


def _zip_kind(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" in names:
        if any(name.startswith("word/") for name in names):
            return "docx"
        if any(name.startswith("xl/") for name in names):
            return "xlsx"
        return None
    if "OFD.xml" in names:
        return "ofd"
    return None


def sniff(stream: IO[bytes]) -> str | None:
    """The kind of file the content shows, or None when it is not an allowed one."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    kind: str | None = None
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(stream)
    stream.seek(0)
    return kind


def max_bytes() -> int:
    return int(settings.GOVIT_UPLOAD_MAX_MB) * 1024 * 1024


def check_upload(upload: UploadedFile) -> Checked:
    """Accept the upload or raise a ``ValidationError`` that says why, in the user's language."""
    size = upload.size or 0
    limit = int(settings.GOVIT_UPLOAD_MAX_MB)
    if size > max_bytes():
        raise ValidationError(
            _("The file is larger than %(limit)d MB.") % {"limit": limit}, code="too_large"
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    extension = PurePath(upload.name or "").suffix.lower()
    declared = EXTENSIONS.get(extension)
    if declared is None:
        raise ValidationError(
            _(
                "File type not allowed: only PDF, Word (.docx), Excel (.xlsx), OFD, PNG and "
                "JPEG files are accepted."
            ),
            code="type",
        )
    found = sniff(upload.file)  # type: ignore[arg-type]
    if found != declared:
        raise ValidationError(
            _("File type not allowed: the content of the file is not what its extension says."),
            code="content",
        )
    return Checked(kind=found, content_type=CONTENT_TYPES[found], size=size)
