"""Who may read and upload documents: the rights follow the project's (see projects.policies)."""

from __future__ import annotations

from typing import Any

import rules

from govit.core.permissions import predicate
from govit.orgs.models import User
from govit.projects import policies as project_policies


@predicate
def document_view(user: User, document: Any) -> bool:
    """Whoever may see the project may read its documents and download their files."""
    return bool(document is not None and project_policies.project_view(user, document.project))


@predicate
def document_upload(user: User, project: Any) -> bool:
    """Upload a new document to ``project``."""
    return bool(project_policies.document_upload(user, project))


@predicate
def document_version_add(user: User, document: Any) -> bool:
    """Upload a new version of ``document``."""
    return bool(document is not None and project_policies.document_upload(user, document.project))


document_update = document_version_add

rules.add_perm("documents.view_document", document_view)
rules.add_perm("documents.add_version", document_version_add)
