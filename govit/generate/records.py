"""Reviews with their drawn experts, acceptance meetings and filings, and evaluations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from govit.acceptance.choices import MeetingKind, MeetingResult
from govit.acceptance.models import Asset, Filing, Meeting
from govit.evaluation.choices import Grade, Kind
from govit.evaluation.models import Evaluation
from govit.generate.base import Context
from govit.generate.projects import Plan
from govit.reviews.choices import ReviewKind, ReviewStatus
from govit.reviews.models import Assignment, Review

REVIEW_KINDS = {
    "preliminary_review": ReviewKind.PRELIMINARY,
    "expert_review": ReviewKind.JOINT,
    "decision": ReviewKind.DECISION,
}
GRADES = [(Grade.EXCELLENT, 92), (Grade.GOOD, 84), (Grade.GOOD, 81), (Grade.FAIR, 70)]


def insert_reviews(ctx: Context, plans: list[Plan]) -> None:
    rng = ctx.rng
    reviews: list[Review] = []
    panels: list[tuple[Review, bool]] = []
    for plan in plans:
        for state, kind in REVIEW_KINDS.items():
            opened = plan.on(state)
            if opened is None:
                continue
            current = plan.project.state == state
            review = Review(
                project=plan.project,
                kind=kind,
                status=ReviewStatus.DRAWN if current else ReviewStatus.CLOSED,
                rulebook=ctx.rulebook.id,
                opened_on=opened,
                review_on=opened + ctx.days(3, 10),
                due_on=opened + ctx.days(15, 25),
                specialty_mix={"software": 3, "finance": 1, "security": 1}
                if kind == ReviewKind.JOINT
                else {},
                panel=kind == ReviewKind.JOINT,
                seed=rng.randrange(2**40),
                result=None if current else {"passed": True},
                held_on=None if current else opened + ctx.days(3, 10),
                created_by_id=ctx.staff_id,
            )
            reviews.append(review)
            if review.panel:
                panels.append((review, current))
    ctx.insert(Review, reviews)
    assignments: list[Assignment] = []
    for review, current in panels:
        for position, expert_id in enumerate(rng.sample(ctx.expert_ids, k=5)):
            assignments.append(
                Assignment(
                    review=review,
                    expert_id=expert_id,
                    specialty="software",
                    position=position,
                    scores=None if current else {"necessity": rng.randint(60, 100)},
                    submitted_at=None if current else review.created_at,
                )
            )
    ctx.insert(Assignment, assignments)


def insert_acceptance(ctx: Context, plans: list[Plan]) -> None:
    meetings: list[Meeting] = []
    filings: list[Filing] = []
    assets: list[Asset] = []
    for plan in plans:
        project = plan.project
        if day := plan.on("initial_acceptance"):
            meetings.append(_meeting(ctx, plan, MeetingKind.INITIAL, day, passed=True))
        if day := plan.on("rectification"):
            meetings.append(_meeting(ctx, plan, MeetingKind.FINAL, day, passed=False))
        accepted = plan.on("operation")
        if accepted is None:
            continue
        meetings.append(_meeting(ctx, plan, MeetingKind.FINAL, accepted, passed=True))
        filings.append(
            Filing(
                project=project,
                filed_on=project.acceptance_filed_on,
                filed_by_id=project.created_by_id,
                notice_sent_on=project.finance_notified_on,
                notice_sent_by_id=project.created_by_id,
            )
        )
        assets.append(
            Asset(
                project=project,
                asset_number=f"ZC{project.pk:09d}",
                description="软件及信息系统",
                value=(plan.investment * Decimal("0.8")).quantize(Decimal("0.01")),
                booked_on=project.assets_booked_on,
                recorded_by_id=project.created_by_id,
            )
        )
    ctx.insert(Meeting, meetings)
    ctx.insert(Filing, filings)
    ctx.insert(Asset, assets)


def _meeting(ctx: Context, plan: Plan, kind: str, day: dt.date, *, passed: bool) -> Meeting:
    return Meeting(
        project=plan.project,
        kind=kind,
        held_on=day,
        result=MeetingResult.PASSED if passed else MeetingResult.FAILED,
        opinion="同意通过" if passed else "需整改后重新验收",
        rectification_days=None if passed else 20,
        rectification_due_on=None
        if passed
        else plan.project.rectification_due_on or day + dt.timedelta(days=28),
        recorded_by_id=plan.project.created_by_id,
    )


def insert_evaluations(ctx: Context, plans: list[Plan]) -> None:
    rows: list[Evaluation] = []
    for plan in plans:
        project = plan.project
        for kind, day in (
            (Kind.SELF, project.self_evaluated_on),
            (Kind.POST, project.post_evaluated_on),
        ):
            if day is None:
                continue
            grade, total = ctx.pick(GRADES)
            rows.append(
                Evaluation(
                    project=project,
                    kind=kind,
                    year=day.year,
                    conducted_on=day,
                    evaluator="项目单位" if kind == Kind.SELF else "第三方评价机构",
                    summary="绩效目标基本完成",
                    total=Decimal(total),
                    grade=grade,
                    recorded_by_id=ctx.staff_id,
                )
            )
    ctx.insert(Evaluation, rows)
