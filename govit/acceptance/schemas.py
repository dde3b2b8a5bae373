"""Input and output schemas of the acceptance API (amounts in yuan)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from govit.core.api_types import DatabaseId


class EvidenceIn(Schema):
    document_id: DatabaseId | None = None
    note: str = ""


class EvidenceOut(Schema):
    item: str
    document_id: int | None
    note: str


class ParticipantIn(Schema):
    kind: str = Field(description="organisation, expert or person")
    name: str = ""
    organisation_id: DatabaseId | None = None
    affiliation: str = ""


class ParticipantOut(Schema):
    kind: str
    name: str
    organisation_id: int | None
    affiliation: str


class InitialIn(Schema):
    held_on: dt.date
    participants: list[ParticipantIn]
    report_id: DatabaseId | None = None
    opinion: str = ""
    acknowledge_warnings: bool = False


class MeetingIn(Schema):
    held_on: dt.date
    result: str = Field(description="passed or failed")
    participants: list[ParticipantIn]
    report_id: DatabaseId | None = None
    opinion: str = ""
    rectification_days: int | None = Field(default=None, ge=1, le=365)


class MeetingOut(Schema):
    id: int
    kind: str
    round: int
    held_on: dt.date
    result: str
    opinion: str
    report_id: int | None
    rectification_days: int | None
    rectification_due_on: dt.date | None
    participants: list[ParticipantOut]


class StepIn(Schema):
    acknowledge_warnings: bool = False


class StepOut(Schema):
    state: str
    transition: str


class FilingIn(Schema):
    filed_on: dt.date
    report_id: DatabaseId | None = None


class NoticeIn(Schema):
    sent_on: dt.date


class ReceiptIn(Schema):
    received_on: dt.date


class FilingOut(Schema):
    filed_on: dt.date
    report_id: int | None
    notice_sent_on: dt.date | None
    notice_received_on: dt.date | None


class AssetIn(Schema):
    asset_number: str = Field(min_length=1, max_length=60)
    description: str = Field(min_length=1, max_length=200)
    value: Decimal = Field(ge=0, decimal_places=2)
    booked_on: dt.date


class AssetOut(Schema):
    id: int
    asset_number: str
    description: str
    value: Decimal
    booked_on: dt.date


class ItemOut(Schema):
    key: str
    label: str
    document_type: str | None
    fact: str | None
    confirmed_by: str
    needed_before: str
    article: str
    quote: str
    applies: bool
    done: bool
    document_ids: list[int]


class DeadlineOut(Schema):
    kind: str
    due: dt.date
    status: str
    article: str
    quote: str
    provisional: bool
    done_on: dt.date | None


class DossierOut(Schema):
    project_id: int
    state: str
    rulebook: str
    checklist: list[ItemOut]
    deadlines: list[DeadlineOut]
    meetings: list[MeetingOut]
    filing: FilingOut | None
    assets: list[AssetOut]


class OverdueOut(Schema):
    project_id: int
    project_code: str
    kind: str
    due: dt.date
    article: str
    provisional: bool
    found_on: dt.date
