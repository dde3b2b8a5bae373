"""How the engine's results read on the project pages (labels of decisions and their values)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govit.policy.articles import parse_article_ref
from govit.policy.vocabulary import label, labels

DECISION_LABELS: dict[str, Any] = {
    "approval_route": gettext_lazy("approval route"),
    "change_route": gettext_lazy("route for changes"),
    "city_review_required": gettext_lazy("city-level review required"),
    "design_review": gettext_lazy("design review"),
    "excluded_budget_items": gettext_lazy("budget items outside the regulation"),
    "in_scope": gettext_lazy("within the regulation's scope"),
    "om_funding": gettext_lazy("O&M funding"),
    "supervision_required": gettext_lazy("supervision required"),
    "third_party_acceptance_test": gettext_lazy("third-party acceptance test required"),
}


def decision_label(name: str) -> str:
    return str(DECISION_LABELS.get(name, label(name)))


def decision_value(value: Any) -> str:
    """A decided value in words: yes/no, a label, or labels joined."""
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, list | tuple):
        return labels(str(item) for item in value) or _("none")
    if value is None:
        return "—"
    return label(str(value))


def article_number(article: str) -> int | None:
    """The number of an article label (第八条 → 8), or None when there is none."""
    if not article:
        return None
    try:
        return parse_article_ref(article)
    except (ValueError, TypeError):
        return None


def _display(project: Any, name: str) -> str | None:
    from govit.core.money import format_wan
    from govit.projects.choices import label_of

    value = getattr(project, name)
    if value is None or value == "" or value == []:
        return None
    if name in ("investment", "approved_estimate", "surplus"):
        return format_wan(value)
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if name in ("funding_sources", "features"):
        return "、".join(str(label_of(v)) for v in value)
    if name in ("annual_reports", "drills", "security_tests_on"):
        return "、".join(str(v) for v in value)
    if name in ("kind", "level"):
        return str(label_of(value))
    return str(value)


def fact_sections(project: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """The project's given facts, grouped for its page (facts not given are left out)."""
    from govit.projects.forms import BASIC_FIELDS, FLAG_FIELDS, LATER_FIELDS
    from govit.projects.models.project import LIFECYCLE_FIELDS

    meta = type(project)._meta
    sections = []
    for title, names in (
        (_("The project"), BASIC_FIELDS[1:]),
        (_("Facts the rules check"), FLAG_FIELDS),
        (_("Dates of the steps"), LIFECYCLE_FIELDS),
        (_("Later facts"), LATER_FIELDS),
    ):
        rows = []
        for name in names:
            shown = _display(project, name)
            if shown is not None:
                rows.append((str(meta.get_field(name).verbose_name), shown))
        sections.append((str(title), rows))
    return sections
