"""``{% document_panel project %}``: a project's documents on its page, without the project app
importing this one (documents depend on projects, not the other way round)."""

from __future__ import annotations

from typing import Any

from django import template

from govit.documents import policies, selectors
from govit.documents.forms import DocumentForm
from govit.projects.models import Project

register = template.Library()


@register.inclusion_tag("documents/partials/panel.html", takes_context=True)
def document_panel(context: dict[str, Any], project: Project) -> dict[str, Any]:
    actor = context["request"].user
    return {
        "project": project,
        "documents": selectors.project_documents(actor=actor, project=project),
        "form": DocumentForm(),
        "can_upload": policies.document_upload(actor, project),
        "csrf_token": context.get("csrf_token"),
        "request": context["request"],
    }
