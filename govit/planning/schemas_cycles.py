"""Input and output schemas of the cycles and applications API."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from govit.core.api_types import DatabaseId


class CycleIn(Schema):
    plan_year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=1, max_length=200)
    call_opens_on: dt.date
    call_closes_on: dt.date
    compile_by: dt.date
    review_starts_on: dt.date | None = None
    review_ends_on: dt.date | None = None
    timetable: str = ""


class CycleUpdateIn(Schema):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    call_opens_on: dt.date | None = None
    call_closes_on: dt.date | None = None
    compile_by: dt.date | None = None
    review_starts_on: dt.date | None = None
    review_ends_on: dt.date | None = None
    timetable: str | None = None


class CycleOut(Schema):
    id: int
    rulebook: str
    plan_year: int
    title: str
    state: str
    call_opens_on: dt.date
    call_closes_on: dt.date
    review_starts_on: dt.date | None
    review_ends_on: dt.date | None
    timetable: str
    compile_by: dt.date
    guide_name: str
    guide_sm3: str


class QuotaOut(Schema):
    unit_id: int
    unit_name: str
    submitted: int
    drafts: int
    budget_units: int
    over: bool


class CycleDetailOut(CycleOut):
    quota: list[QuotaOut]


class ApplicationIn(Schema):
    form: str = Field(min_length=1, max_length=40)
    project_id: DatabaseId | None = None
    unit_id: DatabaseId | None = None
    name: str = Field(default="", max_length=200)
    co_unit_ids: list[DatabaseId] = Field(default_factory=list)


class ChaptersIn(Schema):
    chapters: dict[str, str]
    form: str | None = None


class ApplicationOut(Schema):
    id: int
    cycle_id: int
    project_id: int
    project_code: str
    project_name: str
    unit: str
    co_units: list[str]
    form: str
    state: str
    chapters: dict[str, str]
    late: bool
    submitted_at: dt.datetime | None
    withdrawn_at: dt.datetime | None


class CheckOut(Schema):
    severity: str
    message: str
    article: str
    quote: str
    rule: str
    field: str


class AssessmentOut(Schema):
    step: str | None
    ready: bool
    checks: list[CheckOut]


class SubmitIn(Schema):
    acknowledge_warnings: bool = False


class WithdrawIn(Schema):
    reason: str = Field(default="", max_length=500)
