"""The policy app's contribution to the home page."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from govit.core.actions import NextAction
from govit.orgs.models import User
from govit.policy import loader


def next_actions(user: User) -> Iterator[NextAction]:
    rulebook = loader.active()
    yield NextAction(
        label=_("Read %(title)s") % {"title": rulebook.spec.title},
        url=reverse("regulation-detail", args=[rulebook.id]),
        detail=_("The regulation this deployment follows, article by article."),
        count=len(rulebook.regulation.articles),
        priority=60,
    )
