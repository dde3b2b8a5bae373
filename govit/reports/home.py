"""The reports app's links on a project's page: the application summary to print."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from govit.core.actions import NextAction
from govit.orgs.models import User
from govit.projects.models import Project


def project_links(user: User, project: Project) -> Iterator[NextAction]:
    # The page is shown only to those who may read the project: they may print it too.
    yield NextAction(
        label=_("Application form (PDF)"),
        url=reverse("project-print", args=[project.pk, "pdf"]),
        priority=90,
    )
    yield NextAction(
        label=_("Application form (Word)"),
        url=reverse("project-print", args=[project.pk, "docx"]),
        priority=91,
    )
