"""Input and output schemas of the library and plan API (amounts in yuan)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from govit.core.api_types import DatabaseId


class AdmitIn(Schema):
    project_id: DatabaseId
    category: str
    domain: str
    priority: int = 3
    reserve_year: int = Field(ge=2000, le=2100)
    reason: str = ""
    acknowledge_warnings: bool = False


class ReclassifyIn(Schema):
    category: str
    domain: str
    priority: int
    reason: str = Field(min_length=1)


class MoveYearIn(Schema):
    reserve_year: int = Field(ge=2000, le=2100)
    reason: str = Field(min_length=1)


class ReasonIn(Schema):
    reason: str = Field(min_length=1)


class AdjustmentOut(Schema):
    kind: str
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str
    actor: str
    at: dt.datetime


class EntryOut(Schema):
    id: int
    project_id: int
    project_code: str
    project_name: str
    unit: str
    category: str
    domain: str
    priority: int
    reserve_year: int
    status: str


class EntryDetailOut(EntryOut):
    history: list[AdjustmentOut]


class PlanIn(Schema):
    year: int = Field(ge=2000, le=2100)
    title: str = ""


class LineIn(Schema):
    entry_id: DatabaseId
    amount: Decimal | None = Field(default=None, ge=0, decimal_places=2)


class AmountIn(Schema):
    amount: Decimal = Field(ge=0, decimal_places=2)


class ApproveIn(Schema):
    reference: str = Field(min_length=1, max_length=100)
    approved_on: dt.date
    note: str = ""
    acknowledge_warnings: bool = False


class SupplementIn(Schema):
    project_id: DatabaseId
    amount: Decimal = Field(ge=0, decimal_places=2)
    reason: str = Field(min_length=1)
    reference: str = Field(min_length=1, max_length=100)
    approved_on: dt.date
    article: str = ""
    acknowledge_warnings: bool = False


class LineOut(Schema):
    id: int
    project_id: int
    project_code: str
    project_name: str
    unit: str
    rank: int
    score: Decimal
    score_parts: dict[str, Any]
    amount: Decimal
    supplementary: bool
    reason: str
    article: str


class VersionSummaryOut(Schema):
    number: int
    approved_on: dt.date
    reference: str
    total: Decimal


class PlanOut(Schema):
    id: int
    year: int
    title: str
    status: str
    rulebook: str


class PlanDetailOut(PlanOut):
    lines: list[LineOut]
    versions: list[VersionSummaryOut]


class VersionLineOut(Schema):
    project_id: int
    code: str
    name: str
    unit_name: str
    rank: int
    score: Decimal
    amount: Decimal
    supplementary: bool
    reason: str
    article: str


class VersionOut(VersionSummaryOut):
    note: str
    lines: list[VersionLineOut]


class ChangeOut(Schema):
    code: str
    name: str
    unit: str
    before: Decimal | None
    after: Decimal | None


class ComparisonOut(Schema):
    older: int
    newer: int
    difference: Decimal
    added: list[ChangeOut]
    removed: list[ChangeOut]
    changed: list[ChangeOut]


class CheckIn(Schema):
    text: str = Field(min_length=2, max_length=20000)
    limit: int = Field(default=10, ge=1, le=50)


class MatchOut(Schema):
    kind: str
    id: int
    code: str
    name: str
    unit: str
    score: float
    phrases: list[str]
    warning: bool


class ReportOut(Schema):
    threshold: float
    warning: bool
    hidden: int
    indexed: int
    matches: list[MatchOut]
