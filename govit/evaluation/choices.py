"""Choices of the evaluation app: the indicator tree (财预〔2020〕10号, 〔2021〕101号), the
nature of an indicator, the kinds of evaluation and the grades."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """Second-level indicators, grouped under 产出 / 效益 / 满意度 (see ``LEVEL_ONE``)."""

    QUANTITY = "quantity", _("Output: quantity")
    QUALITY = "quality", _("Output: quality")
    TIMELINESS = "timeliness", _("Output: timeliness")
    COST = "cost", _("Output: cost")
    ECONOMIC = "economic", _("Benefit: economic")
    SOCIAL = "social", _("Benefit: social")
    ECOLOGICAL = "ecological", _("Benefit: ecological")
    SUSTAINABLE = "sustainable", _("Benefit: sustainable impact")
    SATISFACTION = "satisfaction", _("Satisfaction of those served")


LEVEL_ONE: dict[str, str] = {
    Category.QUANTITY: "output",
    Category.QUALITY: "output",
    Category.TIMELINESS: "output",
    Category.COST: "output",
    Category.ECONOMIC: "benefit",
    Category.SOCIAL: "benefit",
    Category.ECOLOGICAL: "benefit",
    Category.SUSTAINABLE: "benefit",
    Category.SATISFACTION: "satisfaction",
}


class Nature(models.TextChoices):
    """指标性质: how the actual value is compared with the target."""

    AT_LEAST = "ge", "≥"
    AT_MOST = "le", "≤"
    EQUAL = "eq", "="
    QUALITATIVE = "qualitative", _("qualitative")


class Basis(models.TextChoices):
    """设定依据 of a target."""

    PLAN = "plan", _("plan standard")
    INDUSTRY = "industry", _("industry standard")
    HISTORY = "history", _("historical standard")
    OTHER = "other", _("other")


class Kind(models.TextChoices):
    EX_ANTE = "ex_ante", _("Ex-ante assessment")
    ANNUAL = "annual", _("Year-end report during construction")
    SELF = "self", _("Self-evaluation")
    POST = "post", _("Post-evaluation by a third party")
    SAMPLED = "sampled", _("Evaluation of a sampled key project")
    COMPREHENSIVE = "comprehensive", _("Comprehensive assessment")


class Subject(models.TextChoices):
    """Whom a comprehensive assessment (Bijie 第三十三条) judges."""

    PROJECT = "project", _("the project")
    USER_UNIT = "user_unit", _("the user unit")
    VENDOR = "vendor", _("the vendor")
    REVIEW_AGENCY = "review_agency", _("the review agency")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")
