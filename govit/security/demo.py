"""Demo data: 等保 gradings and filings, assessments, service contracts, incidents and drills
for the demo systems, some of them overdue so that the competent department's list shows them.

Deterministic (seeded) and idempotent: a demo system that already has a grading is skipped.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from govit.core import audit
from govit.core.calendar import add_months
from govit.orgs.models import User
from govit.security.models import Assessment, Drill, Grading, Incident, ServiceContract
from govit.systems.models import System

AGENCIES = ["某网络安全测评中心", "某信息安全测评有限公司", "某密码应用安全性评估中心"]


@transaction.atomic
def load(*, admin: User) -> int:
    """Create the registers of the demo systems that have none; return how many systems."""
    today = timezone.localdate()
    systems = list(
        System.objects.filter(
            code__startswith="DEMO-", mlps_level__isnull=False, gradings__isnull=True
        ).order_by("code")
    )
    rng = random.Random("govit-demo-security")  # noqa: S311 - demo data
    gradings: list[Grading] = []
    assessments: list[Assessment] = []
    contracts: list[ServiceContract] = []
    incidents: list[Incident] = []
    drills: list[Drill] = []
    for system in systems:
        level = int(system.mlps_level or 2)
        graded_on = today - dt.timedelta(days=rng.randrange(60, 1000))
        filed = rng.random() < 0.9
        gradings.append(
            Grading(
                system=system,
                business_level=level,
                service_level=rng.randrange(1, level + 1),
                level=level,
                graded_on=graded_on,
                filing_number=f"{system.unit_id:05d}-{system.pk:05d}-{graded_on.year}"
                if filed
                else "",
                filed_on=graded_on + dt.timedelta(days=rng.randrange(5, 30)) if filed else None,
                recorded_by=admin,
            )
        )
        if level >= 3:
            months_ago = rng.choice([2, 5, 8, 11, 14])  # 14 months ago: overdue
            done = add_months(today, -months_ago)
            assessments.append(
                Assessment(
                    system=system,
                    kind="mlps",
                    done_on=done,
                    agency=AGENCIES[0],
                    conclusion=rng.choice(["excellent", "good", "good", "fair", "poor"]),
                    high_risks=rng.choice([0, 0, 0, 0, 1]),
                    recorded_by=admin,
                )
            )
            assessments.append(
                Assessment(
                    system=system,
                    kind="crypto",
                    done_on=add_months(today, -rng.choice([3, 6, 9, 13])),
                    agency=AGENCIES[2],
                    conclusion=rng.choice(["passed", "passed", "basic_pass", "failed"]),
                    recorded_by=admin,
                )
            )
        if rng.random() < 0.3:
            starts = add_months(today, -rng.randrange(3, 24))
            contracts.append(
                ServiceContract(
                    system=system,
                    vendor="某信息技术股份有限公司",
                    reference=f"FW-{system.code}",
                    starts_on=starts,
                    ends_on=add_months(starts, 36),
                )
            )
            assessments.append(
                Assessment(
                    system=system,
                    kind="pentest",
                    done_on=add_months(today, -rng.randrange(1, 14)),
                    agency=AGENCIES[1],
                    high_risks=rng.choice([0, 0, 2]),
                    recorded_by=admin,
                )
            )
        if rng.random() < 0.06:
            occurred = timezone.now() - dt.timedelta(days=rng.randrange(5, 300))
            incidents.append(
                Incident(
                    system=system,
                    occurred_at=occurred,
                    severity=rng.choice(["general", "general", "large", "major"]),
                    symptoms=rng.choice(["网页被篡改", "服务中断", "异常外联流量", "弱口令被利用"]),
                    handling="隔离受影响主机，修补漏洞后恢复服务",
                    reported_to="市网信办、市公安局网安支队",
                    reported_on=occurred.date(),
                    closed_on=occurred.date() + dt.timedelta(days=2),
                    recorded_by=admin,
                )
            )
        if rng.random() < 0.15:
            drills.append(
                Drill(
                    system=system,
                    held_on=today - dt.timedelta(days=rng.randrange(10, 360)),
                    scenario=rng.choice(["勒索病毒处置", "数据库故障切换", "网页篡改处置"]),
                    participants="信息中心、运维单位",
                    record="按应急预案启动响应，30分钟内完成切换，业务恢复正常。",
                    recorded_by=admin,
                )
            )
    Grading.objects.bulk_create(gradings)
    Assessment.objects.bulk_create(assessments)
    ServiceContract.objects.bulk_create(contracts)
    Incident.objects.bulk_create(incidents)
    Drill.objects.bulk_create(drills)
    if systems:
        audit.record(
            actor=admin,
            action="security.demo",
            object_type="security.grading",
            after={"gradings": len(gradings), "assessments": len(assessments)},
        )
    return len(systems)
