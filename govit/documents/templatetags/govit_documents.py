"""``{% document_panel project %}``: a project's documents on its page, without the project app
importing this one (documents depend on projects, not the other way round)."""

from __future__ import annotations

from typing import Any

from django import template

from govit.documents import panel
from govit.projects.models import Project

register = template.Library()


@register.inclusion_tag("documents/partials/panel.html", takes_context=True)
def document_panel(context: dict[str, Any], project: Project) -> dict[str, Any]:
    request = context["request"]
    return {
        **panel.context(request, project),
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
