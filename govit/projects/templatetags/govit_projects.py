"""Template filters and tags of the project pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html

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


@register.simple_tag(takes_context=True)
def article_link(context: template.Context, article: str) -> str:
    """A link that opens ``article`` of the page's ``rulebook`` in the article panel, or
    nothing when ``article`` names no article number. A tag rather than an included template:
    the project page prints one per finding, decision and obligation (issue #9)."""
    number = presentation.article_number(article)
    if not number:
        return ""
    url = reverse("article-detail", args=[context["rulebook"].id, number])
    return format_html(
        '<a class="article-link" href="{}" hx-get="{}" hx-target="#article-panel" '
        'hx-swap="innerHTML" data-testid="article-link">{}</a>',
        url,
        url,
        article,
    )


@register.filter
def decision_label(name: str) -> str:
    return presentation.decision_label(name)


@register.filter
def decision_value(value: Any) -> str:
    return presentation.decision_value(value)
