"""Projects: each walks its rulebook's road to the state it is left in, recording every step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from govit.generate.base import Context
from govit.generate.lifecycle import Roads
from govit.policy.schema import Transition
from govit.projects.models import CodeSequence, Project, StateChange
from govit.projects.services.effects import step_effects
from govit.projects.services.facts import CODE_PREFIXES

SUBJECTS = [
    "政务服务", "一网通办", "城市运行管理", "社会救助", "智慧教育", "医疗健康", "不动产登记",
    "市场监管", "应急指挥", "生态环境监测", "智慧交通", "公共资源交易", "数据共享交换",
    "电子证照", "视频监控联网", "基层治理", "财政预算管理", "档案数字化", "12345热线", "智慧水务",
]  # fmt: skip
ACTIONS = ["平台建设", "系统升级改造", "扩容", "运维服务", "一期工程", "二期工程", "信息化建设"]
INVESTMENTS = [
    80_000, 150_000, 300_000, 450_000, 600_000, 900_000, 1_500_000, 2_400_000, 5_000_000,
    12_000_000, 35_000_000,
]  # fmt: skip
# Days a step takes, by the state it leads to.
STEP_DAYS: dict[str, tuple[int, int]] = {
    "submitted": (5, 30),
    "preliminary_review": (3, 10),
    "returned": (5, 15),
    "expert_review": (10, 30),
    "decision": (10, 25),
    "library": (10, 30),
    "planned": (20, 60),
    "approved": (20, 60),
    "filed": (10, 30),
    "procurement": (10, 30),
    "contracted": (30, 60),
    "construction": (5, 20),
    "initial_acceptance": (120, 300),
    "trial_run": (3, 10),
    "acceptance": (60, 120),
    "rectification": (5, 20),
    "operation": (10, 30),
    "evaluated": (370, 700),
    "archived": (30, 200),
    "rejected": (10, 30),
    "suspended": (30, 120),
    "terminated": (30, 120),
}


@dataclass
class Plan:
    """One project being generated: the row, the steps it took and when it reached each state."""

    project: Project
    road: list[Transition]
    reached: dict[str, dt.date] = field(default_factory=dict)

    def on(self, state: str) -> dt.date | None:
        return self.reached.get(state)

    @property
    def investment(self) -> Decimal:
        return Decimal(self.project.investment or 0)


@contextmanager
def own_timestamps(*fields: tuple[type[models.Model], str]) -> Iterator[None]:
    """Let generated rows keep their own creation and update times (not the time of the run)."""
    saved = []
    for model, name in fields:
        target: Any = model._meta.get_field(name)
        saved.append((target, target.auto_now, target.auto_now_add))
        target.auto_now = target.auto_now_add = False
    try:
        yield
    finally:
        for target, auto_now, auto_now_add in saved:
            target.auto_now, target.auto_now_add = auto_now, auto_now_add


def moment(day: dt.date) -> dt.datetime:
    """A working-hours moment of ``day`` in the current time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


class Codes:
    """Project codes as the lifecycle service makes them, counters kept for later projects."""

    def __init__(self, rulebook_id: str) -> None:
        self.prefix = CODE_PREFIXES.get(rulebook_id, rulebook_id[:3].upper())
        keys = CodeSequence.objects.filter(key__startswith=f"{self.prefix}-")
        self.last = dict(keys.values_list("key", "last"))

    def next(self, year: int) -> str:
        key = f"{self.prefix}-{year}"
        self.last[key] = self.last.get(key, 0) + 1
        return f"{key}-{self.last[key]:04d}"

    def save(self) -> None:
        known = set(CodeSequence.objects.filter(key__in=self.last).values_list("key", flat=True))
        CodeSequence.objects.bulk_create(
            [CodeSequence(key=k, last=v) for k, v in self.last.items() if k not in known]
        )
        rows = list(CodeSequence.objects.filter(key__in=known))
        for row in rows:
            row.last = self.last[row.key]
        CodeSequence.objects.bulk_update(rows, ["last"])


def plan(ctx: Context, roads: Roads, codes: Codes, number: int, state: str | None = None) -> Plan:
    """A project in memory: its facts and the road it walked to ``state`` (by default, one
    drawn by the states' weights)."""
    rng = ctx.rng
    state = state or rng.choices(roads.states, weights=roads.weights)[0]
    investment = rng.choice(INVESTMENTS) * rng.uniform(0.8, 1.2)
    road = roads.road(state, investment)
    durations = [ctx.days(*STEP_DAYS.get(step.to, (5, 30))) for step in road]
    created = ctx.today - sum(durations, dt.timedelta()) - ctx.days(0, 90)
    unit_id = ctx.pick(ctx.unit_ids)
    project = Project(
        rulebook=ctx.rulebook.id,
        name=f"{ctx.pick(SUBJECTS)}{ctx.pick(ACTIONS)}（{number}）",
        unit_id=unit_id,
        description="项目建设内容：" + "、".join(rng.sample(SUBJECTS, k=3)),
        kind=rng.choice(["new", "new", "upgrade", "expansion", "continued", "om"]),
        level=ctx.rulebook.spec.level,
        plan_year=created.year + 1,
        investment=Decimal(round(investment, -3)).quantize(Decimal("0.01")),
        om_years_included=rng.choice([0, 1, 3]),
        funding_sources=[rng.choice(["fiscal", "fiscal", "fiscal", "superior", "self"])],
        features=[] if rng.random() < 0.9 else [rng.choice(["big_screen", "video_conference"])],
        classified=rng.random() < 0.01,
        emergency=rng.random() < 0.03,
        cross_department=rng.random() < 0.1,
        gov_cloud=rng.random() < 0.9,
        shares_data=rng.random() < 0.9,
        duplicates_existing=False,
        catalog_registered=rng.random() < 0.85,
        safe_reliable_products=rng.random() < 0.9,
        created_by_id=ctx.unit_staff[unit_id],
        created_at=moment(created),
    )
    result = Plan(project=project, road=road, reached={"draft": created})
    day = created
    for step, duration in zip(road, durations, strict=True):
        day += duration
        for name, value in step_effects(project, step, day).items():
            setattr(project, name, value)
        project.state = step.to
        result.reached[step.to] = day
    project.code = codes.next(project.plan_year or ctx.today.year)
    project.updated_at = moment(day)
    _follow_up(ctx, result)
    return result


def _follow_up(ctx: Context, plan: Plan) -> None:
    """The facts recorded around the steps: approval figures, filings, notices, reports."""
    project, rng = plan.project, ctx.rng
    approved = plan.on("approved") or plan.on("filed")
    if approved:
        project.approved_estimate = project.investment
        project.investment_code = (
            f"{approved.year}-{rng.randrange(10**6):06d}-65-01-{rng.randrange(10**6):06d}"
        )
    if plan.on("contracted") and plan.investment >= 1_000_000:
        project.supervision = True
        project.supervision_filed_on = plan.reached["contracted"] + ctx.days(3, 15)
    started = plan.on("construction")
    if started:
        last = min(ctx.today, plan.on("acceptance") or ctx.today)
        project.annual_reports = list(range(started.year, last.year)) or None
    accepted = plan.on("operation")
    if accepted:
        project.acceptance_filed_on = accepted + ctx.days(3, 20)
        project.finance_notified_on = project.acceptance_filed_on + ctx.days(1, 8)
        project.assets_booked_on = accepted + ctx.days(10, 40)
        project.remaining_payment_made = True
        project.data_collected = True
        project.platform_docked = rng.random() < 0.9
    if plan.on("archived") and project.self_evaluated_on:
        project.post_evaluated_on = project.self_evaluated_on + ctx.days(20, 120)
    if project.state == "rectification":
        project.rectification_due_on = plan.reached["rectification"] + ctx.days(20, 40)


def insert(ctx: Context, plans: list[Plan]) -> None:
    """The projects and their history rows."""
    with own_timestamps((Project, "created_at"), (Project, "updated_at")):
        ctx.insert(Project, [p.project for p in plans])
    history: list[StateChange] = []
    for item in plans:
        state = "draft"
        actor = item.project.created_by_id
        history.append(
            StateChange(
                project=item.project,
                from_state="",
                to_state="draft",
                transition="create",
                actor_id=actor,
                at=moment(item.reached["draft"]),
            )
        )
        for step in item.road:
            history.append(
                StateChange(
                    project=item.project,
                    from_state=state,
                    to_state=step.to,
                    transition=step.name,
                    label=step.label,
                    actor_id=actor if "unit" in step.roles else ctx.staff_id,
                    at=moment(item.reached[step.to]),
                )
            )
            state = step.to
    ctx.insert(StateChange, history)
