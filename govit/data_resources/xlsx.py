"""The catalogue as xlsx: one entry a row, its data items in one cell.

Import is all or nothing: every row goes through the same services as the pages (so the same
permissions and checks), every error is reported with its row and column, and the whole import
is rolled back when any row is bad. A row whose resource code exists updates that entry (only
while it is a draft, returned or withdrawn).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Choices
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from govit.data_resources import services
from govit.data_resources.choices import (
    OpenType,
    ResourceFormat,
    SharingMethod,
    SharingType,
    UpdateCycle,
)
from govit.data_resources.errors import Refused
from govit.data_resources.forms import parse_items
from govit.data_resources.models import DataResource
from govit.orgs.models import Organisation, User
from govit.systems.models import System

SHEET = "数据资源目录"
CHOICES: dict[str, type[Choices]] = {
    "format": ResourceFormat,
    "sharing_type": SharingType,
    "sharing_method": SharingMethod,
    "open_type": OpenType,
    "update_cycle": UpdateCycle,
}
HEADERS: list[tuple[str, str]] = [
    ("code", "信息资源代码"),
    ("classification", "信息资源分类"),
    ("name", "信息资源名称"),
    ("unit", "信息资源提供方"),
    ("summary", "信息资源摘要"),
    ("format", "信息资源格式"),
    ("sharing_type", "共享类型"),
    ("sharing_condition", "共享条件"),
    ("no_sharing_basis", "不予共享依据"),
    ("sharing_method", "共享方式"),
    ("open_type", "开放类型"),
    ("open_condition", "开放条件"),
    ("desensitised", "已脱敏脱密"),
    ("update_cycle", "更新周期"),
    ("released_on", "发布日期"),
    ("related_codes", "关联资源代码"),
    ("source_system", "来源系统编码"),
    ("data_owner", "数据责任人"),
    ("data_listed", "已上架共享平台"),
    ("items", "信息项（名称,类型,长度,等级；…）"),
]
COLUMN_OF = dict(HEADERS)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _labels(choices: type[Choices]) -> dict[str, str]:
    with translation.override("zh-hans"):
        found = {str(label): str(value) for value, label in choices.choices}
    found.update({str(value): str(value) for value in choices.values})
    return found


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


def _export_row(resource: DataResource) -> list[Any]:
    with translation.override("zh-hans"):
        items = "；".join(
            f"{i.name},{i.data_type},{i.length or ''},{i.grade}" for i in resource.items.all()
        )
        values: dict[str, Any] = {
            "unit": resource.unit.name,
            "desensitised": _yes_no(resource.desensitised),
            "data_listed": _yes_no(resource.data_listed),
            "source_system": resource.source_system.code if resource.source_system else "",
            "items": items,
        }
        for name, choices in CHOICES.items():
            value = getattr(resource, name)
            values[name] = str(choices(value).label) if value else ""
    return [values.get(name, getattr(resource, name, "")) for name, _header in HEADERS]


def resources_export(resources: Iterable[DataResource]) -> bytes:
    """The entries as an xlsx workbook in the import layout."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append([header for _name, header in HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for resource in resources:
        sheet.append(_export_row(resource))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _read_row(values: dict[str, Any]) -> tuple[dict[str, Any], list[Any], list[tuple[str, str]]]:
    data: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []
    for name, _header in HEADERS:
        raw = values.get(name)
        if name in CHOICES:
            text = _text(raw)
            mapping = _labels(CHOICES[name])
            if text and text not in mapping:
                errors.append(
                    (
                        name,
                        _("Write one of: %(choices)s.")
                        % {
                            "choices": "、".join(
                                str(label)
                                for label in _labels(CHOICES[name])
                                if not label.isascii()
                            )
                        },
                    )
                )
            data[name] = mapping.get(text, "")
        elif name in ("desensitised", "data_listed"):
            text = _text(raw)
            if text not in ("是", "否", ""):
                errors.append((name, _("Write 是 or 否.")))
            data[name] = text == "是"
        elif name == "released_on":
            if isinstance(raw, dt.datetime):
                data[name] = raw.date()
            elif isinstance(raw, dt.date) or raw in (None, ""):
                data[name] = raw or None
            else:
                try:
                    data[name] = dt.date.fromisoformat(_text(raw))
                except ValueError:
                    errors.append((name, _("Write a date as YYYY-MM-DD.")))
        elif name == "unit":
            unit = Organisation.objects.filter(name=_text(raw)).first()
            if unit is None:
                errors.append((name, _("Unknown unit.")))
            data[name] = unit
        elif name == "source_system":
            code = _text(raw)
            system = System.objects.filter(code=code.upper()).first() if code else None
            if code and system is None:
                errors.append((name, _("Unknown system code.")))
            data[name] = system
        elif name != "items":
            data[name] = _text(raw)
    items: list[Any] = []
    try:
        items = parse_items(_text(values.get("items")).replace("；", "\n").replace(";", "\n"))
    except ValidationError as exc:
        errors.extend(("items", message) for message in exc.messages)
    return data, items, errors


def _messages(exc: ValidationError) -> list[tuple[str, str]]:
    if hasattr(exc, "error_dict"):
        return [
            ("" if name == NON_FIELD_ERRORS else name, message)
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [("", message) for message in exc.messages]


def resources_import(*, actor: User, upload: IO[bytes]) -> ImportResult:
    """Create or update the entries of the sheet; nothing is written if any row is bad."""
    result = ImportResult()
    if getattr(upload, "size", 0) > settings.GOVIT_IMPORT_MAX_BYTES:
        raise ValidationError(_("The file is too large."))
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # any unreadable upload is the same error to a user
        raise ValidationError(_("This is not an xlsx workbook.")) from exc
    if SHEET not in book.sheetnames:
        raise ValidationError(_("The workbook has no sheet named %(sheet)s.") % {"sheet": SHEET})
    rows = book[SHEET].iter_rows(values_only=True)
    header = [_text(cell) for cell in next(rows, ())]
    expected = [h for _n, h in HEADERS]
    if header[: len(expected)] != expected:
        raise ValidationError(_("The first row must be the headers of the template."))
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):
            if not any(cell not in (None, "") for cell in row):
                continue
            values = {
                name: row[i] if i < len(row) else None for i, (name, _h) in enumerate(HEADERS)
            }
            data, items, errors = _read_row(values)
            for column, message in errors:
                result.errors.append(RowError(number, COLUMN_OF.get(column, ""), message))
            if errors:
                continue
            code = data.pop("code")
            existing = DataResource.objects.filter(code=code).first()
            try:
                if existing is None:
                    services.resource_create(actor=actor, data={**data, "code": code}, items=items)
                    result.created += 1
                else:
                    services.resource_update(actor=actor, resource=existing, data=data, items=items)
                    result.updated += 1
            except ValidationError as exc:
                result.errors.extend(
                    RowError(number, COLUMN_OF.get(col, ""), msg) for col, msg in _messages(exc)
                )
            except (PermissionDenied, Refused) as exc:
                result.errors.append(RowError(number, "", str(getattr(exc, "detail", exc))))
        if result.errors:
            transaction.set_rollback(True)
            result.created = result.updated = 0
    return result
