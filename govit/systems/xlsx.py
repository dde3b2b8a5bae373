"""The census form as xlsx: a fixed column layout with Chinese headers (docs/systems.md).

Import is all or nothing: every row is checked, every error is reported with its row number,
column and message, and nothing is written unless every row is good. Rows update the system
with the same code, so importing the same sheet twice changes nothing.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from govit.core import audit
from govit.orgs.models import Organisation, User
from govit.systems import services, xlsx_docking
from govit.systems.census_cells import (
    CRYPTO_LABELS,
    NETWORK_LABELS,
    STATUS_LABELS,
    CellError,
    cell_text,
    read_bool,
    read_choice,
    read_count,
    read_date,
    read_level,
    read_money,
    read_month,
)
from govit.systems.choices import CryptoStatus, Network, SystemStatus, UsageSource
from govit.systems.models import DockingRecord, System
from govit.systems.xlsx_docking import DOCKING_HEADERS, DOCKING_SHEET

SYSTEMS_SHEET = "系统目录"
USAGE_SHEET = "使用情况"


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    read: Callable[[Any], Any]
    write: Callable[[System], Any]
    required: bool = False


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def _flag(name: str, nullable: bool = True) -> tuple[Callable[[Any], Any], Callable[[System], Any]]:
    return (lambda v: read_bool(v, nullable=nullable)), (lambda s: _yes_no(getattr(s, name)))


def _columns() -> list[Column]:
    def attr(name: str) -> Callable[[System], Any]:
        return lambda s: getattr(s, name)

    def flag(header: str, name: str, nullable: bool = True) -> Column:
        read, write = _flag(name, nullable)
        return Column(header, name, read, write)

    return [
        Column("系统编码", "code", cell_text, attr("code"), required=True),
        Column("系统名称", "name", cell_text, attr("name"), required=True),
        Column("所属单位", "unit", cell_text, lambda s: s.unit.name, required=True),
        Column("系统用途", "purpose", cell_text, attr("purpose")),
        Column("使用对象", "users", cell_text, attr("users")),
        flag("部署于政务云", "on_gov_cloud", nullable=False),
        Column("网络", "network", read_choice(NETWORK_LABELS), lambda s: NETWORK_LABELS[s.network]),
        flag("对接政务服务平台", "docked_service_platform", nullable=False),
        flag("对接大数据平台", "docked_data_platform", nullable=False),
        Column("建设费用（元）", "build_cost", read_money, attr("build_cost")),
        Column("年运维费用（元）", "om_cost", read_money, attr("om_cost")),
        Column(
            "运维合同到期日", "om_contract_expires_on", read_date, attr("om_contract_expires_on")
        ),
        Column("状态", "status", read_choice(STATUS_LABELS), lambda s: STATUS_LABELS[s.status]),
        Column("等保级别", "mlps_level", read_level, attr("mlps_level")),
        Column("等保测评日期", "mlps_assessed_on", read_date, attr("mlps_assessed_on")),
        Column(
            "密评状态",
            "crypto_status",
            read_choice(CRYPTO_LABELS),
            lambda s: CRYPTO_LABELS[s.crypto_status],
        ),
        Column("密评日期", "crypto_assessed_on", read_date, attr("crypto_assessed_on")),
        flag("共享数据", "shares_data"),
        flag("重复采集数据", "duplicate_collection"),
        flag("纳入数据资源目录", "in_data_catalog"),
        flag("符合网络安全要求", "security_compliant"),
        flag("符合密码应用要求", "crypto_compliant"),
        flag("存在重大安全隐患", "major_hazard"),
        Column("建设/改造项目编号", "project_codes", cell_text, attr("project_codes")),
    ]


COLUMNS = _columns()
HEADERS = [column.header for column in COLUMNS]
FIELD_HEADERS = {column.field: column.header for column in COLUMNS}
USAGE_HEADERS = ["系统编码", "月份", "登录次数", "访问次数", "接口调用次数"]
# An empty cell of these columns means the model's default (the field is not nullable).
DEFAULTS = {
    "network": Network.EXTRANET,
    "status": SystemStatus.RUNNING,
    "crypto_status": CryptoStatus.PENDING,
}


@dataclass(frozen=True)
class RowError:
    """What is wrong with one cell (or one row) of the uploaded sheet."""

    sheet: str
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    usage: int = 0
    docking: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Rollback(Exception):
    """Raised inside the import transaction to undo it when a row failed."""


def _open(upload: IO[bytes]) -> Any:
    data = upload.read(settings.GOVIT_IMPORT_MAX_BYTES + 1)
    if len(data) > settings.GOVIT_IMPORT_MAX_BYTES:
        raise ValidationError(_("The file is too large."))
    if not data.startswith(b"PK"):
        raise ValidationError(_("The file is not an xlsx workbook."))
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ValidationError(_("The file is not an xlsx workbook.")) from None


def _rows(sheet: Any) -> Iterable[tuple[int, tuple[Any, ...]]]:
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number == 1:
            continue
        if any(cell_text(cell) for cell in row):
            yield number, tuple(row)


def _check_headers(sheet: Any, expected: list[str], name: str) -> list[RowError]:
    first = next(sheet.iter_rows(max_row=1, values_only=True), ())
    found = [cell_text(cell) for cell in first][: len(expected)]
    if found != expected:
        return [
            RowError(
                name,
                1,
                "",
                _(
                    "The header row does not match the form; download the template and keep its "
                    "columns."
                ),
            )
        ]
    return []


def _parse_system_row(number: int, row: tuple[Any, ...]) -> tuple[dict[str, Any], list[RowError]]:
    data: dict[str, Any] = {}
    errors: list[RowError] = []
    cells = list(row) + [None] * (len(COLUMNS) - len(row))
    for column, cell in zip(COLUMNS, cells, strict=False):
        try:
            value = column.read(cell)
        except CellError as exc:
            errors.append(RowError(SYSTEMS_SHEET, number, column.header, str(exc)))
            continue
        if column.required and not value:
            errors.append(
                RowError(SYSTEMS_SHEET, number, column.header, _("This cell is required."))
            )
            continue
        if value is None and column.field in DEFAULTS:
            value = DEFAULTS[column.field]
        data[column.field] = value
    return data, errors


def _validation_errors(number: int, exc: ValidationError) -> list[RowError]:
    if not hasattr(exc, "error_dict"):
        return [RowError(SYSTEMS_SHEET, number, "", message) for message in exc.messages]
    errors: list[RowError] = []
    for name, messages in exc.message_dict.items():
        header = "" if name == NON_FIELD_ERRORS else FIELD_HEADERS.get(name, name)
        errors.extend(RowError(SYSTEMS_SHEET, number, header, message) for message in messages)
    return errors


def systems_import(*, actor: User, upload: IO[bytes]) -> ImportResult:
    """Import the census form: create or update systems by code, and their monthly usage."""
    result = ImportResult()
    workbook = _open(upload)
    if SYSTEMS_SHEET not in workbook.sheetnames:
        result.errors.append(
            RowError(
                SYSTEMS_SHEET,
                0,
                "",
                _("The workbook has no sheet named %(name)s.") % {"name": SYSTEMS_SHEET},
            )
        )
        return result
    sheet = workbook[SYSTEMS_SHEET]
    result.errors += _check_headers(sheet, HEADERS, SYSTEMS_SHEET)
    usage_sheet = workbook[USAGE_SHEET] if USAGE_SHEET in workbook.sheetnames else None
    if usage_sheet is not None:
        result.errors += _check_headers(usage_sheet, USAGE_HEADERS, USAGE_SHEET)
    docking_sheet = workbook[DOCKING_SHEET] if DOCKING_SHEET in workbook.sheetnames else None
    if docking_sheet is not None:
        result.errors += _check_headers(docking_sheet, DOCKING_HEADERS[:6], DOCKING_SHEET)
    if result.errors:
        return result
    parsed: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for number, row in _rows(sheet):
        data, errors = _parse_system_row(number, row)
        result.errors += errors
        code = str(data.get("code", "")).upper()
        if code and code in seen:
            result.errors.append(
                RowError(
                    SYSTEMS_SHEET,
                    number,
                    "系统编码",
                    _("The code repeats row %(row)d.") % {"row": seen[code]},
                )
            )
        seen.setdefault(code, number)
        parsed.append((number, data))
    usage_rows = _parse_usage(usage_sheet, result) if usage_sheet is not None else []
    docking_rows: list[xlsx_docking.DockingRow] = []
    if docking_sheet is not None:
        docking_rows, docking_errors = xlsx_docking.parse(_rows(docking_sheet))
        result.errors += [RowError(DOCKING_SHEET, *error) for error in docking_errors]
    if result.errors:
        return result
    units = {
        org.name: org
        for org in Organisation.objects.filter(name__in={d["unit"] for _n, d in parsed})
    }
    try:
        with transaction.atomic():
            existing = _write(actor, parsed, usage_rows, units, result)
            if docking_rows and not result.errors:
                result.docking, docking_errors = xlsx_docking.write(actor, docking_rows, existing)
                result.errors += [RowError(DOCKING_SHEET, *error) for error in docking_errors]
            if result.errors:
                raise _Rollback
            audit.record(
                actor=actor,
                action="system.import",
                object_type="systems.system",
                after={
                    "created": result.created,
                    "updated": result.updated,
                    "usage": result.usage,
                    "docking": result.docking,
                },
            )
    except _Rollback:
        result.created = result.updated = result.usage = result.docking = 0
    return result


def _parse_usage(sheet: Any, result: ImportResult) -> list[tuple[int, str, dict[str, Any]]]:
    rows = []
    for number, row in _rows(sheet):
        cells = list(row) + [None] * (5 - len(row))
        code = cell_text(cells[0]).upper()
        values: dict[str, Any] = {}
        if not code:
            result.errors.append(
                RowError(USAGE_SHEET, number, "系统编码", _("This cell is required."))
            )
        readers = (
            ("month", read_month),
            ("logins", read_count),
            ("visits", read_count),
            ("api_calls", read_count),
        )
        for (name, read), header, cell in zip(readers, USAGE_HEADERS[1:], cells[1:5], strict=True):
            try:
                values[name] = read(cell)
            except CellError as exc:
                result.errors.append(RowError(USAGE_SHEET, number, header, str(exc)))
        rows.append((number, code, values))
    return rows


def _write(
    actor: User,
    parsed: list[tuple[int, dict[str, Any]]],
    usage_rows: list[tuple[int, str, dict[str, Any]]],
    units: dict[str, Organisation],
    result: ImportResult,
) -> dict[str, System]:
    """Write the systems and their usage; the systems by code."""
    existing = {
        s.code: s for s in System.objects.filter(code__in=[d["code"].upper() for _n, d in parsed])
    }
    for number, data in parsed:
        unit = units.get(data["unit"])
        if unit is None:
            result.errors.append(
                RowError(
                    SYSTEMS_SHEET,
                    number,
                    "所属单位",
                    _("No organisation is named %(name)s.") % {"name": data["unit"]},
                )
            )
            continue
        data = {**data, "unit": unit, "code": data["code"].upper()}
        try:
            system = existing.get(data["code"])
            if system is None:
                existing[data["code"]] = services.system_create(actor=actor, data=data)
                result.created += 1
            else:
                services.system_update(actor=actor, system=system, data=data)
                result.updated += 1
        except PermissionDenied as exc:
            column = "所属单位" if data["code"] not in existing else "系统编码"
            result.errors.append(RowError(SYSTEMS_SHEET, number, column, str(exc)))
        except ValidationError as exc:
            result.errors += _validation_errors(number, exc)
    if result.errors:
        return existing
    extra = {code for _n, code, _v in usage_rows} - set(existing)
    existing.update({s.code: s for s in System.objects.filter(code__in=extra)})
    for number, code, values in usage_rows:
        system = existing.get(code)
        if system is None:
            result.errors.append(
                RowError(
                    USAGE_SHEET,
                    number,
                    "系统编码",
                    _("No system has the code %(code)s.") % {"code": code},
                )
            )
            continue
        try:
            services.usage_record(actor=actor, system=system, source=UsageSource.IMPORTED, **values)
            result.usage += 1
        except PermissionDenied as exc:
            result.errors.append(RowError(USAGE_SHEET, number, "系统编码", str(exc)))
        except ValidationError as exc:
            result.errors += [RowError(USAGE_SHEET, number, "月份", m) for m in exc.messages]
    return existing


def systems_export(
    systems: Iterable[System], docking: Iterable[DockingRecord] | None = None
) -> bytes:
    """The systems as the census form (same columns as the import), as xlsx bytes, with the
    docking records given on their own sheet."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SYSTEMS_SHEET
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for system in systems:
        sheet.append([column.write(system) for column in COLUMNS])
    usage = workbook.create_sheet(USAGE_SHEET)
    usage.append(USAGE_HEADERS)
    docked = workbook.create_sheet(DOCKING_SHEET)
    docked.append(DOCKING_HEADERS)
    for row in xlsx_docking.export_rows(docking or []):
        docked.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
