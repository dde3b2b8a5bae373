"""The information-system catalogue with monthly usage, and the data-resource catalogue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from govit.data_resources.choices import (
    ItemType,
    OpenType,
    ResourceFormat,
    ResourceStatus,
    SharingMethod,
    SharingType,
    UpdateCycle,
)
from govit.data_resources.models import DataItem, DataResource
from govit.generate.base import Context
from govit.systems.choices import (
    CryptoStatus,
    Network,
    ProposalKind,
    ProposalStatus,
    SystemStatus,
)
from govit.systems.models import Proposal, System, SystemUsage

# Systems written per round (the usage and data resources of a round follow it).
ROUND = 1_000
STATUSES = [
    (SystemStatus.RUNNING, 80),
    (SystemStatus.BUILDING, 6),
    (SystemStatus.PLANNED, 3),
    (SystemStatus.ZOMBIE, 2),
    (SystemStatus.SHADOW, 1),
    (SystemStatus.CLOSED, 5),
    (SystemStatus.MIGRATED, 3),
]
KINDS = ["业务管理系统", "审批系统", "数据平台", "服务门户", "监管平台", "办公系统", "统计系统"]
RESOURCES = ["基本信息", "登记信息", "许可信息", "统计数据", "监测数据", "处罚信息", "名录"]
FORMAT_METHOD = [
    (ResourceFormat.DATABASE, SharingMethod.INTERFACE),
    (ResourceFormat.DATABASE, SharingMethod.DATABASE),
    (ResourceFormat.SPREADSHEET, SharingMethod.FILE),
    (ResourceFormat.DOCUMENT, SharingMethod.FILE),
    (ResourceFormat.SERVICE, SharingMethod.INTERFACE),
]


def generate_round(ctx: Context, numbers: range) -> None:
    """Systems ``numbers`` with their usage, zombie decisions and data resources."""
    rng = ctx.rng
    serial = ctx.serial
    statuses = [s for s, _w in STATUSES]
    weights = [w for _s, w in STATUSES]
    systems: list[System] = []
    links: list[tuple[int, int]] = []
    for n in numbers:
        unit_id = ctx.pick(ctx.unit_ids)
        status = rng.choices(statuses, weights=weights)[0]
        accepted = ctx.accepted.get(unit_id) or []
        project = ctx.pick(accepted) if accepted and rng.random() < 0.7 else None
        level = rng.choice([None, 2, 2, 2, 3])
        systems.append(
            System(
                name=f"{ctx.unit_names[unit_id][:40]}{ctx.pick(KINDS)}{n}",
                code=f"XT-G{serial:05d}-{n:06d}",
                unit_id=unit_id,
                purpose="支撑本单位业务办理与数据共享",
                users="本单位工作人员及办事群众",
                on_gov_cloud=rng.random() < 0.8,
                network=rng.choice([Network.EXTRANET, Network.EXTRANET, Network.INTERNET]),
                docked_service_platform=rng.random() < 0.6,
                docked_data_platform=rng.random() < 0.7,
                build_cost=Decimal(rng.randrange(200, 20_000) * 1000),
                om_cost=Decimal(rng.randrange(10, 800) * 1000),
                om_contract_expires_on=ctx.today + ctx.days(-200, 700),
                status=status,
                mlps_level=level,
                mlps_assessed_on=ctx.today - ctx.days(10, 700) if level else None,
                crypto_status=CryptoStatus.PASSED if level == 3 else CryptoStatus.NOT_REQUIRED,
                crypto_assessed_on=ctx.today - ctx.days(10, 700) if level == 3 else None,
                shares_data=rng.random() < 0.85,
                duplicate_collection=rng.random() < 0.03,
                in_data_catalog=rng.random() < 0.85,
                security_compliant=rng.random() < 0.95,
                crypto_compliant=rng.random() < 0.9,
                major_hazard=rng.random() < 0.01,
                project_codes=project[1] if project else "",
                zombie_confirmed_on=(
                    ctx.today - ctx.days(30, 300) if status == SystemStatus.ZOMBIE else None
                ),
            )
        )
        links.append((n, project[0]) if project else (n, 0))
    ctx.insert(System, systems)
    through = System.projects.through
    ctx.insert(
        through,
        [
            through(system_id=system.pk, project_id=project_id)
            for system, (_n, project_id) in zip(systems, links, strict=True)
            if project_id
        ],
    )
    _usage(ctx, systems)
    _resources(ctx, systems)


def _usage(ctx: Context, systems: list[System]) -> None:
    rng = ctx.rng
    first = ctx.today.replace(day=1)
    months: list[dt.date] = []
    for back in range(1, ctx.scale.usage_months + 1):
        year, month0 = divmod(first.year * 12 + first.month - 1 - back, 12)
        months.append(dt.date(year, month0 + 1, 1))
    rows: list[SystemUsage] = []
    proposals: list[Proposal] = []
    for system in systems:
        idle = system.status == SystemStatus.ZOMBIE
        base = 0 if idle else rng.randint(200, 20_000)
        for month in months:
            rows.append(
                SystemUsage(
                    system=system,
                    month=month,
                    logins=int(base * rng.uniform(0.7, 1.3)),
                    visits=int(base * rng.uniform(2, 5)),
                    api_calls=int(base * rng.uniform(0, 20)),
                )
            )
        if idle:
            proposals.append(
                Proposal(
                    kind=ProposalKind.ZOMBIE,
                    system=system,
                    evidence={"months_idle": len(months)},
                    period_end=months[0],
                    status=ProposalStatus.CONFIRMED,
                    decided_by_id=ctx.staff_id,
                    decided_on=system.zombie_confirmed_on,
                    note="连续12个月无访问",
                )
            )
    ctx.insert(SystemUsage, rows)
    ctx.insert(Proposal, proposals)


def _resources(ctx: Context, systems: list[System]) -> None:
    rng = ctx.rng
    resources: list[DataResource] = []
    for system in systems:
        for k in range(ctx.scale.data_resources_per_system):
            sharing = rng.choices(
                [SharingType.UNCONDITIONAL, SharingType.CONDITIONAL, SharingType.NONE],
                weights=[60, 32, 8],
            )[0]
            fmt, method = ctx.pick(FORMAT_METHOD)
            classification = f"{rng.randint(1, 3)}{rng.randint(1, 20):02d}{rng.randint(1, 50):03d}"
            opened = OpenType.UNCONDITIONAL if rng.random() < 0.15 else OpenType.NONE
            resources.append(
                DataResource(
                    classification=classification,
                    name=f"{system.name[:60]}{ctx.pick(RESOURCES)}{k + 1}",
                    code=f"{classification}/{system.pk:07d}{k:02d}",
                    unit_id=system.unit_id,
                    summary="本单位业务办理中产生的数据",
                    format=fmt,
                    sharing_type=sharing,
                    sharing_condition="仅用于相关业务办理"
                    if sharing == SharingType.CONDITIONAL
                    else "",
                    no_sharing_basis="《中华人民共和国保守国家秘密法》"
                    if sharing == SharingType.NONE
                    else "",
                    sharing_method="" if sharing == SharingType.NONE else method,
                    open_type=opened,
                    desensitised=opened == OpenType.UNCONDITIONAL,
                    update_cycle=ctx.pick(UpdateCycle.values),
                    released_on=ctx.today - ctx.days(1, 900),
                    source_system=system,
                    data_owner=ctx.unit_names[system.unit_id][:100],
                    data_listed=rng.random() < 0.8,
                    grade=rng.choice(["general-1", "general-2", "general-3", "important"]),
                    status=rng.choices(
                        [ResourceStatus.PUBLISHED, ResourceStatus.DRAFT, ResourceStatus.SUBMITTED],
                        weights=[85, 10, 5],
                    )[0],
                )
            )
    ctx.insert(DataResource, resources)
    ctx.insert(
        DataItem,
        [
            DataItem(
                resource=resource,
                name=name,
                data_type=kind,
                length=length,
                grade=resource.grade,
                position=position,
            )
            for resource in resources
            for position, (name, kind, length) in enumerate(
                (("统一社会信用代码", ItemType.C, 18), ("更新日期", ItemType.D, None))
            )
        ],
    )
