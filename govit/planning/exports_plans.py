"""The approved annual plan as an xlsx workbook (the form governments exchange)."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from govit.core.money import wan
from govit.planning.models.plans import PlanVersion


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
