"""Input and output schemas of the evaluation API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from govit.core.api_types import DatabaseId


class TargetIn(Schema):
    category: str
    name: str = Field(max_length=200)
    nature: str
    target_value: Decimal | None = None
    target_text: str = ""
    unit: str = ""
    basis: str = "plan"
    weight: Decimal


class TargetOut(Schema):
    id: int
    category: str
    name: str
    nature: str
    target_value: Decimal | None
    target_text: str
    unit: str
    basis: str
    weight: Decimal


class TargetsIn(Schema):
    targets: list[TargetIn]


class ResultIn(Schema):
    target_id: DatabaseId
    actual_value: Decimal | None = None
    actual_text: str = ""
    score: Decimal | None = None
    deviation_reason: str = ""


class SelfEvaluationIn(Schema):
    conducted_on: dt.date
    summary: str = ""
    results: list[ResultIn]


class PostEvaluationIn(SelfEvaluationIn):
    evaluator: str
    draw_id: DatabaseId | None = None


class ResultOut(Schema):
    target_id: int
    actual_value: Decimal | None
    actual_text: str
    score: Decimal
    deviation_reason: str


class EvaluationOut(Schema):
    id: int
    kind: str
    subject: str
    subject_org_id: int | None
    year: int | None
    conducted_on: dt.date
    evaluator: str
    total: Decimal | None
    grade: str
    article: str
    quote: str
    results: list[ResultOut]


class WindowOut(Schema):
    opens: dt.date | None
    closes: dt.date | None
    article: str
    quote: str


class ProjectEvaluationOut(Schema):
    project_id: int
    targets: list[TargetOut]
    evaluations: list[EvaluationOut]
    window: WindowOut


class DrawIn(Schema):
    year: int = Field(ge=2000, le=2100)
    size: int = Field(ge=1, le=100)
    seed: str = Field(default="", max_length=64)


class DrawOut(Schema):
    id: int
    rulebook: str
    year: int
    seed: str
    size: int
    candidates: list[int]
    chosen: list[int]


class ResultSummaryOut(Schema):
    organisation_id: int
    year: int
    count: int
    average: Decimal | None
    grade: str


class ExAnteIn(Schema):
    conducted_on: dt.date
    evaluator: str = ""
    summary: str


class AnnualIn(Schema):
    year: int = Field(ge=2000, le=2100)
    conducted_on: dt.date
    summary: str


class PartyIn(Schema):
    subject: str
    organisation_id: DatabaseId
    score: Decimal


class ComprehensiveIn(Schema):
    conducted_on: dt.date
    evaluator: str
    summary: str = ""
    parties: list[PartyIn]
