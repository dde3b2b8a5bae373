"""Template context every page needs: the deployment's rulebook."""

from __future__ import annotations

import rules
from django.http import HttpRequest

from govit.policy import loader


def govit(request: HttpRequest) -> dict[str, object]:
    """The rulebook, and which menus the user's roles open: the oversight roles see every
    menu; project units all but the annual plans; the assigned roles (experts, agencies,
    vendors, supervisors) only what they are assigned to."""
    from govit.orgs.choices import Role

    user = getattr(request, "user", None)
    oversees = bool(user is not None and user.is_authenticated and user.oversees_all)
    unit = bool(user is not None and user.is_authenticated and user.has_role(Role.UNIT))
    vendors = bool(
        user is not None
        and user.is_authenticated
        and user.has_role(Role.COMPETENT, Role.FINANCE, Role.AUDIT, Role.GOVERNMENT)
    )
    return {
        "GOVIT_RULEBOOK": loader.active(),
        "NAV_PORTFOLIO": oversees or unit,
        "NAV_PLANS": oversees,
        # The same predicate the dashboard view checks (not has_perm: that also asks Django's
        # model backend, two queries on every page).
        "NAV_DASHBOARD": oversees or unit,
        # The vendors' view (reports.policies.vendor_list).
        "NAV_VENDORS": vendors,
        # The review list (reviews.policies.review_list).
        "NAV_REVIEWS": bool(
            user is not None
            and user.is_authenticated
            and rules.test_rule("reviews.can_list_reviews", user)
        ),
    }
