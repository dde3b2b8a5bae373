"""Links other apps add to a project's page (delivery, reviews ...), so that ``projects`` does
not depend on them: each app registers a provider in its ``AppConfig.ready``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from govit.core.actions import NextAction

if TYPE_CHECKING:
    from govit.orgs.models import User
    from govit.projects.models import Project

LinkProvider = Callable[["User", "Project"], Iterable[NextAction]]
_providers: list[LinkProvider] = []


def register(provider: LinkProvider) -> LinkProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def for_project(user: User, project: Project) -> list[NextAction]:
    """Every registered provider's links for this user and project, in priority order."""
    links = [link for provider in _providers for link in provider(user, project)]
    return sorted(links, key=lambda link: (link.priority, link.label))
