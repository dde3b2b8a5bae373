"""The application forms of each rulebook and the chapters their texts require.

Data, not code: each form names the document type it is filed as, and each chapter the
article (and the verbatim words, checked against the regulation by the tests) it comes from.
A chapter marked ``required`` blocks the submission while it is empty; the others warn.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Chapter:
    """One chapter of an application form, with the article that asks for it."""

    key: str
    label: str | Promise
    article: str
    quote: str
    required: bool = True


@dataclass(frozen=True)
class Form:
    """An application form (需求方案, 实施方案 …): the document type it is and its chapters."""

    key: str
    label: str | Promise
    document_type: str
    article: str
    chapters: tuple[Chapter, ...]
    kinds: tuple[str, ...] = ()  # project kinds it is for; empty: every kind


def _c(key: str, label: str | Promise, article: str, quote: str, required: bool = True) -> Chapter:
    return Chapter(key=key, label=label, article=article, quote=quote, required=required)


# Chapter labels (one vocabulary across the rulebooks).
NECESSITY = _("Necessity of the project")
GOALS = _("Goals and requirements")
ARCHITECTURE = _("Technical architecture")
SECURITY = _("Security measures")
BENEFITS = _("Quantified benefit targets")
INVESTMENT = _("Investment estimate and funding sources")
SHARING = _("Data-sharing analysis")
CRYPTO = _("Cryptography plan")
COLLECTION = _("Data-collection plan")
DOCKING = _("Docking design and use of the cloud centre")
SYSTEMS = _("Systems to be listed in the system catalogue")
RESOURCES = _("Information resource catalogue")
SERVICES = _("Service content and functions")
NETWORK = _("Network deployment")
OM = _("O&M content and service levels")

_KAIHUA_CORE = (
    _c("necessity", NECESSITY, "第四条", "须详细描述项目的建设必要性"),
    _c("goals", GOALS, "第四条", "目标、需求"),
    _c("architecture", ARCHITECTURE, "第四条", "技术架构以及安全措施"),
    _c("security", SECURITY, "第四条", "技术架构以及安全措施"),
    _c("benefits", BENEFITS, "第四条", "制定可评估的、可量化的社会效益和经济效益目标"),
    _c("investment", INVESTMENT, "第四条", "对投资估算和资金来源具体化,明确资金筹措方案"),
)
_WUHAN_CORE = (
    _c("goals", GOALS, "第十一条", "项目申报单位和方案编制单位应当确保申报方案的建设内容"),
    _c("sharing", SHARING, "第十三条", "信息资源共享分析篇(章)"),
    _c("crypto", CRYPTO, "第十三条", "密码应用方案"),
    _c("security", SECURITY, "第二十六条", "同步规划、同步建设、同步运行密码保障系统"),
    _c("investment", INVESTMENT, "第十八条", "概算", required=False),
)
_GAOPING_CORE = (
    _c("goals", GOALS, "第八条", "立足政府治理、民生服务、自身建设等需求"),
    _c("resources", RESOURCES, "第八条", "信息资源目录"),
    _c("investment", INVESTMENT, "第八条", "投资概算"),
    _c("systems", SYSTEMS, "第十条", "市直各单位应全面完善本部门政务信息系统目录"),
    _c("crypto", CRYPTO, "第三十一条", "同步规划、同步建设、同步运行密码保障系统并定期评估"),
    _c("security", SECURITY, "第三十一条", "严格落实等级保护和国家密码管理要求"),
)
_HARBIN_CORE = (
    _c("goals", GOALS, "第十二条", "开展项目建设方案编制申报工作"),
    _c("security", SECURITY, "第二十六条", "落实网络安全等级保护"),
    _c("crypto", CRYPTO, "第二十六条", "推广国家商用密码应用"),
    _c("sharing", SHARING, "第三条", "资源共享、协同应用", required=False),
    _c("investment", INVESTMENT, "第十二条", "要加强信息化项目统筹集约建设", required=False),
)

FORMS: dict[str, tuple[Form, ...]] = {
    "bijie": (
        Form(
            key="demand_plan",
            label=_("Demand plan"),
            document_type="demand_plan",
            article="第五条",
            chapters=(
                _c("goals", GOALS, "第五条", "明确系统目标"),
                _c("services", SERVICES, "第五条", "服务内容、功能应用"),
                _c("resources", RESOURCES, "第五条", "数据资源"),
                _c("network", NETWORK, "第五条", "网络部署"),
                _c("security", SECURITY, "第五条", "安全保障"),
                _c("investment", INVESTMENT, "第五条", "经费估算"),
                _c("crypto", CRYPTO, "第五条", "密码应用方案须通过专家评审"),
                _c("sharing", SHARING, "第二十四条", "数据共享", required=False),
            ),
        ),
    ),
    "kaihua": (
        Form(
            key="construction_plan",
            label=_("Construction plan"),
            document_type="implementation_plan",
            article="第六条",
            kinds=("new", "continued", "upgrade", "expansion"),
            chapters=(
                *_KAIHUA_CORE,
                _c("docking", DOCKING, "第五条", "增加与相关业务系统标准化对接设计"),
                _c("collection", COLLECTION, "第五条", "要有完整的数据归集计划"),
                _c("sharing", SHARING, "第五条", "加强跨部门数据共享", required=False),
            ),
        ),
        Form(
            key="om_plan",
            label=_("O&M plan"),
            document_type="service_plan",
            article="第六条",
            kinds=("om",),
            chapters=(
                *_KAIHUA_CORE,
                _c("om", OM, "第六条", "运维类项目不得包含批量更新采购内容"),
            ),
        ),
    ),
    "wuhan": tuple(
        Form(key=key, label=label, document_type=key, article="第十一条", chapters=_WUHAN_CORE)
        for key, label in (
            ("implementation_plan", _("Implementation plan")),
            ("feasibility_study", _("Feasibility study")),
            ("preliminary_design", _("Preliminary design")),
        )
    ),
    "gaoping": tuple(
        Form(key=key, label=label, document_type=key, article="第八条", chapters=_GAOPING_CORE)
        for key, label in (
            ("proposal", _("Project proposal")),
            ("feasibility_study", _("Feasibility study")),
            ("preliminary_design", _("Preliminary design")),
        )
    ),
    "harbin": (
        Form(
            key="implementation_plan",
            label=_("Construction plan"),
            document_type="implementation_plan",
            article="第十二条",
            chapters=_HARBIN_CORE,
        ),
        Form(
            key="feasibility_study",
            label=_("Feasibility study"),
            document_type="feasibility_study",
            article="第十八条",
            chapters=_HARBIN_CORE,
        ),
        Form(
            key="preliminary_design",
            label=_("Preliminary design"),
            document_type="preliminary_design",
            article="第十九条",
            chapters=_HARBIN_CORE,
        ),
    ),
}


def forms_of(rulebook: str) -> tuple[Form, ...]:
    """The application forms of a rulebook (none for an unknown one)."""
    return FORMS.get(rulebook, ())


def form_of(rulebook: str, key: str) -> Form | None:
    """One form of a rulebook by its key."""
    return next((form for form in forms_of(rulebook) if form.key == key), None)


def form_choices(rulebook: str) -> list[tuple[str, str | Promise]]:
    return [(form.key, form.label) for form in forms_of(rulebook)]
