"""The catalogue's xlsx import and export: round trip, row-level errors, all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from govit.data_resources import xlsx
from govit.data_resources.models import DataResource
from govit.data_resources.tests.factories import DataResourceFactory
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db
HEADERS = [header for _name, header in xlsx.HEADERS]


def row(unit, system, **overrides):
    values = {
        "code": "201003/0500",
        "classification": "201003",
        "name": "养老机构信息",
        "unit": unit.name,
        "summary": "养老机构基本信息",
        "format": "数据库",
        "sharing_type": "有条件共享",
        "sharing_condition": "用于养老服务监管",
        "no_sharing_basis": "",
        "sharing_method": "接口",
        "open_type": "不予开放",
        "open_condition": "",
        "desensitised": "否",
        "update_cycle": "每月",
        "released_on": "",
        "related_codes": "",
        "source_system": system.code,
        "data_owner": "养老服务科",
        "data_listed": "是",
        "items": "机构名称,C,100,general-1；统一社会信用代码,C,18,general-2",
    }
    values.update(overrides)
    return [values[name] for name, _header in xlsx.HEADERS]


def workbook(*rows):
    book = Workbook()
    sheet = book.active
    sheet.title = xlsx.SHEET
    sheet.append(HEADERS)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_it_imports_good_rows(applicant, unit_org):
    system = SystemFactory(unit=unit_org)
    result = xlsx.resources_import(actor=applicant, upload=workbook(row(unit_org, system)))
    assert result.ok
    assert result.created == 1
    resource = DataResource.objects.get()
    assert resource.sharing_type == "conditional"
    assert resource.grade == "general-2"
    assert resource.source_system == system


def test_one_bad_row_saves_nothing_and_names_row_and_column(applicant, unit_org):
    system = SystemFactory(unit=unit_org)
    good = row(unit_org, system)
    bad = row(unit_org, system, code="201003/0501", sharing_type="随便共享")
    worse = row(unit_org, system, code="201003/0502", sharing_condition="")
    result = xlsx.resources_import(actor=applicant, upload=workbook(good, bad, worse))
    assert not result.ok
    assert {(e.row, e.column) for e in result.errors} == {(3, "共享类型"), (4, "共享条件")}
    assert not DataResource.objects.exists()


def test_another_units_rows_are_refused(other_applicant, unit_org):
    system = SystemFactory(unit=unit_org)
    result = xlsx.resources_import(actor=other_applicant, upload=workbook(row(unit_org, system)))
    assert not result.ok
    assert not DataResource.objects.exists()


def test_the_export_imports_back_unchanged(applicant, unit_org):
    system = SystemFactory(unit=unit_org)
    DataResourceFactory(unit=unit_org, source_system=system, code="201003/0900")
    data = xlsx.resources_export(DataResource.objects.all())
    sheet = load_workbook(io.BytesIO(data))[xlsx.SHEET]
    assert [c.value for c in sheet[1]] == HEADERS
    result = xlsx.resources_import(actor=applicant, upload=io.BytesIO(data))
    assert result.ok, result.errors
    assert result.updated == 1


def test_the_import_page_shows_the_errors(client, applicant, unit_org):
    system = SystemFactory(unit=unit_org)
    client.force_login(applicant)
    upload = SimpleUploadedFile("c.xlsx", workbook(row(unit_org, system, items="")).getvalue())
    response = client.post(reverse("data-resource-import"), {"file": upload})
    assert response.status_code == 200
    assert "import-errors" in response.content.decode()
    assert client.get(reverse("data-resource-export")).status_code == 200
