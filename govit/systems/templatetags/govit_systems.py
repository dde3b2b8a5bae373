"""Template filters of the system catalogue."""

from __future__ import annotations

from decimal import Decimal

from django import template

from govit.core.money import format_wan

register = template.Library()

STATUS_BADGES = {
    "planned": "text-bg-light",
    "building": "text-bg-info",
    "running": "text-bg-success",
    "zombie": "text-bg-danger",
    "shadow": "text-bg-warning",
    "closed": "text-bg-secondary",
    "migrated": "text-bg-secondary",
}
FUNDING_BADGES = {
    "eligible": "text-bg-success",
    "withheld": "text-bg-danger",
    "undetermined": "text-bg-light",
}


@register.filter
def wan(value: Decimal | int | str | None) -> str:
    """Yuan shown in 万元."""
    return format_wan(value)


@register.filter
def status_badge(value: str) -> str:
    return STATUS_BADGES.get(value, "text-bg-light")


@register.filter
def funding_badge(value: str) -> str:
    return FUNDING_BADGES.get(value, "text-bg-light")


@register.filter
def yes_no_unknown(value: bool | None) -> str:
    from django.utils.translation import gettext as _

    if value is None:
        return _("Unknown")
    return _("Yes") if value else _("No")


@register.filter
def progress_class(value: int) -> int:
    """The nearest Bootstrap width class step (25, 50, 75, 100): no inline styles under CSP."""
    return max(25, round(int(value) / 25) * 25) if int(value) else 0


@register.filter
def evaluation_grade(value: str) -> str:
    """An evaluation grade (excellent, good, fair, poor) in the reader's language."""
    from govit.policy.vocabulary import label

    return str(label(value))
