"""The census form: import with row-level errors, all or nothing, idempotent; export."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from govit.core.models import AuditEvent
from govit.systems import xlsx
from govit.systems.models import System, SystemUsage
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db


def row(unit, **values):
    base = dict.fromkeys(xlsx.HEADERS, None)
    base.update(
        {
            "系统编码": "XT-MZ-101",
            "系统名称": "社会救助管理系统",
            "所属单位": unit.name,
            "部署于政务云": "是",
            "网络": "政务外网",
            "建设费用（元）": 1_200_000,
            "年运维费用（元）": "150000.50",
            "运维合同到期日": dt.date(2027, 6, 30),
            "状态": "运行中",
            "等保级别": "三级",
            "等保测评日期": "2026-03-01",
            "密评状态": "通过",
            "密评日期": "2026/04/01",
            "共享数据": "是",
            "存在重大安全隐患": "否",
        }
    )
    base.update(values)
    return [base[header] for header in xlsx.HEADERS]


def workbook(rows, usage=None, headers=None):
    book = Workbook()
    sheet = book.active
    sheet.title = xlsx.SYSTEMS_SHEET
    sheet.append(headers or xlsx.HEADERS)
    for values in rows:
        sheet.append(values)
    if usage is not None:
        extra = book.create_sheet(xlsx.USAGE_SHEET)
        extra.append(xlsx.USAGE_HEADERS)
        for values in usage:
            extra.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_it_imports_a_good_sheet_with_usage(applicant, unit_org):
    upload = workbook(
        [
            row(unit_org),
            row(
                unit_org,
                系统编码="xt-mz-102",
                系统名称="低保系统",
                等保级别=None,
                等保测评日期=None,
            ),
        ],
        usage=[["XT-MZ-101", "2026-01", 10, 200, 5], ["XT-MZ-102", dt.date(2026, 2, 1), 0, 3, 0]],
    )
    result = xlsx.systems_import(actor=applicant, upload=upload)
    assert result.errors == []
    assert (result.created, result.updated, result.usage) == (2, 0, 2)
    system = System.objects.get(code="XT-MZ-101")
    assert system.mlps_level == 3
    assert system.crypto_assessed_on == dt.date(2026, 4, 1)
    assert str(system.om_cost) == "150000.50"
    assert system.shares_data is True
    assert system.in_data_catalog is None
    assert system.major_hazard is False
    assert SystemUsage.objects.get(system=system).source == "imported"


def test_empty_cells_of_columns_with_a_default_take_the_default(applicant, unit_org):
    upload = workbook([row(unit_org, 网络=None, 状态=None, 密评状态=None, 密评日期=None)])
    result = xlsx.systems_import(actor=applicant, upload=upload)
    assert result.errors == []
    system = System.objects.get(code="XT-MZ-101")
    assert (system.network, system.status, system.crypto_status) == (
        "extranet",
        "running",
        "pending",
    )


def test_a_second_import_of_the_same_sheet_changes_nothing(applicant, unit_org):
    xlsx.systems_import(actor=applicant, upload=workbook([row(unit_org)]))
    events = AuditEvent.objects.count()
    result = xlsx.systems_import(actor=applicant, upload=workbook([row(unit_org)]))
    assert (result.created, result.updated) == (0, 1)
    assert System.objects.count() == 1
    assert AuditEvent.objects.filter(action="system.update").count() == 0
    assert AuditEvent.objects.count() == events + 1  # only the import summary


def test_it_updates_by_code(applicant, unit_org):
    SystemFactory(unit=unit_org, code="XT-MZ-101", name="旧名称")
    xlsx.systems_import(actor=applicant, upload=workbook([row(unit_org)]))
    assert System.objects.get(code="XT-MZ-101").name == "社会救助管理系统"


def test_a_bad_row_reports_row_column_and_message_and_nothing_is_written(applicant, unit_org):
    upload = workbook(
        [
            row(unit_org),
            row(unit_org, 系统编码="XT-MZ-102", 部署于政务云="也许", 等保级别="六级"),
            row(unit_org, 系统编码="XT-MZ-103", 所属单位="不存在的局"),
            row(unit_org, 系统编码="XT-MZ-101"),
        ]
    )
    result = xlsx.systems_import(actor=applicant, upload=upload)
    found = {(e.row, e.column) for e in result.errors}
    assert found == {(3, "部署于政务云"), (3, "等保级别"), (5, "系统编码")}
    messages = {e.column: e.message for e in result.errors}
    assert messages["部署于政务云"] == "请填写“是”或“否”。"
    assert "第2行" in messages["系统编码"]
    assert System.objects.count() == 0


def test_errors_found_while_writing_roll_everything_back(applicant, unit_org, other_unit_org):
    upload = workbook(
        [
            row(unit_org),
            row(unit_org, 系统编码="XT-MZ-103", 所属单位="不存在的局"),
            row(unit_org, 系统编码="XT-JY-1", 所属单位=other_unit_org.name),
            row(unit_org, 系统编码="XT-MZ-104", 密评状态="通过", 密评日期=None),
        ]
    )
    result = xlsx.systems_import(actor=applicant, upload=upload)
    found = {(e.row, e.column) for e in result.errors}
    assert found == {(3, "所属单位"), (4, "所属单位"), (5, "密评日期")}
    assert System.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="system.").exists()


def test_a_sheet_with_other_headers_is_refused(applicant, unit_org):
    upload = workbook([row(unit_org)], headers=["编码", "名称"])
    result = xlsx.systems_import(actor=applicant, upload=upload)
    assert result.errors[0].row == 1
    assert System.objects.count() == 0


def test_a_file_that_is_not_xlsx_is_refused(client, applicant):
    client.force_login(applicant)
    upload = io.BytesIO(b"name,code\n")
    upload.name = "systems.xlsx"
    response = client.post(reverse("system-import"), {"file": upload})
    assert "文件不是xlsx工作簿" in response.content.decode()


def test_the_import_page_lists_the_errors(client, applicant, unit_org):
    client.force_login(applicant)
    upload = workbook([row(unit_org, 网络="卫星网")])
    upload.name = "census.xlsx"
    response = client.post(reverse("system-import"), {"file": upload})
    page = response.content.decode()
    assert "未保存任何数据" in page
    assert "请填写以下之一：政务外网、政务内网、互联网。" in page


def test_the_import_page_redirects_after_success(client, applicant, unit_org):
    client.force_login(applicant)
    upload = workbook([row(unit_org)])
    upload.name = "census.xlsx"
    response = client.post(reverse("system-import"), {"file": upload})
    assert response.status_code == 302
    assert System.objects.filter(code="XT-MZ-101").exists()


def test_the_export_is_the_filtered_list_and_imports_back(
    client, applicant, unit_org, other_unit_org
):
    SystemFactory(unit=unit_org, code="XT-MZ-201", on_gov_cloud=True, mlps_level=2)
    SystemFactory(unit=unit_org, code="XT-MZ-202", on_gov_cloud=False)
    SystemFactory(unit=other_unit_org, code="XT-JY-201", on_gov_cloud=True)
    client.force_login(applicant)
    response = client.get(reverse("system-export"), {"cloud": "yes"})
    sheet = load_workbook(io.BytesIO(response.content))[xlsx.SYSTEMS_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == xlsx.HEADERS
    assert [r[0] for r in rows[1:]] == ["XT-MZ-201"]
    result = xlsx.systems_import(actor=applicant, upload=io.BytesIO(response.content))
    assert result.errors == []
    assert result.updated == 1


@pytest.mark.parametrize("persona", ["expert", "vendor"])
def test_refused_roles_cannot_export(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("system-export")).status_code == 403
    assert client.get(reverse("system-import-template")).status_code == 403
