"""Printed documents: the same description as docx and PDF; the PDF holds the Chinese text as
text and draws it with real glyphs (two different strings rasterise differently)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from govit.orgs.models import User
from govit.projects.models import Project
from govit.reports.documents import Doc, Facts, Heading, Paragraph, PdfUnavailable, to_docx, to_pdf

pytestmark = pytest.mark.django_db

needs_chromium = pytest.mark.skipif(
    not Path(settings.GOVIT_PDF_BROWSER).exists(), reason="no Chromium to print PDFs"
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils is not installed",
)


def _doc(text: str) -> Doc:
    return Doc(title="政务信息化项目申报表").add(Heading("基本情况"), Facts([("项目名称", text)]))


def test_docx_holds_the_same_content() -> None:
    from docx import Document

    content = to_docx(_doc("社会救助信息系统").add(Paragraph("建设内容")))
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "政务信息化项目申报表" in text
    assert "建设内容" in text


@needs_chromium
@needs_poppler
def test_pdf_text_is_chinese_and_drawn_with_real_glyphs(tmp_path: Path) -> None:
    first, second = to_pdf(_doc("社会救助")), to_pdf(_doc("智慧校园"))
    assert first.startswith(b"%PDF")
    (tmp_path / "a.pdf").write_bytes(first)
    (tmp_path / "b.pdf").write_bytes(second)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "a.pdf"), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "政务信息化项目申报表" in text
    assert "社会救助" in text
    for name in ("a", "b"):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "50",
                "-png",
                "-singlefile",
                str(tmp_path / f"{name}.pdf"),
                str(tmp_path / name),
            ],
            check=True,
        )
    # Same layout, different characters: with no CJK font both would be the same boxes.
    assert (tmp_path / "a.png").read_bytes() != (tmp_path / "b.png").read_bytes()


def test_a_missing_browser_is_a_clear_error(settings) -> None:
    settings.GOVIT_PDF_BROWSER = "/nonexistent/chromium"
    with pytest.raises(PdfUnavailable, match="GOVIT_PDF_BROWSER"):
        to_pdf(_doc("x"))


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@needs_chromium
def test_the_application_form_prints_for_its_unit_only(
    project: Project, applicant: User, other_applicant: User
) -> None:
    pdf = _client(applicant).get(reverse("project-print", args=[project.pk, "pdf"]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    docx = _client(applicant).get(reverse("project-print", args=[project.pk, "docx"]))
    assert docx.status_code == 200
    other = _client(other_applicant)
    assert other.get(reverse("project-print", args=[project.pk, "pdf"])).status_code == 404
    assert (
        _client(applicant).get(reverse("project-print", args=[project.pk, "odt"])).status_code
        == 404
    )


def test_without_a_browser_the_pdf_answers_503_and_points_to_word(
    settings, project: Project, applicant: User
) -> None:
    settings.GOVIT_PDF_BROWSER = "/nonexistent/chromium"
    response = _client(applicant).get(reverse("project-print", args=[project.pk, "pdf"]))
    assert response.status_code == 503
    assert (
        "Word" in response.content.decode()
        or "docx" in response.content.decode()
        or "Word" in response.content.decode()
    )


def test_the_acceptance_report_prints_for_those_who_see_the_project(
    project: Project, applicant: User, other_applicant: User, reviewer: User
) -> None:
    from docx import Document

    from govit.acceptance.models import Meeting, Participant

    meeting = Meeting.objects.create(
        project=project,
        kind="final",
        held_on=dt.date(2026, 10, 9),
        result="failed",
        opinion="数据未归集到数据专区",
        rectification_days=10,
        rectification_due_on=dt.date(2026, 10, 23),
    )
    Participant.objects.create(meeting=meeting, kind="expert", name="卫专家", affiliation="某大学")
    url = reverse("acceptance-print", args=[meeting.pk, "docx"])
    response = _client(reviewer).get(url)
    assert response.status_code == 200
    text = "\n".join(
        cell.text
        for table in Document(io.BytesIO(response.content)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "卫专家" in text
    assert "2026-10-23" in text
    assert _client(applicant).get(url).status_code == 200
    assert _client(other_applicant).get(url).status_code == 404
    missing = reverse("acceptance-print", args=[meeting.pk + 100, "docx"])
    assert _client(reviewer).get(missing).status_code == 404


def test_the_evaluation_report_prints_for_those_who_see_it(
    project: Project, applicant: User, other_applicant: User, reviewer: User
) -> None:
    from decimal import Decimal

    from govit.evaluation.models import Evaluation

    evaluation = Evaluation.objects.create(
        project=project,
        kind="self",
        conducted_on=dt.date(2026, 5, 6),
        total=Decimal("86.5"),
        grade="good",
        recorded_by=reviewer,
    )
    url = reverse("evaluation-print", args=[evaluation.pk, "docx"])
    assert _client(applicant).get(url).status_code == 200
    assert _client(other_applicant).get(url).status_code == 404
