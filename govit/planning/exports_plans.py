"""The approved annual plan and the project library as xlsx workbooks (the forms governments
exchange)."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from govit.core.money import wan
from govit.planning.models.plans import LibraryEntry, PlanVersion


def version_xlsx(version: PlanVersion) -> bytes:
    """One sheet: the version's header, then a row per project (amounts in 万元)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Annual plan")
    plan = version.plan
    sheet.append([f"{plan.title}（{_('version')} {version.number}）"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("approval document number"), version.reference])
    sheet.append([_("approved on"), version.approved_on.isoformat()])
    sheet.append([])
    headers = [
        _("rank"),
        _("project code"),
        _("project name"),
        _("project unit"),
        _("amount (10k yuan)"),
        _("score"),
        _("supplementary inclusion"),
        _("reason"),
        _("article"),
    ]
    sheet.append(headers)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for line in version.lines.all():
        sheet.append(
            [
                line.rank,
                line.code,
                line.name,
                line.unit_name,
                float(wan(line.amount)),
                float(line.score),
                _("yes") if line.supplementary else "",
                line.reason,
                line.article,
            ]
        )
    sheet.append([])
    sheet.append(["", "", _("total"), "", float(wan(version.total))])
    for column, width in zip("ABCDEFGHI", (6, 16, 36, 20, 14, 8, 10, 30, 10), strict=True):
        sheet.column_dimensions[column].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def library_xlsx(entries: Iterable[LibraryEntry]) -> bytes:
    """One sheet: a row per library entry under the page's filters (amounts in 万元)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Project library")
    headers = [
        _("project code"),
        _("project name"),
        _("project unit"),
        _("category"),
        _("domain"),
        _("policy priority"),
        _("reserved for the year"),
        _("status"),
        _("amount (10k yuan)"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for entry in entries:
        project = entry.project
        sheet.append(
            [
                project.code,
                project.name,
                project.unit.name,
                entry.get_category_display(),
                entry.get_domain_display(),
                entry.get_priority_display(),
                entry.reserve_year,
                entry.get_status_display(),
                None if project.investment is None else float(wan(project.investment)),
            ]
        )
    for column, width in zip("ABCDEFGHI", (16, 36, 20, 12, 12, 12, 10, 10, 14), strict=True):
        sheet.column_dimensions[column].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
