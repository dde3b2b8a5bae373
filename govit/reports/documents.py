"""Printable documents (申报表, 评审意见, 验收报告, 评价报告) built once, rendered twice.

An app describes a document as a ``Doc`` of headings, paragraphs, key-value lists and tables;
``to_docx`` renders it with python-docx and ``to_pdf`` renders its HTML with the headless
Chromium the deployment names (``GOVIT_PDF_BROWSER``), which embeds the CJK fonts installed on
the machine (Debian's fonts-noto-cjk). The same content in both formats, from one description.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Facts:
    """Label-value pairs, printed as a two-column table."""

    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]


Block = Heading | Paragraph | Facts | Table


@dataclass
class Doc:
    title: str
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)
    footer: str = ""

    def add(self, *blocks: Block) -> Doc:
        self.blocks.extend(blocks)
        return self


class PdfUnavailable(RuntimeError):
    """The browser that prints PDFs is missing or failed."""


def to_docx(doc: Doc) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    document.add_heading(doc.title, level=0)
    if doc.subtitle:
        document.add_paragraph(doc.subtitle)
    for block in doc.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text)
        elif isinstance(block, Facts):
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for key, value in block.rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = key, value
        else:
            table = document.add_table(rows=1, cols=len(block.headers))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
                cell.text = text
            for values in block.rows:
                for cell, text in zip(table.add_row().cells, values, strict=True):
                    cell.text = text
    if doc.footer:
        document.add_paragraph(doc.footer)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_html(doc: Doc) -> str:
    css = (Path(__file__).parent / "static" / "reports" / "print.css").read_text()
    blocks = [(type(block).__name__.lower(), block) for block in doc.blocks]
    return render_to_string("reports/print.html", {"doc": doc, "blocks": blocks, "css": css})


def to_pdf(doc: Doc) -> bytes:
    """Print the document's HTML to PDF with headless Chromium (A4, no header or footer)."""
    browser = settings.GOVIT_PDF_BROWSER
    if not Path(browser).exists():
        raise PdfUnavailable(f"GOVIT_PDF_BROWSER={browser} does not exist")
    with tempfile.TemporaryDirectory(prefix="govit-pdf-") as tmp:
        source = Path(tmp) / "doc.html"
        target = Path(tmp) / "doc.pdf"
        source.write_text(to_html(doc), encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--disable-gpu",
            "--no-sandbox",  # the server's own file, rendered offline: nothing untrusted runs
            "--no-pdf-header-footer",
            "--disable-extensions",
            f"--user-data-dir={tmp}/profile",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            # The command is ours: a configured binary and a temporary file we wrote.
            subprocess.run(command, capture_output=True, timeout=60, check=False)  # noqa: S603
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PdfUnavailable(str(error)) from error
        if not target.exists() or target.stat().st_size == 0:
            raise PdfUnavailable("the browser wrote no PDF")
        return target.read_bytes()
