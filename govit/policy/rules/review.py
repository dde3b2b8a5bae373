"""Review: reply deadlines and which projects need a review at city level."""

from __future__ import annotations

from decimal import Decimal

from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.registry import Params, rule
from govit.policy.engine.snapshot import Snapshot
from govit.policy.rules.common import wan


class ReplyDays(Params):
    working_days: int


@rule("review_reply_deadline", ReplyDays, obliges=True)
def review_reply_deadline(s: Snapshot, p: ReplyDays, c: Context) -> None:
    """The review and its reply come within N working days of submission for review."""
    submitted = s.project.review_submitted_on
    if submitted is None:
        return
    due = c.calendar.add_working_days(submitted, p.working_days)
    c.oblige("review_reply", due, s.project.review_replied_on)


class CityReview(Params):
    county_threshold: Decimal  # 及以上: the amount itself included


@rule("city_review_required", CityReview)
def city_review_required(s: Snapshot, p: CityReview, c: Context) -> None:
    """Third-party systems, superior or self-raised money, and large county projects need the
    city big-data department's review of the service plan."""
    project = s.project
    reasons: list[str] = []
    if project.uses_third_party_system:
        reasons.append(_("it uses a third party's information system"))
    if project.funding_sources and {"superior", "self"} & set(project.funding_sources):
        reasons.append(_("it uses superior or self-raised funds"))
    if (
        project.level == "county"
        and project.investment is not None
        and project.investment >= p.county_threshold
    ):
        reasons.append(
            _("a county project budgeted at %(amount)s (%(threshold)s or more)")
            % {"amount": wan(project.investment), "threshold": wan(p.county_threshold)}
        )
    c.decide("city_review_required", bool(reasons))
    if reasons:
        c.info(_("City-level review required: %(why)s.") % {"why": "; ".join(reasons)})
