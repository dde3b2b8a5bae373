"""Exports: a filtered project list as xlsx, and the open-data portfolio as CSV or JSON.

The open-data export holds only what a city publishes about its IT spending: the project's
code, name, unit, year, type, state and the amounts; no people, no documents, nothing
classified (classified projects are left out).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from govit.policy.vocabulary import label
from govit.projects.models import Project

OPEN_FIELDS = (
    "code",
    "name",
    "unit",
    "plan_year",
    "kind",
    "state",
    "investment_yuan",
    "approved_yuan",
    "paid_yuan",
)


def _wan(value: Decimal | None) -> float | None:
    return None if value is None else round(float(value) / 10_000, 2)


def vendors_xlsx(rows: list[dict[str, Any]], year: int) -> bytes:
    """The vendor list as one sheet (amounts in 万元), in the page's order."""
    from govit.evaluation.choices import Grade

    grades = dict(Grade.choices)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Vendors")
    sheet.append(
        [
            _("Vendor"),
            _("Contracts"),
            _("Contracted (10,000 yuan)"),
            _("Projects"),
            _("Paid on its projects (10,000 yuan)"),
            _("Contract amendments"),
            _("Approved changes"),
            _("Late milestones"),
            _("Assessments in %(year)s") % {"year": year},
            _("Mean score"),
            _("Grade"),
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [
                row["name"],
                row["contracts"],
                _wan(row["contracted"]),
                row["projects"],
                _wan(row["paid"]),
                row["amendments"],
                row["changes"],
                row["late"],
                row["assessments"],
                None if row["score"] is None else float(row["score"]),
                str(grades.get(row["grade"], "")),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def projects_xlsx(projects: models.QuerySet[Project]) -> bytes:
    """The projects as one sheet, with Chinese headers and amounts in 万元."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Projects")
    headers = [
        _("Code"),
        _("Project name"),
        _("Project unit"),
        _("Plan year"),
        _("Project type"),
        _("State"),
        _("Total investment (10,000 yuan)"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for project in projects.select_related("unit").iterator(chunk_size=2000):
        sheet.append(
            [
                project.code,
                project.name,
                project.unit.name,
                project.plan_year,
                label(project.kind) if project.kind else "",
                label(project.state),
                _wan(project.investment),
            ]
        )
    for column, width in zip("ABCDEFG", (18, 40, 24, 10, 14, 14, 16), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def open_rows(projects: models.QuerySet[Project]) -> Iterator[dict[str, Any]]:
    """The public facts of each non-classified project, amounts in yuan as strings."""
    from django.db.models import Q, Sum

    rows = (
        projects.exclude(classified=True)
        .select_related("unit", "approval_record")
        .annotate(paid=Sum("payments__amount", filter=Q(payments__reversed_on__isnull=True)))
        .order_by("code")
    )
    for project in rows:
        record = getattr(project, "approval_record", None)
        yield {
            "code": project.code,
            "name": project.name,
            "unit": project.unit.name,
            "plan_year": project.plan_year,
            "kind": project.kind,
            "state": project.state,
            "investment_yuan": _money(project.investment),
            "approved_yuan": _money(record.approved_amount if record else None),
            "paid_yuan": _money(project.paid),
        }


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def open_json(rows: Iterable[dict[str, Any]]) -> str:
    return json.dumps(
        {"fields": list(OPEN_FIELDS), "projects": list(rows)}, ensure_ascii=False, indent=1
    )


def open_csv(rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=OPEN_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()  # a BOM, so that Excel reads the Chinese as UTF-8
