"""What each rulebook says about the review stages without experts, kept as data.

The preliminary review's checklist (初审): Kaihua 第七条 names six aspects; Gaoping 第十一条
five; Wuhan 第十一条 and 第十三条 what the plan must hold; Harbin 第四条 (技术性审查) and Bijie
第六条 name the review but no aspects, so they use ``DEFAULT_CHECKLIST``. The third-party
review (第三方评审): Harbin 第十九条 (15 working days), Bijie 第七条 and 第十四条, Wuhan 第十六条
(no period: the competent department sets the date). The decision consultation: Kaihua 第九条.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from govit.reviews.rulebooks import Criterion


@dataclass(frozen=True)
class Subject:
    """What a third-party agency reviews, the article, the period and the report's type."""

    id: str
    label: str | Promise
    article: str
    working_days: int | None
    document_type: str


@dataclass(frozen=True)
class StageRules:
    checklist: tuple[Criterion, ...]
    preliminary_article: str = ""
    subjects: tuple[Subject, ...] = ()
    decision_article: str = ""

    def checklist_data(self) -> list[dict[str, str]]:
        return [
            {
                "id": cid,
                "label": str(label),
                "article": article,
                "verdict": "pending",
                "comment": "",
            }
            for cid, label, article in self.checklist
        ]

    def subject(self, subject_id: str) -> Subject | None:
        return next((s for s in self.subjects if s.id == subject_id), None)


DEFAULT_CHECKLIST: tuple[Criterion, ...] = (
    ("complete", _("Application materials complete"), ""),
    ("necessity", _("Necessity"), ""),
    ("budget", _("Investment budget"), ""),
    ("sharing", _("Data sharing"), ""),
    ("security", _("Security and cryptography"), ""),
)

GENERIC_SUBJECT = Subject("application", _("Application plan"), "", None, "assessment_report")

DEFAULT = StageRules(checklist=DEFAULT_CHECKLIST, subjects=(GENERIC_SUBJECT,))

RULES: dict[str, StageRules] = {
    "kaihua": StageRules(
        checklist=(
            ("budget", _("Investment budget"), "7"),
            ("resources", _("Resource integration"), "7"),
            ("coordination", _("Departmental coordination"), "7"),
            ("sharing", _("Data sharing"), "7"),
            ("security", _("Security level"), "7"),
            ("efficiency", _("Efficiency comparison"), "7"),
        ),
        preliminary_article="7",
        subjects=(GENERIC_SUBJECT,),
        decision_article="9",
    ),
    "gaoping": StageRules(
        checklist=(
            ("need", _("Reasonable need"), "11"),
            ("intensive", _("Intensive construction"), "11"),
            ("feasible", _("Feasible plan"), "11"),
            ("budget", _("Reasonable budget"), "11"),
            ("targets", _("Reasonable performance targets"), "11"),
        ),
        preliminary_article="11",
        subjects=(GENERIC_SUBJECT,),
    ),
    "wuhan": StageRules(
        checklist=(
            ("content", _("Construction content fits the business need"), "11"),
            ("architecture", _("Overall architecture fits the business need"), "11"),
            ("investment", _("Investment scale fits the business need"), "11"),
            ("sharing_chapter", _("Information-sharing chapter included"), "13"),
            ("crypto_plan", _("Cryptography plan included"), "13"),
        ),
        preliminary_article="7",
        subjects=(Subject("application", _("Application plan"), "16", None, "assessment_report"),),
    ),
    "harbin": StageRules(
        checklist=DEFAULT_CHECKLIST,
        preliminary_article="4",
        subjects=(
            Subject("preliminary_design", _("Preliminary design"), "19", 15, "assessment_report"),
        ),
    ),
    "bijie": StageRules(
        checklist=DEFAULT_CHECKLIST,
        preliminary_article="6",
        subjects=(
            Subject("demand_plan", _("Demand plan"), "7", None, "assessment_report"),
            Subject(
                "service_plan",
                _("Service plan and tender control price"),
                "14",
                None,
                "control_price_review",
            ),
        ),
    ),
}


def for_rulebook(rulebook: str) -> StageRules:
    return RULES.get(rulebook, DEFAULT)
