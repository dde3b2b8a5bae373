"""The data-resource catalogue's contribution to the home page."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core.actions import NextAction, serves
from govit.data_resources import policies, selectors
from govit.orgs.choices import OVERSIGHT_ROLES, Role
from govit.orgs.models import User


@serves(*OVERSIGHT_ROLES, Role.UNIT)  # oversees_all | is_unit
def next_actions(user: User) -> Iterator[NextAction]:
    if not policies.catalogue_read(user):
        return
    yield NextAction(
        label=_("Data-resource catalogue"),
        url=reverse("data-resource-list"),
        detail=_("Data resources, the sharing and open catalogues, and sharing requests."),
        count=None,
        priority=45,
    )
    if policies.is_competent(user):
        queue = selectors.review_queue(actor=user).count()
        if queue:
            yield NextAction(
                label=_("Review data-resource entries"),
                url=reverse("data-resource-list") + "?status=submitted",
                detail=_("Entries submitted for review or approved for publication."),
                count=queue,
                priority=25,
            )
    overdue = selectors.overdue_requests(actor=user, today=timezone.localdate()).count()
    if overdue:
        yield NextAction(
            label=_("Overdue sharing requests"),
            url=reverse("sharing-request-list") + "?overdue=1",
            detail=_("Sharing requests past their answer deadline."),
            count=overdue,
            priority=15,
        )
