"""The census form's sheet 平台对接: imported with the systems, all or nothing; exported back."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from govit.systems import docking, xlsx
from govit.systems.models import DockingRecord, System
from govit.systems.tests.factories import SystemFactory
from govit.systems.tests.test_xlsx import row, workbook

pytestmark = pytest.mark.django_db


def with_docking(rows, docking_rows, headers=None):
    buffer = workbook(rows)
    book = load_workbook(buffer)
    sheet = book.create_sheet(xlsx.DOCKING_SHEET)
    sheet.append(headers or xlsx.DOCKING_HEADERS[:6])
    for values in docking_rows:
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


GOOD_ROW = ["XT-MZ-101", "一体化政务服务平台", "2026-01-05", "接口调用", "高数函〔2026〕3号", None]


def test_it_imports_pending_records_and_a_second_import_changes_nothing(applicant, unit_org):
    data_row = ["xt-mz-101", "数据共享交换平台", dt.date(2026, 2, 1), "数据库交换", None, None]
    result = xlsx.systems_import(
        actor=applicant, upload=with_docking([row(unit_org)], [GOOD_ROW, data_row])
    )
    assert result.ok, result.errors
    assert result.docking == 2
    records = list(DockingRecord.objects.order_by("platform"))
    assert [(r.platform, r.method, r.status) for r in records] == [
        ("data_platform", "database", "pending"),
        ("service_platform", "api", "pending"),
    ]
    again = xlsx.systems_import(
        actor=applicant, upload=with_docking([row(unit_org)], [GOOD_ROW, data_row])
    )
    assert again.ok
    assert again.docking == 0
    assert DockingRecord.objects.count() == 2


def test_an_end_date_on_a_known_record_ends_it(applicant, unit_org):
    xlsx.systems_import(actor=applicant, upload=with_docking([row(unit_org)], [GOOD_ROW]))
    ended = [*GOOD_ROW[:5], "2026-03-01"]
    result = xlsx.systems_import(actor=applicant, upload=with_docking([row(unit_org)], [ended]))
    assert result.ok
    assert result.docking == 1
    assert DockingRecord.objects.get().ended_on == dt.date(2026, 3, 1)


def test_bad_docking_rows_are_reported_and_nothing_is_written(applicant, unit_org):
    future = timezone.localdate() + dt.timedelta(days=5)
    rows = [
        ["XT-MZ-101", "月球平台", "2026-01-05", "接口调用", None, None],
        ["XT-MZ-101", "大数据平台", future, "接口调用", None, None],
        ["XT-NONE-1", "大数据平台", "2026-01-05", "单点登录", None, None],
    ]
    result = xlsx.systems_import(actor=applicant, upload=with_docking([row(unit_org)], rows))
    found = {(e.sheet, e.row, e.column) for e in result.errors}
    assert (xlsx.DOCKING_SHEET, 2, "对接平台") in found
    assert not System.objects.exists()
    # Only the first pass's errors: fix the platform and the rest are found while writing.
    rows[0][1] = "大数据平台"
    result = xlsx.systems_import(actor=applicant, upload=with_docking([row(unit_org)], rows))
    found = {(e.sheet, e.row, e.column) for e in result.errors}
    assert (xlsx.DOCKING_SHEET, 3, "对接日期") in found
    assert (xlsx.DOCKING_SHEET, 4, "系统编码") in found
    assert not System.objects.exists()
    assert not DockingRecord.objects.exists()


def test_another_units_system_is_a_row_error(applicant, other_unit_org, unit_org):
    SystemFactory(unit=other_unit_org, code="XT-OTHER-1")
    rows = [["XT-OTHER-1", "大数据平台", "2026-01-05", "其他", None, None]]
    result = xlsx.systems_import(actor=applicant, upload=with_docking([row(unit_org)], rows))
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [
        (xlsx.DOCKING_SHEET, 2, "系统编码")
    ]
    assert not DockingRecord.objects.exists()
    assert not System.objects.filter(code="XT-MZ-101").exists()


def test_the_export_carries_the_records_and_imports_back(client, applicant, reviewer, unit_org):
    system = SystemFactory(unit=unit_org, code="XT-EXP-1")
    entry = docking.docking_record(
        actor=applicant,
        system=system,
        platform="service_platform",
        docked_on=dt.date(2026, 1, 5),
        method="sso",
        reference="文号1",
    )
    docking.docking_confirm(actor=reviewer, record=entry)
    client.force_login(applicant)
    response = client.get(reverse("system-export"))
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book[xlsx.DOCKING_SHEET].iter_rows(values_only=True))
    assert list(rows[0]) == xlsx.DOCKING_HEADERS
    assert rows[1][:2] == ("XT-EXP-1", "一体化政务服务平台")
    assert rows[1][3:5] == ("单点登录", "文号1")
    assert rows[1][6] == "已确认"
    again = xlsx.systems_import(actor=applicant, upload=io.BytesIO(response.content))
    assert again.ok, again.errors
    assert DockingRecord.objects.count() == 1
