"""Organisations, their staff and the expert pool."""

from __future__ import annotations

from govit.generate.base import NO_PASSWORD, Context
from govit.orgs.choices import Role
from govit.orgs.models import Membership, Organisation, User
from govit.reviews.choices import Specialty
from govit.reviews.models import Expert

DISTRICTS = [
    "市本级", "东城区", "西城区", "南湖区", "北山区", "高新区", "经开区", "临江区", "青山区",
    "滨江区", "新城区", "老城区", "东湖区", "西湖区", "江南区", "江北区", "河东区", "河西区",
    "长岭县", "平川县", "石桥县", "云溪县", "白沙县", "清河县", "柳林县",
]  # fmt: skip
DEPARTMENTS = [
    "民政局", "教育局", "公安局", "司法局", "人力资源和社会保障局", "自然资源和规划局",
    "生态环境局", "住房和城乡建设局", "交通运输局", "水务局", "农业农村局", "商务局",
    "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局",
    "体育局", "统计局", "医疗保障局", "城市管理执法局", "信访局", "档案馆", "税务局",
    "林业局", "粮食和物资储备局", "机关事务管理局", "地方金融监督管理局", "气象局",
]  # fmt: skip
COMPANIES = ["信息技术", "软件", "数据科技", "网络科技", "智能系统", "数字技术", "云计算"]
OVERSIGHT = [
    (Role.FINANCE, "财政局"),
    (Role.DRC, "发展和改革委员会"),
    (Role.CAC, "网信办"),
    (Role.POLICE, "公安局网安支队"),
    (Role.CRYPTO, "密码管理局"),
    (Role.SECRECY, "保密局"),
    (Role.AUDIT, "审计局（审计机关）"),
    (Role.DATACENTER, "大数据中心"),
    (Role.GOVERNMENT, "人民政府"),
]


def unit_name(place: str, number: int) -> str:
    """A unique, plausible unit name: district + department (+ a branch number past the list)."""
    district = DISTRICTS[number % len(DISTRICTS)]
    department = DEPARTMENTS[(number // len(DISTRICTS)) % len(DEPARTMENTS)]
    branch = number // (len(DISTRICTS) * len(DEPARTMENTS))
    suffix = f"第{branch + 1}分局" if branch else ""
    return f"{place}{district}{department}{suffix}"


def generate(ctx: Context) -> None:
    """The competent department, the oversight bodies, units, vendors, agencies, experts."""
    place = ctx.rulebook.spec.short_name
    tag = f"（G{ctx.serial:05d}）"
    competent, *oversight = ctx.insert(
        Organisation,
        [Organisation(name=f"{place}政务数据管理局{tag}", short_name="数据局", kind=Role.COMPETENT)]
        + [Organisation(name=f"{place}{name}{tag}", kind=role) for role, name in OVERSIGHT],
    )
    ctx.competent_id = competent.pk
    units = ctx.insert(
        Organisation,
        [
            Organisation(
                name=unit_name(place, n) + tag,
                kind=Role.UNIT,
                budget_unit_count=ctx.rng.choice([1, 1, 2, 3, 5, 8, 12]),
            )
            for n in range(ctx.scale.units)
        ],
    )
    ctx.unit_ids = [unit.pk for unit in units]
    ctx.unit_names = {unit.pk: unit.name for unit in units}
    vendors = ctx.insert(
        Organisation,
        [
            Organisation(name=f"{place}{ctx.pick(COMPANIES)}有限公司{n:04d}{tag}", kind=Role.VENDOR)
            for n in range(ctx.scale.vendors)
        ],
    )
    ctx.vendor_ids = [vendor.pk for vendor in vendors]
    agencies = ctx.insert(
        Organisation,
        [
            Organisation(name=f"{place}工程咨询评估中心{n:03d}{tag}", kind=Role.AGENCY)
            for n in range(ctx.scale.agencies)
        ],
    )
    ctx.agency_ids = [agency.pk for agency in agencies]
    _people(ctx, tag, competent, oversight, units, vendors)


def _people(
    ctx: Context,
    tag: str,
    competent: Organisation,
    oversight: list[Organisation],
    units: list[Organisation],
    vendors: list[Organisation],
) -> None:
    serial = ctx.serial
    seats: list[tuple[Organisation, str, str]] = [(competent, Role.COMPETENT, "审核人")]
    seats += [(org, org.kind, "科员") for org in oversight]
    seats += [(unit, Role.UNIT, "经办人") for unit in units]
    seats += [(vendor, Role.VENDOR, "项目经理") for vendor in vendors]
    experts = ctx.scale.experts
    seats += [
        (competent if n % 3 else units[n % len(units)], Role.EXPERT, "专家") for n in range(experts)
    ]
    users = ctx.insert(
        User,
        [
            User(
                username=f"gen{serial:05d}-{n}",
                password=NO_PASSWORD,
                display_name=f"{title}{n}",
                is_active=True,
            )
            for n, (_org, _role, title) in enumerate(seats)
        ],
    )
    ctx.insert(
        Membership,
        [
            Membership(user=user, organisation=org, role=role)
            for user, (org, role, _title) in zip(users, seats, strict=True)
        ],
    )
    ctx.staff_id = users[0].pk
    ctx.finance_user_id = users[1].pk
    first_unit = 1 + len(oversight)
    ctx.unit_staff = {unit.pk: users[first_unit + i].pk for i, unit in enumerate(units)}
    specialties = list(Specialty.values)
    expert_rows = [
        Expert(
            user=user,
            name=user.display_name,
            organisation=org,
            specialties=ctx.rng.sample(specialties, k=ctx.rng.randint(1, 3)),
            performance=ctx.rng.randint(60, 100),
            reviews_done=ctx.rng.randint(0, 80),
        )
        for user, (org, role, _title) in zip(users, seats, strict=True)
        if role == Role.EXPERT
    ]
    ctx.expert_ids = [expert.pk for expert in ctx.insert(Expert, expert_rows)]
