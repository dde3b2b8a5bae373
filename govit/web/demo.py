"""Demo data: organisations and one account per role, named as the active rulebook names them.

``load`` is idempotent: a second run finds what the first made and adds only what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from govit.acceptance import demo as acceptance_demo
from govit.data_resources import demo as data_resources_demo
from govit.delivery import demo as delivery_demo
from govit.evaluation import demo as evaluation_demo
from govit.orgs import services
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.orgs.validators import credit_code_check_character
from govit.oversight import demo as oversight_demo
from govit.planning import demo as planning_demo
from govit.policy.loader import LoadedRulebook
from govit.reviews import demo as reviews_demo
from govit.security import demo as security_demo
from govit.systems import demo as systems_demo

DEMO_PASSWORD = "govit-demo-2026"  # noqa: S105 - printed by `make demo`, for local trials only


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: str
    organisation: str


# Two ordinary units so that scoping is visible: each sees its own projects only.
UNITS = (("民政局", 3), ("教育局", 12), ("卫生健康委员会", 8), ("交通运输局", 4))
PEOPLE: dict[str, str] = {
    Role.COMPETENT: "王审核",
    Role.UNIT: "李经办",
    Role.FINANCE: "赵财务",
    Role.DRC: "钱发改",
    Role.CAC: "孙网信",
    Role.POLICE: "周公安",
    Role.CRYPTO: "吴密码",
    Role.SECRECY: "郑保密",
    Role.AUDIT: "冯审计",
    Role.DATACENTER: "陈数据",
    Role.GOVERNMENT: "褚领导",
    Role.EXPERT: "卫专家",
    Role.AGENCY: "蒋评估",
    Role.VENDOR: "沈承建",
    Role.SUPERVISOR: "韩监理",
}
COMPANIES: dict[str, str] = {
    Role.EXPERT: "某大学信息学院",
    Role.AGENCY: "某工程咨询有限公司",
    Role.VENDOR: "某信息技术股份有限公司",
    Role.SUPERVISOR: "某信息工程监理有限公司",
}
GENERIC_TITLES: dict[str, str] = {
    Role.FINANCE: "财政局",
    Role.DRC: "发展和改革局",
    Role.CAC: "委网信办",
    Role.POLICE: "公安局",
    Role.CRYPTO: "密码管理局",
    Role.SECRECY: "保密局",
    Role.AUDIT: "审计局",
    Role.DATACENTER: "大数据中心",
    Role.GOVERNMENT: "人民政府",
}


def demo_credit_code(serial: int) -> str:
    """A well-formed 统一社会信用代码 for demo organisation number ``serial``."""
    body = f"11{serial:015d}"[:17]
    return body + credit_code_check_character(body)


def _prefix(rulebook: LoadedRulebook) -> tuple[str, str]:
    level = "县" if rulebook.spec.level == "county" and rulebook.id == "kaihua" else "市"
    return rulebook.spec.short_name, level


def organisation_name(rulebook: LoadedRulebook, role: str) -> str:
    """The demo organisation for a role, named with the rulebook's local title."""
    if role in COMPANIES:
        return str(COMPANIES[role])
    place, level = _prefix(rulebook)
    title = (rulebook.spec.role_title(role) or "").split("/")[0].strip()
    if not title or role == Role.UNIT:
        title = GENERIC_TITLES.get(role, "")
    if title.startswith(("市", "县")):
        return f"{place}{title}"
    return f"{place}{level}{title}"


@transaction.atomic
def load(rulebook: LoadedRulebook) -> list[DemoAccount]:
    """Create (or find) the demo organisations and accounts; return the accounts."""
    place, level = _prefix(rulebook)
    accounts: list[DemoAccount] = []
    serial = 1
    organisations: dict[str, Organisation] = {}

    def organisation(name: str, kind: str, budget_units: int = 1) -> Organisation:
        nonlocal serial
        serial += 1
        existing = Organisation.objects.filter(name=name).first()
        if existing is not None:
            return existing
        return services.organisation_create(
            actor=None,
            name=name,
            kind=kind,
            budget_unit_count=budget_units,
            credit_code=demo_credit_code(serial),
        )

    for role in Role:
        if role == Role.UNIT:
            continue
        organisations[role] = organisation(organisation_name(rulebook, role), role)
    units = [organisation(f"{place}{level}{name}", Role.UNIT, count) for name, count in UNITS]

    def account(username: str, role: str, org: Organisation, name: str) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = services.user_create(
                actor=None, username=username, password=DEMO_PASSWORD, display_name=name
            )
        services.membership_grant(actor=None, user=user, organisation=org, role=role)
        accounts.append(DemoAccount(username, name, role, org.name))

    for role in Role:
        if role == Role.UNIT:
            account("unit", role, units[0], PEOPLE[role])
            account("unit2", role, units[1], "刘经办")
        else:
            account(role.value, role, organisations[role], PEOPLE[role])
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = services.user_create(
            actor=None, username="admin", password=DEMO_PASSWORD, display_name="系统管理员"
        )
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    accounts.append(DemoAccount("admin", "系统管理员", "superuser", "—"))
    systems_demo.load(units, admin=User.objects.get(username=Role.COMPETENT.value))
    data_resources_demo.load(admin=User.objects.get(username=Role.COMPETENT.value))
    security_demo.load(admin=User.objects.get(username=Role.COMPETENT.value))
    from govit.projects.demo import load_projects

    load_projects(rulebook, units)
    acceptance_demo.load(rulebook, units[0])
    delivery_demo.load()
    planning_demo.load_cycles(units)
    evaluation_demo.load()
    oversight_demo.load()
    reviews_demo.load(
        competent=User.objects.get(username=Role.COMPETENT.value), password=DEMO_PASSWORD
    )
    from govit.planning import demo_plans  # the project library and an approved plan

    demo_plans.load(rulebook, units)
    from govit.projects import deadlines  # what `govit tick` would find today

    deadlines.deadlines_refresh()
    deadlines.notices_send()
    return accounts
