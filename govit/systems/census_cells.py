"""Reading and writing the cells of the census form (Chinese labels, 是/否, dates, money)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from govit.systems.choices import CryptoStatus, Network, SystemStatus

# Chinese labels of the form, fixed whatever the interface language.
NETWORK_LABELS: dict[str, str] = {
    Network.EXTRANET: "政务外网",
    Network.INTRANET: "政务内网",
    Network.INTERNET: "互联网",
}
STATUS_LABELS: dict[str, str] = {
    SystemStatus.PLANNED: "规划中",
    SystemStatus.BUILDING: "建设中",
    SystemStatus.RUNNING: "运行中",
    SystemStatus.ZOMBIE: "僵尸系统",
    SystemStatus.SHADOW: "影子系统",
    SystemStatus.CLOSED: "已关停",
    SystemStatus.MIGRATED: "已迁移整合",
}
CRYPTO_LABELS: dict[str, str] = {
    CryptoStatus.NOT_REQUIRED: "无需密评",
    CryptoStatus.PENDING: "待评",
    CryptoStatus.PASSED: "通过",
    CryptoStatus.FAILED: "未通过",
}
TRUE_WORDS = {"是", "有", "y", "yes", "true", "1", "√"}
FALSE_WORDS = {"否", "无", "n", "no", "false", "0", "×"}
LEVEL_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}


class CellError(ValueError):
    """A cell that cannot be read; the message says what is expected."""


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_bool(value: Any, *, nullable: bool) -> bool | None:
    text = cell_text(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS or (text == "" and not nullable):
        return False
    if text == "":
        return None
    raise CellError(_("Write 是 or 否."))


def read_choice(labels: dict[str, str]) -> Callable[[Any], str | None]:
    by_label = {label: value for value, label in labels.items()}

    def read(value: Any) -> str | None:
        text = cell_text(value)
        if text == "":
            return None
        if text in by_label:
            return by_label[text]
        if text in labels:
            return text
        raise CellError(_("Write one of: %(choices)s.") % {"choices": "、".join(by_label)})

    return read


def read_money(value: Any) -> Decimal:
    text = cell_text(value).replace(",", "")
    if text == "":
        return Decimal(0)
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CellError(_("Write an amount in yuan, e.g. 120000.")) from None
    if amount < 0 or not amount.is_finite():
        raise CellError(_("Write an amount in yuan, e.g. 120000."))
    return amount.quantize(Decimal("0.01"))


def read_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if text == "":
        return None
    for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellError(_("Write a date as YYYY-MM-DD."))


def read_month(value: Any) -> dt.date:
    if isinstance(value, dt.datetime | dt.date):
        return dt.date(value.year, value.month, 1)
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?", cell_text(value))
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise CellError(_("Write a month as YYYY-MM."))
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def read_level(value: Any) -> int | None:
    text = cell_text(value).removeprefix("第").removesuffix("级")
    if text == "":
        return None
    number = LEVEL_WORDS.get(text) or (int(text) if text.isdigit() else 0)
    if not 1 <= number <= 5:
        raise CellError(_("Write a level from 1 to 5."))
    return number


def read_count(value: Any) -> int:
    text = cell_text(value)
    if text == "":
        return 0
    if not text.isdigit():
        raise CellError(_("Write a whole number, 0 or more."))
    return int(text)
