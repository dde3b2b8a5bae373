"""Uploads are accepted by content and extension, and refused with a Chinese field error."""

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile

import pytest
from django.core.exceptions import ValidationError

from govit.documents.tests.samples import (
    DOCX,
    EXE,
    HTML,
    JPEG,
    OFD,
    PDF,
    PNG,
    XLSX,
    upload,
    zipped,
)
from govit.documents.validation import DOCX as DOCX_TYPE
from govit.documents.validation import OLE_MAGIC, check_upload


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("方案.pdf", PDF, "application/pdf"),
        ("截图.PNG", PNG, "image/png"),
        ("照片.jpg", JPEG, "image/jpeg"),
        ("照片.jpeg", JPEG, "image/jpeg"),
        ("报告.docx", DOCX, DOCX_TYPE),
        ("预算.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("批复.ofd", OFD, "application/ofd"),
    ],
)
def test_it_accepts_the_allowed_types_by_their_content(name, content, content_type):
    checked = check_upload(upload(name, content, "text/plain"))
    assert checked.content_type == content_type  # the declared type is ignored
    assert checked.size == len(content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("病毒.pdf", EXE),  # wrong magic bytes behind an allowed extension
        ("页面.pdf", HTML),
        ("报告.docx", XLSX),  # a spreadsheet named as a document
        ("图.png", JPEG),
        ("批复.ofd", DOCX),
    ],
    ids=["exe-as-pdf", "html-as-pdf", "xlsx-as-docx", "jpeg-as-png", "docx-as-ofd"],
)
def test_it_refuses_content_that_is_not_what_the_extension_says(name, content):
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(name, content))
    assert caught.value.code == "content"
    assert "文件类型不允许" in caught.value.messages[0]


@pytest.mark.parametrize("name", ["程序.exe", "页面.html", "压缩.zip", "无扩展名", "方案.pdf.exe"])
def test_it_refuses_extensions_that_are_not_allowed(name):
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(name, PDF))
    assert caught.value.code == "type"
    assert "文件类型不允许" in caught.value.messages[0]


def test_it_refuses_a_file_over_the_limit(settings):
    settings.GOVIT_UPLOAD_MAX_MB = 1
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("大.pdf", PDF + b"0" * (1024 * 1024)))
    assert caught.value.messages == ["文件超过1MB的上限。"]
    check_upload(upload("刚好.pdf", PDF + b"0" * (1024 * 1024 - len(PDF))))  # 1 MB itself is fine


def test_it_refuses_an_empty_file():
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("空.pdf", b""))
    assert caught.value.code == "empty"


def test_the_limit_comes_from_the_environment():
    import os
    import subprocess
    import sys

    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.GOVIT_UPLOAD_MAX_MB)"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "govit.settings"}
    environment.pop("GOVIT_UPLOAD_MAX_MB", None)
    run = [sys.executable, "-c", code]
    default = subprocess.run(run, env=environment, capture_output=True, text=True, check=True)
    given = subprocess.run(
        run,
        env={**environment, "GOVIT_UPLOAD_MAX_MB": "7"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert (default.stdout.strip(), given.stdout.strip()) == ("50", "7")


# Crafted archives and macro-carrying office files: refused by content, whatever the name.


def _archive(kind: str) -> bytes:
    buffer = io.BytesIO()
    if kind in {"tar", "tgz"}:
        mode = "w:gz" if kind == "tgz" else "w"
        with tarfile.open(fileobj=buffer, mode=mode) as archive:  # type: ignore[call-overload]
            info = tarfile.TarInfo("方案.pdf")
            info.size = len(PDF)
            archive.addfile(info, io.BytesIO(PDF))
        return buffer.getvalue()
    if kind == "gz":
        return gzip.compress(PDF)
    if kind == "bz2":
        return bz2.compress(PDF)
    if kind == "xz":
        return lzma.compress(PDF)
    if kind == "zip":
        return zipped("方案.pdf")
    if kind == "empty-zip":
        with zipfile.ZipFile(buffer, "w"):
            pass
        return buffer.getvalue()
    if kind == "rar":
        return b"Rar!\x1a\x07\x01\x00" + b"\x00" * 64
    if kind == "7z":
        return b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 64
    raise AssertionError(kind)


ARCHIVES = ["zip", "empty-zip", "rar", "7z", "tar", "tgz", "gz", "bz2", "xz"]


@pytest.mark.parametrize("kind", ARCHIVES)
@pytest.mark.parametrize("name", ["方案.pdf", "报告.docx", "压缩.zip"])
def test_archives_are_refused_by_content_whatever_their_name(kind, name):
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(name, _archive(kind)))
    assert caught.value.code == "archive"
    assert "压缩" in caught.value.messages[0]


def _ooxml(*members: tuple[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


_PLAIN_TYPES = '<Types><Default Extension="xml" ContentType="application/xml"/></Types>'
_MACRO_TYPES = (
    '<Types><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
)
OLE_WITH_VBA = OLE_MAGIC + b"\x00" * 504 + "_VBA_PROJECT".encode("utf-16-le") + b"\x00" * 64
OLE_PLAIN = OLE_MAGIC + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 64

MACRO_FILES = {
    "docx-with-vbaProject.bin": (
        "报告.docx",
        _ooxml(
            ("[Content_Types].xml", _PLAIN_TYPES),
            ("word/document.xml", "<w/>"),
            ("word/vbaProject.bin", OLE_WITH_VBA),
        ),
    ),
    "xlsx-with-macro-content-type": (
        "预算.xlsx",
        _ooxml(
            ("[Content_Types].xml", _MACRO_TYPES.replace("word/document", "xl/workbook")),
            ("xl/workbook.xml", "<x/>"),
        ),
    ),
    "docm-content-as-docx": (
        "报告.docx",
        _ooxml(("[Content_Types].xml", _MACRO_TYPES), ("word/document.xml", "<w/>")),
    ),
    "docx-embedding-a-macro-workbook": (
        "报告.docx",
        _ooxml(
            ("[Content_Types].xml", _PLAIN_TYPES),
            ("word/document.xml", "<w/>"),
            ("word/embeddings/oleObject1.bin", OLE_WITH_VBA),
        ),
    ),
    "ole-doc-with-vba-named-pdf": ("方案.pdf", OLE_WITH_VBA),
    "ole-xls-with-vba": ("预算.xls", OLE_WITH_VBA),
    "clean-docx-named-docm": ("报告.docm", DOCX),
    "clean-xlsx-named-xlsm": ("预算.xlsm", XLSX),
}


@pytest.mark.parametrize("case", list(MACRO_FILES))
def test_office_documents_with_macros_are_refused(case):
    name, content = MACRO_FILES[case]
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(name, content))
    assert caught.value.code == "macro"
    assert "宏" in caught.value.messages[0]


def test_an_old_office_file_without_macros_is_refused_as_an_old_format():
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("报告.doc", OLE_PLAIN))
    assert caught.value.code == "legacy"


def test_a_docx_with_a_plain_embedded_object_is_accepted():
    content = _ooxml(
        ("[Content_Types].xml", _PLAIN_TYPES),
        ("word/document.xml", "<w/>"),
        ("word/embeddings/oleObject1.bin", OLE_PLAIN),
    )
    assert check_upload(upload("报告.docx", content)).kind == "docx"


@pytest.mark.django_db
def test_the_page_and_the_api_refuse_an_archive_and_a_macro_document_saving_nothing(
    client, applicant, project
):
    from django.urls import reverse

    from govit.documents.models import Document

    client.force_login(applicant)
    page = client.post(
        reverse("project-documents", args=[project.pk]),
        {"type": "crypto_plan", "title": "方案", "file": upload("方案.pdf", _archive("7z"))},
    )
    assert page.status_code == 400
    assert "不接受压缩文件" in page.content.decode()
    name, content = MACRO_FILES["docx-with-vbaProject.bin"]
    api = client.post(
        f"/api/v1/projects/{project.pk}/documents",
        {"type": "crypto_plan", "title": "方案", "file": upload(name, content)},
    )
    assert api.status_code == 422
    assert api.json()["errors"][0]["field"] == "file"
    assert "含宏" in api.json()["errors"][0]["message"]
    assert not Document.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("via", ["page", "api"])
def test_downloads_are_attachments_never_sniffed_nor_rendered(client, applicant, project, via):
    from django.urls import reverse

    from govit.documents.models import DocumentVersion

    client.force_login(applicant)
    # HTML inside a file whose content is a PDF: served as an attachment of the sniffed type.
    content = PDF + HTML
    created = client.post(
        f"/api/v1/projects/{project.pk}/documents",
        {"type": "crypto_plan", "title": "方案", "file": upload("方案.pdf", content, "text/html")},
    )
    assert created.status_code == 201
    version = DocumentVersion.objects.get()
    url = (
        reverse("document-download", args=[version.pk])
        if via == "page"
        else f"/api/v1/documents/versions/{version.pk}/download"
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
