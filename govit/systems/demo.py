"""Demo catalogue: a few hundred systems of the demo units with 12 months of usage.

Deterministic (a seeded generator) and idempotent (systems are found by code, usage rows by
system and month), so ``govit demo load`` can run any number of times.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from govit.core import audit
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.systems import detection, docking, services
from govit.systems.choices import (
    CryptoStatus,
    DockingMethod,
    DockingPlatform,
    Network,
    SystemStatus,
    UsageSource,
)
from govit.systems.models import Proposal, System, SystemUsage

PER_UNIT = 75
TOPICS: dict[str, tuple[str, list[str]]] = {
    "民政局": ("MZ", ["社会救助", "养老服务", "婚姻登记", "殡葬管理", "社会组织", "低保审批"]),
    "教育局": ("JY", ["学籍管理", "招生考试", "教师管理", "校园安全", "学生资助", "课后服务"]),
    "卫生健康委员会": (
        "WJ",
        ["全民健康", "公共卫生", "疫苗接种", "妇幼保健", "医疗监管", "家庭医生"],
    ),
    "交通运输局": ("JT", ["道路运输", "公交调度", "治超检测", "交通执法", "路网监测", "出租汽车"]),
}
SUFFIXES = [
    "管理系统",
    "服务平台",
    "信息系统",
    "监管平台",
    "业务办理系统",
    "移动应用",
    "统计分析系统",
]
PHASES = ["", "（二期）", "（升级版）"]
USERS = ["本单位工作人员", "办事群众和企业", "区县业务科室", "乡镇（街道）经办人员"]


def _months(today: dt.date) -> list[dt.date]:
    return detection.months_before(today, 12)


def _facts(rng: random.Random) -> dict[str, object]:
    def maybe(p_true: float) -> bool | None:
        roll = rng.random()
        return None if roll > 0.9 else roll < p_true * 0.9

    level = rng.choice([None, 2, 2, 3, 3, 3])
    crypto = rng.choice(list(CryptoStatus.values)) if level == 3 else CryptoStatus.NOT_REQUIRED
    return {
        "on_gov_cloud": rng.random() < 0.6,
        "network": rng.choice([Network.EXTRANET] * 4 + [Network.INTRANET, Network.INTERNET]),
        "docked_service_platform": rng.random() < 0.5,
        "docked_data_platform": rng.random() < 0.4,
        "build_cost": Decimal(rng.randrange(20, 800) * 10_000),
        "om_cost": Decimal(rng.randrange(2, 80) * 10_000),
        "mlps_level": level,
        "mlps_assessed_on": dt.date(2025, rng.randrange(1, 13), 1) if level else None,
        "crypto_status": crypto,
        "crypto_assessed_on": (
            dt.date(2025, rng.randrange(1, 13), 15)
            if crypto in (CryptoStatus.PASSED, CryptoStatus.FAILED)
            else None
        ),
        "shares_data": maybe(0.7),
        "duplicate_collection": maybe(0.1),
        "in_data_catalog": maybe(0.75),
        "security_compliant": maybe(0.85),
        "crypto_compliant": maybe(0.7),
        "major_hazard": maybe(0.05),
    }


@transaction.atomic
def load(units: list[Organisation], *, admin: User) -> int:
    """Create the demo systems that are missing; return how many were created."""
    today = timezone.localdate()
    months = _months(today)
    per_unit = getattr(settings, "GOVIT_DEMO_SYSTEMS_PER_UNIT", PER_UNIT)
    created = 0
    usage_rows: list[SystemUsage] = []
    existing = set(System.objects.filter(code__startswith="DEMO-").values_list("code", flat=True))
    for unit in units:
        key = next((k for k in TOPICS if unit.name.endswith(k)), None)
        if key is None:
            continue
        abbr, topics = TOPICS[key]
        rng = random.Random(f"govit-demo-{abbr}")  # noqa: S311 - demo data, not security
        for number in range(1, per_unit + 1):
            topic = topics[(number - 1) % len(topics)]
            suffix = SUFFIXES[(number - 1) // len(topics) % len(SUFFIXES)]
            phase = PHASES[(number - 1) // (len(topics) * len(SUFFIXES)) % len(PHASES)]
            code = f"DEMO-{abbr}-{number:03d}"
            facts = _facts(rng)
            idle = rng.random() < 0.08
            base = 0 if idle else rng.randrange(200, 20_000)
            status = rng.choice([SystemStatus.RUNNING] * 8 + [SystemStatus.BUILDING])
            if code in existing:
                continue
            system = services.system_create(
                actor=admin,
                data={
                    "code": code,
                    "name": f"{topic}{suffix}{phase}",
                    "unit": unit,
                    "purpose": f"支撑{topic}业务的受理、审核、统计和共享",
                    "users": rng.choice(USERS),
                    "status": status,
                    "om_contract_expires_on": today + dt.timedelta(days=rng.randrange(-90, 700)),
                    "project_codes": f"{today.year - rng.randrange(1, 6)}-{abbr}-{number:03d}",
                    **facts,
                },
            )
            created += 1
            if status == SystemStatus.BUILDING:
                continue
            for month in months:
                visits = rng.randrange(0, 11) if idle else int(base * rng.uniform(0.6, 1.4))
                usage_rows.append(
                    SystemUsage(
                        system=system,
                        month=month,
                        visits=visits,
                        logins=visits // rng.randrange(3, 8),
                        api_calls=0 if idle else visits * rng.randrange(0, 5),
                        source=UsageSource.IMPORTED,
                    )
                )
    SystemUsage.objects.bulk_create(usage_rows, ignore_conflicts=True)
    if created:
        audit.record(
            actor=admin,
            action="system.demo",
            object_type="systems.system",
            after={"systems": created, "usage": len(usage_rows)},
        )
        _confirm_some_zombies(admin, today)
        _dock_some(admin, today)
    return created


def _dock_some(admin: User, today: dt.date) -> None:
    """Docking records for the first systems of each unit: most confirmed by the big-data
    centre, the last few still waiting for confirmation (the system page shows both)."""
    confirmer = User.objects.filter(username=Role.DATACENTER.value).first()
    systems = list(
        System.objects.filter(code__startswith="DEMO-", code__endswith="-001")
        .exclude(status=SystemStatus.BUILDING)
        .order_by("code")
    )
    for index, system in enumerate(systems):
        record = docking.docking_record(
            actor=admin,
            system=system,
            platform=DockingPlatform.SERVICE if index % 2 == 0 else DockingPlatform.DATA,
            docked_on=today - dt.timedelta(days=90 + 30 * index),
            method=DockingMethod.API,
            reference=f"DJ-{today.year}-{index + 1:03d}",
            note="演示数据：接口联调完成",
        )
        if confirmer is not None and index < len(systems) - 2:
            docking.docking_confirm(actor=confirmer, record=record)


def _confirm_some_zombies(admin: User, today: dt.date) -> None:
    """Propose the idle systems and confirm those of the transport bureau, so that the catalogue
    shows confirmed zombies and the proposals page shows open ones."""
    detection.zombie_propose(actor=admin, as_of=today)
    for proposal in Proposal.objects.filter(
        kind="zombie", status="open", system__code__startswith="DEMO-JT-"
    ).select_related("system"):
        services.proposal_confirm(actor=admin, proposal=proposal, note="演示数据：核实无人使用")
