"""The census form's optional sheet 平台对接: one docking record a row (docs/systems.md).

Rows are checked with the systems sheet and written in the same transaction (all or nothing).
A row names the system by its code; a row whose system, platform and docking day match an
existing record changes nothing but may end it (终止日期), so importing the same sheet twice
changes nothing. Imported records wait for confirmation like any other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from govit.orgs.models import User
from govit.systems import docking
from govit.systems.census_cells import CellError, cell_text, read_choice, read_date
from govit.systems.choices import DockingMethod, DockingPlatform, DockingStatus
from govit.systems.models import DockingRecord, System

DOCKING_SHEET = "平台对接"
DOCKING_HEADERS = [
    "系统编码",
    "对接平台",
    "对接日期",
    "对接方式",
    "证明文号",
    "终止日期",
    "确认状态",
]
# Chinese labels of the form, fixed whatever the interface language; the first is written.
PLATFORM_LABELS: dict[str, str] = {
    DockingPlatform.SERVICE: "一体化政务服务平台",
    DockingPlatform.DATA: "大数据平台",
}
PLATFORM_ALIASES: dict[str, str] = {
    "政务服务平台": DockingPlatform.SERVICE,
    "政务服务系统": DockingPlatform.SERVICE,
    "数据共享交换平台": DockingPlatform.DATA,
}
METHOD_LABELS: dict[str, str] = {
    DockingMethod.API: "接口调用",
    DockingMethod.DATABASE: "数据库交换",
    DockingMethod.FRONTEND: "前端集成",
    DockingMethod.SSO: "单点登录",
    DockingMethod.OTHER: "其他",
}
STATUS_LABELS: dict[str, str] = {DockingStatus.PENDING: "待确认", DockingStatus.CONFIRMED: "已确认"}


@dataclass(frozen=True)
class DockingRow:
    number: int
    code: str
    values: dict[str, Any]


def _read_platform(value: Any) -> str | None:
    text = cell_text(value)
    if text in PLATFORM_ALIASES:
        return PLATFORM_ALIASES[text]
    return read_choice(PLATFORM_LABELS)(value)


def parse(
    rows: Iterable[tuple[int, tuple[Any, ...]]],
) -> tuple[list[DockingRow], list[tuple[int, str, str]]]:
    """The rows read, and the errors (row, column, message)."""
    parsed: list[DockingRow] = []
    errors: list[tuple[int, str, str]] = []
    readers = (
        ("platform", _read_platform, True),
        ("docked_on", read_date, True),
        ("method", read_choice(METHOD_LABELS), True),
        ("reference", cell_text, False),
        ("ended_on", read_date, False),
    )
    for number, row in rows:
        cells = list(row) + [None] * (len(DOCKING_HEADERS) - len(row))
        code = cell_text(cells[0]).upper()
        if not code:
            errors.append((number, DOCKING_HEADERS[0], _("This cell is required.")))
        values: dict[str, Any] = {}
        for (name, read, required), header, cell in zip(
            readers, DOCKING_HEADERS[1:6], cells[1:6], strict=True
        ):
            try:
                value = read(cell)
            except CellError as exc:
                errors.append((number, header, str(exc)))
                continue
            if required and not value:
                errors.append((number, header, _("This cell is required.")))
                continue
            values[name] = value
        parsed.append(DockingRow(number, code, values))
    return parsed, errors


FIELD_HEADERS = {
    "platform": "对接平台",
    "docked_on": "对接日期",
    "method": "对接方式",
    "reference": "证明文号",
    "ended_on": "终止日期",
}


def write(
    actor: User, rows: list[DockingRow], systems: dict[str, System]
) -> tuple[int, list[tuple[int, str, str]]]:
    """Create (or end) the records; the count written and the errors (row, column, message)."""
    errors: list[tuple[int, str, str]] = []
    written = 0
    missing = {row.code for row in rows} - set(systems)
    systems = {**systems, **{s.code: s for s in System.objects.filter(code__in=missing)}}
    existing = {
        (r.system_id, r.platform, r.docked_on): r
        for r in DockingRecord.objects.filter(system__in=[s.pk for s in systems.values()])
    }
    for row in rows:
        system = systems.get(row.code)
        if system is None:
            message = _("No system has the code %(code)s.") % {"code": row.code}
            errors.append((row.number, DOCKING_HEADERS[0], message))
            continue
        values = row.values
        try:
            record = existing.get((system.pk, values["platform"], values["docked_on"]))
            if record is None:
                record = docking.docking_record(actor=actor, system=system, **values)
                existing[(system.pk, record.platform, record.docked_on)] = record
                written += 1
            elif values.get("ended_on") and record.ended_on is None:
                docking.docking_end(actor=actor, record=record, ended_on=values["ended_on"])
                written += 1
        except PermissionDenied as exc:
            errors.append((row.number, DOCKING_HEADERS[0], str(exc)))
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, messages in exc.message_dict.items():
                    errors += [(row.number, FIELD_HEADERS.get(name, ""), m) for m in messages]
            else:
                errors += [(row.number, "", m) for m in exc.messages]
    return written, errors


def export_rows(records: Iterable[DockingRecord]) -> Iterable[list[Any]]:
    for record in records:
        yield [
            record.system.code,
            PLATFORM_LABELS[record.platform],
            record.docked_on,
            METHOD_LABELS[record.method],
            record.reference,
            record.ended_on,
            STATUS_LABELS[record.status],
        ]
