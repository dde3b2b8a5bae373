"""Upload checks: the file's content (magic bytes) and its extension must both be an allowed
type, and the file must not exceed ``GOVIT_UPLOAD_MAX_MB``.

The client's declared content type is ignored: the type stored and served is the one the
content shows. Zip-based formats are told apart by their central directory only (nothing is
extracted, so a zip bomb costs nothing; the one member read, ``[Content_Types].xml``, is read
up to a bounded size).

Archives (zip, rar, 7z, tar, gzip, bzip2, xz) and office documents that carry macros (an OOXML
package with ``vbaProject.bin`` or a macro-enabled content type, ``.docm``/``.xlsm`` and the
like, an OLE compound file with a VBA project) are refused by content, whatever their name,
each with its own message: an archive hides what it holds from these checks, and a macro is a
program.
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
# Office formats that may carry macros: refused by name as well as by content.
MACRO_EXTENSIONS = frozenset(
    {".docm", ".dotm", ".xlsm", ".xltm", ".xlsb", ".xlam", ".pptm", ".potm", ".ppsm", ".ppam"}
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names of a VBA project inside an OLE compound file (UTF-16LE directory entries).
_VBA_MARKERS = tuple(
    name.encode("utf-16-le") for name in ("_VBA_PROJECT", "VBA", "Macros", "PROJECTwm")
)
_ARCHIVE_MAGIC = (
    b"Rar!\x1a\x07",  # rar 4 and 5
    b"7z\xbc\xaf\x27\x1c",  # 7z
    b"\x1f\x8b",  # gzip (.gz, .tgz)
    b"BZh",  # bzip2
    b"\xfd7zXZ\x00",  # xz
    b"PK\x05\x06",  # an empty zip
    b"PK\x07\x08",  # a spanned zip
)
_CONTENT_TYPES_LIMIT = 1024 * 1024  # bytes of [Content_Types].xml read, at most
_OLE_SCAN_LIMIT = 16 * 1024 * 1024  # bytes of an OLE file (or embedded object) scanned


@dataclass(frozen=True)
class Checked:
    """What the checks found out about an accepted file."""

    kind: str
    content_type: str
    size: int


class Dangerous(Exception):
    """The content is an archive or carries macros; ``code`` says which."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _ole_has_macros(data: bytes) -> bool:
    return data.startswith(OLE_MAGIC) and any(marker in data for marker in _VBA_MARKERS)


def _ooxml_has_macros(archive: zipfile.ZipFile, names: set[str]) -> bool:
    lowered = {name.lower() for name in names}
    if any(
        name.endswith("vbaproject.bin") or name.endswith("vbadata.xml") or "/activex/" in name
        for name in lowered
    ):
        return True
    with archive.open("[Content_Types].xml") as member:
        declared = member.read(_CONTENT_TYPES_LIMIT).lower()
    if b"macroenabled" in declared or b"vbaproject" in declared:
        return True
    for info in archive.infolist():  # embedded objects: an OLE file with a VBA project
        name = info.filename.lower()
        if "/embeddings/" in name and info.file_size <= _OLE_SCAN_LIMIT:
            with archive.open(info) as member:
                if _ole_has_macros(member.read(_OLE_SCAN_LIMIT)):
                    return True
    return False


def _zip_kind(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and _ooxml_has_macros(archive, names):
                raise Dangerous("macro")
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        return None
    if "[Content_Types].xml" in names:
        if any(name.startswith("word/") for name in names):
            return "docx"
        if any(name.startswith("xl/") for name in names):
            return "xlsx"
        return None
    if "OFD.xml" in names:
        return "ofd"
    raise Dangerous("archive")  # any other zip: an archive, whatever its name


def _is_tar(stream: IO[bytes]) -> bool:
    stream.seek(257)
    magic = stream.read(5)
    stream.seek(0)
    return magic == b"ustar"


def sniff(stream: IO[bytes]) -> str | None:
    """The kind of file the content shows, or None when it is not an allowed one.

    Raises ``Dangerous`` for an archive or an office document with macros.
    """
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    kind: str | None = None
    if head.startswith(_ARCHIVE_MAGIC) or _is_tar(stream):
        raise Dangerous("archive")
    if head.startswith(OLE_MAGIC):
        data = stream.read(_OLE_SCAN_LIMIT)
        stream.seek(0)
        raise Dangerous("macro" if _ole_has_macros(data) else "legacy")
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


_DANGER_MESSAGES = {
    "archive": lambda: _(
        "Archives (zip, rar, 7z, tar, gz) are not accepted: upload each document by itself."
    ),
    "macro": lambda: _(
        "Office documents with macros are not accepted: save the file without macros "
        "(as .docx or .xlsx) and upload it again."
    ),
    "legacy": lambda: _(
        "Old Office formats (.doc, .xls) are not accepted: save the file as .docx or .xlsx."
    ),
}


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
    try:
        found = sniff(upload.file)  # type: ignore[arg-type]
    except Dangerous as exc:
        raise ValidationError(_DANGER_MESSAGES[exc.code](), code=exc.code) from None
    if extension in MACRO_EXTENSIONS:
        raise ValidationError(_DANGER_MESSAGES["macro"](), code="macro")
    declared = EXTENSIONS.get(extension)
    if declared is None:
        raise ValidationError(
            _(
                "File type not allowed: only PDF, Word (.docx), Excel (.xlsx), OFD, PNG and "
                "JPEG files are accepted."
            ),
            code="type",
        )
    if found != declared:
        raise ValidationError(
            _("File type not allowed: the content of the file is not what its extension says."),
            code="content",
        )
    return Checked(kind=found, content_type=CONTENT_TYPES[found], size=size)
