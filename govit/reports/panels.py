"""Dashboard figures from the later apps: evaluation grades, the data-resource catalogue, and
schedule and cost variance of the milestones. Each is one aggregate query."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db import models
from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.orgs.models import User
from govit.projects.models import Project
from govit.projects.selectors import of_projects
from govit.reports.selectors import Bar, PortfolioFilter


def grades(actor: User, projects: models.QuerySet[Project]) -> list[Bar]:
    """Evaluations of the filtered projects by grade (优/良/中/差)."""
    from govit.evaluation.choices import Grade
    from govit.evaluation.selectors import visible_evaluations

    counts = dict(
        visible_evaluations(actor)
        .filter(of_projects(projects))
        .exclude(grade="")
        .order_by()
        .values("grade")
        .annotate(n=Count("pk"))
        .values_list("grade", "n")
    )
    url = reverse("evaluation-index")
    return [Bar(g.value, str(g.label), counts.get(g.value, 0), url) for g in Grade]


def data_resources(actor: User, filters: PortfolioFilter) -> list[Bar]:
    """Published entries; those shared (unconditionally or on conditions) and those open."""
    from govit.data_resources.choices import OpenType, ResourceStatus, SharingType
    from govit.data_resources.selectors import resource_list

    query: dict[str, Any] = {"unit": filters.unit_id} if filters.unit_id else {}
    entries = resource_list(actor=actor, filters=query).filter(status=ResourceStatus.PUBLISHED)
    counts = entries.order_by().aggregate(
        published=Count("pk"),
        shared=Count("pk", filter=~Q(sharing_type=SharingType.NONE)),
        open=Count("pk", filter=~Q(open_type=OpenType.NONE)),
    )
    suffix = "?" + urlencode(query) if query else ""
    return [
        Bar(
            "published",
            _("Published"),
            counts["published"],
            reverse("data-resource-list") + "?" + urlencode({**query, "status": "published"}),
        ),
        Bar(
            "shared",
            _("In the sharing catalogue"),
            counts["shared"],
            reverse("data-sharing-catalogue") + suffix,
        ),
        Bar(
            "open",
            _("In the open catalogue"),
            counts["open"],
            reverse("data-open-catalogue") + suffix,
        ),
    ]


def schedule(projects: models.QuerySet[Project]) -> list[Bar]:
    """Milestones late against their baseline (done late, or not done and past due) and the
    cost variance of the milestones done (actual − planned, yuan; positive is over budget)."""
    from govit.delivery.models import Milestone

    today = timezone.localdate()
    figures = (
        Milestone.objects.filter(of_projects(projects))
        .order_by()
        .aggregate(
            total=Count("pk"),
            late_done=Count("pk", filter=Q(actual_on__gt=F("baseline_due"))),
            late_open=Count("pk", filter=Q(actual_on__isnull=True, baseline_due__lt=today)),
            planned=Sum("planned_cost", filter=Q(actual_cost__isnull=False)),
            actual=Sum("actual_cost"),
        )
    )
    url = reverse("delivery-index")
    variance = (figures["actual"] or Decimal(0)) - (figures["planned"] or Decimal(0))
    return [
        Bar("milestones", _("Milestones"), figures["total"], url),
        Bar("late_done", _("Reached late"), figures["late_done"], url),
        Bar("late_open", _("Past due, not reached"), figures["late_open"], url),
        Bar("cost_variance", _("Cost variance (yuan)"), variance, url),
    ]
