"""Uploads are accepted by content and extension, and refused with a Chinese field error."""

import pytest
from django.core.exceptions import ValidationError

from govit.documents.tests.samples import (
    DOCX,
    EXE,
    HTML,
    JPEG,
    OFD,
    PDF,
    PLAIN_ZIP,
    PNG,
    XLSX,
    upload,
)
from govit.documents.validation import DOCX as DOCX_TYPE
from govit.documents.validation import check_upload


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
        ("报告.docx", PLAIN_ZIP),  # a zip without [Content_Types].xml
        ("报告.docx", XLSX),  # a spreadsheet named as a document
        ("图.png", JPEG),
        ("批复.ofd", DOCX),
    ],
    ids=["exe-as-pdf", "html-as-pdf", "zip-as-docx", "xlsx-as-docx", "jpeg-as-png", "docx-as-ofd"],
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
