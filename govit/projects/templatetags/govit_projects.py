"""Template filters of the project pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from govit.core.money import format_wan
from govit.projects import presentation
from govit.projects.choices import label_of

register = template.Library()


@register.filter
def wan(value: Decimal | None) -> str:
    """Yuan shown as 万元."""
    return format_wan(value)


@register.filter
def vocab(value: str | None) -> str:
    """The label of a vocabulary value (a state, a document type, a feature …)."""
    return str(label_of(value)) if value else "—"


@register.filter
def vocab_list(values: list[str] | None) -> str:
    if values is None:
        return "—"
    return "、".join(str(label_of(v)) for v in values) or "∅"


@register.filter
def article_number(article: str) -> int | None:
    return presentation.article_number(article)


@register.filter
def decision_label(name: str) -> str:
    return presentation.decision_label(name)


@register.filter
def decision_value(value: Any) -> str:
    return presentation.decision_value(value)
