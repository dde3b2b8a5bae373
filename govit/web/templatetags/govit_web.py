"""Tags of the base template."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

# The flags of the context processor (govit.web.context_processors.govit) that open menus.
NAV_FLAGS = ("NAV_PORTFOLIO", "NAV_PLANS", "NAV_DASHBOARD", "NAV_VENDORS", "NAV_REVIEWS")
_menus: dict[tuple[Any, ...], SafeString] = {}


@register.simple_tag(takes_context=True)
def nav_menu(context: template.Context) -> SafeString:
    """The menu bar, rendered once per language, set of menus and URL prefix: it depends on
    nothing else (about twenty URLs and labels that every page would otherwise render)."""
    flags = {name: bool(context.get(name)) for name in NAV_FLAGS}
    key = (get_language(), get_script_prefix(), *flags.values())
    menu = _menus.get(key)
    if menu is None:
        menu = SafeString(render_to_string("web/partials/nav_menu.html", flags))
        _menus[key] = menu
    return menu
