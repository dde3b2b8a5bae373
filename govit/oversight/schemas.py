"""Input and output schemas of the oversight API."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from govit.core.api_types import DatabaseId


class InspectionIn(Schema):
    inspected_on: dt.date
    offices: list[str] = []
    note: str = ""


class FindingIn(Schema):
    kind: str
    description: str


class FindingOut(Schema):
    id: int
    kind: str
    label: str
    article: str
    quote: str
    description: str


class InspectionOut(Schema):
    id: int
    inspected_on: dt.date
    offices: list[str]
    note: str
    findings: list[FindingOut]


class OrderIn(Schema):
    finding_ids: list[DatabaseId]
    working_days: int = Field(ge=1)


class ReportIn(Schema):
    report: str
    evidence_ids: list[DatabaseId]


class RecheckIn(Schema):
    passed: bool
    note: str = ""


class EscalateIn(Schema):
    kind: str
    reason: str = ""


class OrderOut(Schema):
    id: int
    issued_on: dt.date
    working_days: int
    due_on: dt.date
    provisional: bool
    article: str
    quote: str
    status: str
    report: str
    reported_on: dt.date | None


class SanctionOut(Schema):
    id: int
    kind: str
    article: str
    quote: str
    imposed_on: dt.date
    lifted_on: dt.date | None


class ProjectOversightOut(Schema):
    project_id: int
    inspections: list[InspectionOut]
    orders: list[OrderOut]
    sanctions: list[SanctionOut]


class LiftIn(Schema):
    note: str = ""


class StaleOut(Schema):
    project_id: int
    last_update: dt.date
    flagged_on: dt.date
