"""What each rulebook says about reviews: criteria, periods and sign-off, kept as data.

Kaihua 第七条 lists what the review weighs; Kaihua 第八条 has the 大数据中心, 发改局 and 财政局
review jointly; Harbin 第十九条 gives the preliminary-design review 15 working days. A
rulebook without its own entry uses ``DEFAULT``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from govit.orgs.choices import Role
from govit.reviews.choices import ReviewKind, SignOffMode

Criterion = tuple[str, str | Promise, str]  # (id, label, article)


@dataclass(frozen=True)
class ReviewRules:
    """One rulebook's review settings."""

    criteria: tuple[Criterion, ...]
    due_working_days: dict[str, int] = field(default_factory=dict)
    due_article: dict[str, str] = field(default_factory=dict)
    signoff_roles: tuple[str, ...] = ()
    signoff_mode: str = SignOffMode.ALL
    signoff_article: str = ""

    def criteria_data(self) -> list[dict[str, str]]:
        return [
            {"id": cid, "label": str(label), "article": article}
            for cid, label, article in self.criteria
        ]


DEFAULT_CRITERIA: tuple[Criterion, ...] = (
    ("necessity", _("Necessity"), ""),
    ("technical", _("Technical solution"), ""),
    ("budget", _("Investment budget"), ""),
    ("security", _("Security and cryptography"), ""),
    ("sharing", _("Data sharing"), ""),
)

# Without a period in the rulebook, the competent department sets the due date itself.
DEFAULT = ReviewRules(criteria=DEFAULT_CRITERIA)

RULES: dict[str, ReviewRules] = {
    "kaihua": ReviewRules(
        criteria=(
            ("budget", _("Investment budget"), "7"),
            ("resources", _("Resource integration"), "7"),
            ("coordination", _("Departmental coordination"), "7"),
            ("sharing", _("Data sharing"), "7"),
            ("security", _("Security level"), "7"),
            ("efficiency", _("Efficiency comparison"), "7"),
        ),
        signoff_roles=(Role.DATACENTER, Role.DRC, Role.FINANCE),
        signoff_mode=SignOffMode.ALL,
        signoff_article="8",
    ),
    "harbin": ReviewRules(
        criteria=DEFAULT_CRITERIA,
        # 第十九条: the third-party review of the preliminary design, 15 working days.
        due_working_days={ReviewKind.THIRD_PARTY: 15, ReviewKind.PRELIMINARY: 15},
        due_article={ReviewKind.THIRD_PARTY: "19", ReviewKind.PRELIMINARY: "19"},
    ),
}


def for_rulebook(rulebook: str) -> ReviewRules:
    """The review settings of ``rulebook`` (the default when it has none of its own)."""
    return RULES.get(rulebook, DEFAULT)
