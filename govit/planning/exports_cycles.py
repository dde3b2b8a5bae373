"""The application form (申报表) as xlsx and docx: the project's particulars, then each chapter
of the rulebook's form with the article that asks for it."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _

from govit.core.money import format_wan
from govit.planning.chapters import form_of
from govit.planning.models.cycles import Application


def particulars(application: Application) -> list[tuple[str, str]]:
    """The header rows of the form (label, value)."""
    project = application.project
    form = form_of(application.cycle.rulebook, application.form)
    co_units = "、".join(unit.name for unit in project.co_units.all())
    submitted = application.submitted_at
    return [
        (_("Planning cycle"), application.cycle.title),
        (_("Plan year"), str(application.cycle.plan_year)),
        (_("Project code"), project.code),
        (_("Project name"), project.name),
        (_("Lead unit"), project.unit.name),
        (_("Co-building units"), co_units or "—"),
        (_("Application form"), str(form.label) if form else application.form),
        (_("Project type"), project.get_kind_display() if project.kind else "—"),
        (_("Total investment"), format_wan(project.investment)),
        (_("State"), project.get_state_display()),
        (_("Submitted at"), submitted.strftime("%Y-%m-%d") if submitted else "—"),
        (_("Late"), _("yes") if application.late else _("no")),
    ]


def chapter_rows(application: Application) -> list[tuple[str, str, str]]:
    """Each chapter of the form: label, article, text."""
    form = form_of(application.cycle.rulebook, application.form)
    if form is None:
        return []
    texts = application.chapters or {}
    return [
        (str(chapter.label), chapter.article, str(texts.get(chapter.key, "")))
        for chapter in form.chapters
    ]


def _title(application: Application) -> str:
    return f"{application.cycle.plan_year} {_('Application form')} · {application.project.name}"


def application_xlsx(application: Application) -> bytes:
    """Sheet 1: the particulars and the chapters; sheet 2: the project's documents."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Application form")
    sheet.append([_title(application)])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in particulars(application):
        sheet.append([label, value])
    sheet.append([])
    sheet.append([_("Chapter"), _("Article"), _("Content")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in chapter_rows(application):
        sheet.append(list(row))
        sheet.cell(row=sheet.max_row, column=3).alignment = Alignment(wrap_text=True)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 80
    documents = book.create_sheet(_("Documents"))
    documents.append([_("Document type"), _("Title"), _("Versions")])
    for document in application.project.documents.all():
        documents.append([document.get_type_display(), document.title, document.version_count])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def application_docx(application: Application) -> bytes:
    """A Word document: the particulars as a table, each chapter under its heading."""
    from docx import Document

    document = Document()
    document.add_heading(_title(application), level=1)
    table = document.add_table(rows=0, cols=2)
    for label, value in particulars(application):
        row = table.add_row()
        row.cells[0].text = label
        row.cells[1].text = value
    for label, article, text in chapter_rows(application):
        document.add_heading(f"{label}({article})", level=2)
        document.add_paragraph(text or "—")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
