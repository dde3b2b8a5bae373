"""The self-evaluation form (绩效自评表, domain rules 8.3) as xlsx and docx: the project,
its unit, the indicator rows (level one, two, three; target, actual, weight, score, the
reason for any deviation), the total and the grade."""

from __future__ import annotations

import io
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from docx import Document as DocxDocument
from openpyxl import Workbook

from govit.core.money import wan
from govit.documents.validation import DOCX, XLSX
from govit.evaluation.choices import LEVEL_ONE, Nature
from govit.evaluation.funding import funding_block
from govit.evaluation.models import Evaluation, IndicatorResult


def _level_one(category: str) -> str:
    return {
        "output": _("Output indicators"),
        "benefit": _("Benefit indicators"),
        "satisfaction": _("Satisfaction indicators"),
    }[LEVEL_ONE[category]]


def _number(value: Any) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _row(result: IndicatorResult) -> list[str]:
    target = result.target
    nature = dict(Nature.choices)[target.nature]
    if target.nature == Nature.QUALITATIVE:
        planned, actual = target.target_text, result.actual_text
    else:
        planned = f"{nature}{_number(target.target_value)}{target.unit}"
        actual = f"{_number(result.actual_value)}{target.unit}"
    return [
        _level_one(target.category),
        str(target.get_category_display()),
        target.name,
        planned,
        actual,
        _number(target.weight),
        _number(result.score),
        result.deviation_reason,
    ]


def headers() -> list[str]:
    return [
        _("Level one"),
        _("Level two"),
        _("Level three"),
        _("Annual target"),
        _("Actual"),
        _("Weight"),
        _("Score"),
        _("Reason for the deviation and remedy"),
    ]


def head_rows(evaluation: Evaluation) -> list[tuple[str, str]]:
    project = evaluation.project
    return [
        (_("Project name"), f"{project.code} {project.name}"),
        (_("Implementing unit"), project.unit.name),
        (_("Kind"), str(evaluation.get_kind_display())),
        (_("Conducted on"), evaluation.conducted_on.isoformat()),
        (_("Evaluator"), evaluation.evaluator),
        (_("Overall goal and result"), evaluation.summary),
    ]


def funding_rows(evaluation: Evaluation) -> list[tuple[str, str]]:
    """The funding block (amounts in 万元): budget, executed, rate, points and score."""
    block = funding_block(evaluation)
    return [
        (_("Budget year"), str(block.year)),
        (_("Opening budget (10k yuan)"), _number(wan(block.opening_budget))),
        (_("Full-year budget (10k yuan)"), _number(wan(block.full_year_budget))),
        (_("Executed in the year (10k yuan)"), _number(wan(block.executed))),
        (_("Execution rate"), "" if block.rate is None else f"{_number(block.rate)}%"),
        (_("Points"), _number(block.weight)),
        (_("Score of budget execution"), _number(block.score)),
    ]


def tail_rows(evaluation: Evaluation) -> list[tuple[str, str]]:
    return [
        (_("Total score"), _number(evaluation.total)),
        (_("Grade"), str(evaluation.get_grade_display())),
        (_("Article"), f"{evaluation.article} {evaluation.quote}".strip()),
    ]


def indicator_rows(evaluation: Evaluation) -> list[list[str]]:
    return [_row(r) for r in evaluation.results.select_related("target")]


def xlsx_bytes(evaluation: Evaluation) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Self-evaluation")[:31]
    sheet.append([_("Performance self-evaluation form")])
    for label, value in head_rows(evaluation) + funding_rows(evaluation):
        sheet.append([label, value])
    sheet.append(headers())
    for row in indicator_rows(evaluation):
        sheet.append(row)
    for label, value in tail_rows(evaluation):
        sheet.append([label, value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx_bytes(evaluation: Evaluation) -> bytes:
    doc = DocxDocument()
    doc.add_heading(_("Performance self-evaluation form"), level=1)
    for label, value in head_rows(evaluation) + funding_rows(evaluation):
        doc.add_paragraph(f"{label}: {value}")
    rows = indicator_rows(evaluation)
    table = doc.add_table(rows=1 + len(rows), cols=len(headers()))
    for i, text in enumerate(headers()):
        table.cell(0, i).text = text
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for label, value in tail_rows(evaluation):
        doc.add_paragraph(f"{label}: {value}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _response(content: bytes, kind: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def xlsx_response(evaluation: Evaluation) -> HttpResponse:
    return _response(xlsx_bytes(evaluation), XLSX, f"evaluation-{evaluation.pk}.xlsx")


def docx_response(evaluation: Evaluation) -> HttpResponse:
    return _response(docx_bytes(evaluation), DOCX, f"evaluation-{evaluation.pk}.docx")
