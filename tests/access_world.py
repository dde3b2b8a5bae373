"""The objects of the later apps the access matrix acts on, all of the applicant's unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from govit.orgs.models import User
from govit.projects.models import Project
from govit.systems.models import System


class LaterApps:
    """A cycle with an application, a library entry, an annual plan, a review, a data resource
    with a sharing request and an open deadline, all for the project's unit."""

    def __init__(self, project: Project) -> None:
        from govit.data_resources.tests.factories import DataResourceFactory
        from govit.planning.services_plans import plan_create
        from govit.planning.tests.cycles_helpers import make_application, make_cycle
        from govit.planning.tests.plans_helpers import admit, reviewed
        from govit.projects.models import TrackedObligation
        from govit.reviews import services as reviews
        from govit.reviews.tests.factories import make_expert

        reviewer = User.objects.get(username="reviewer")
        unit = project.unit
        self.cycle = make_cycle()
        self.application = make_application(self.cycle, unit=unit)
        self.entry = admit(reviewer, reviewed(unit))
        self.plan = plan_create(actor=reviewer, year=2027)
        self.expert = make_expert(["data"])
        self.review = reviews.review_create(
            actor=reviewer,
            project=project,
            kind="joint",
            review_on=timezone.localdate() + dt.timedelta(days=10),
            specialty_mix={"data": 1},
        )
        self.resource = DataResourceFactory(unit=unit)
        self.obligation = TrackedObligation.objects.create(
            project=project,
            rule="matrix",
            kind="matrix",
            due=timezone.localdate() + dt.timedelta(days=5),
            status="pending",
            article="第一条",
            checked_on=timezone.localdate(),
        )


class Scene(Protocol):
    """What the operations below need of the matrix's world."""

    @property
    def project(self) -> Project: ...

    @property
    def system(self) -> System: ...

    @property
    def later(self) -> LaterApps: ...


Operation = Callable[[Client, Scene], Any]


def _sees(key: str) -> Callable[[Any], bool]:
    """A list answer (API items or page text) that contains ``key``."""
    return lambda r: key in r.content.decode()


def _listed(pk: int) -> Callable[[Any], bool]:
    def check(r: Any) -> bool:
        body = r.json()
        items = body["items"] if isinstance(body, dict) else body
        return any(i["id"] == pk for i in items)

    return check


def _pending_docking(w: Scene) -> int:
    """A docking record the applicant entered for the scene's system, awaiting confirmation."""
    from govit.systems.models import DockingRecord

    record = DockingRecord.objects.create(
        system=w.system,
        platform="service_platform",
        docked_on=dt.date(2026, 1, 5),
        method="api",
        recorded_by=User.objects.get(username="applicant"),
    )
    return record.pk


# Docking records of the scene's system (no later-app objects needed).
DOCKING: dict[tuple[str, str, str], Operation] = {
    ("docking", "list", "api"): lambda c, w: c.get(f"/api/v1/systems/{w.system.pk}/docking"),
    ("docking", "create", "api"): lambda c, w: c.post(
        f"/api/v1/systems/{w.system.pk}/docking",
        data={"platform": "service_platform", "docked_on": "2026-01-05", "method": "api"},
        content_type="application/json",
    ),
    ("docking", "create", "page"): lambda c, w: c.get(
        reverse("system-docking-create", args=[w.system.pk])
    ),
    ("docking", "action:confirm", "api"): lambda c, w: c.post(
        f"/api/v1/systems/docking/{_pending_docking(w)}/confirm"
    ),
}


def _pid(w: Scene) -> int:
    return w.project.pk


LATER: dict[tuple[str, str, str], Operation] = {
    ("cycle", "list", "api"): lambda c, w: (
        c.get("/api/v1/planning/cycles"),
        _listed(w.later.cycle.pk),
    ),
    ("cycle", "read", "api"): lambda c, w: c.get(f"/api/v1/planning/cycles/{w.later.cycle.pk}"),
    ("cycle", "read", "page"): lambda c, w: c.get(
        reverse("planning-cycle-detail", args=[w.later.cycle.pk])
    ),
    ("cycle", "create", "page"): lambda c, w: c.get(reverse("planning-cycle-new")),
    ("application", "read", "page"): lambda c, w: c.get(
        reverse("planning-application-detail", args=[w.later.application.pk])
    ),
    ("application", "create", "page"): lambda c, w: c.get(
        reverse("planning-application-new", args=[w.later.cycle.pk])
    ),
    ("library", "list", "api"): lambda c, w: (
        c.get("/api/v1/planning/library"),
        _listed(w.later.entry.pk),
    ),
    ("library", "read", "api"): lambda c, w: c.get(f"/api/v1/planning/library/{w.later.entry.pk}"),
    ("library", "action:admit", "page"): lambda c, w: c.get(reverse("planning-library-admit")),
    ("plan", "list", "api"): lambda c, w: (
        c.get("/api/v1/planning/plans"),
        _listed(w.later.plan.pk),
    ),
    ("plan", "read", "api"): lambda c, w: c.get(f"/api/v1/planning/plans/{w.later.plan.pk}"),
    ("plan", "create", "page"): lambda c, w: c.get(reverse("planning-plan-create")),
    ("review", "list", "api"): lambda c, w: (c.get("/api/v1/reviews"), _listed(w.later.review.pk)),
    ("review", "list", "page"): lambda c, w: c.get(reverse("review-list")),
    ("review", "read", "api"): lambda c, w: c.get(f"/api/v1/reviews/{w.later.review.pk}"),
    ("review", "read", "page"): lambda c, w: c.get(
        reverse("review-detail", args=[w.later.review.pk])
    ),
    ("review", "create", "page"): lambda c, w: c.get(reverse("review-create", args=[_pid(w)])),
    ("review", "list:tasks", "page"): lambda c, w: c.get(reverse("review-tasks")),
    ("expert", "list", "api"): lambda c, w: c.get("/api/v1/experts"),
    ("expert", "read", "api"): lambda c, w: c.get(f"/api/v1/experts/{w.later.expert.pk}"),
    ("delivery", "read", "api"): lambda c, w: c.get(f"/api/v1/projects/{_pid(w)}/delivery"),
    ("delivery", "read", "page"): lambda c, w: c.get(reverse("delivery-detail", args=[_pid(w)])),
    ("delivery", "update:approval", "page"): lambda c, w: c.get(
        reverse("delivery-approval", args=[_pid(w)])
    ),
    ("delivery", "create:payment", "page"): lambda c, w: c.get(
        reverse("delivery-payment-new", args=[_pid(w)])
    ),
    ("delivery", "create:pay-request", "page"): lambda c, w: c.get(
        reverse("delivery-payment-request-new", args=[_pid(w)])
    ),
    ("delivery", "create:contract", "page"): lambda c, w: c.get(
        reverse("delivery-contract-new", args=[_pid(w)])
    ),
    ("delivery", "create:procurement", "page"): lambda c, w: c.get(
        reverse("delivery-procurement-new", args=[_pid(w)])
    ),
    ("delivery", "create:change", "page"): lambda c, w: c.get(
        reverse("delivery-change-new", args=[_pid(w)])
    ),
    ("acceptance", "read", "api"): lambda c, w: c.get(f"/api/v1/projects/{_pid(w)}/acceptance"),
    ("acceptance", "read", "page"): lambda c, w: c.get(
        reverse("acceptance-detail", args=[_pid(w)])
    ),
    ("acceptance", "action:meeting", "page"): lambda c, w: c.get(
        reverse("acceptance-meeting", args=[_pid(w)])
    ),
    ("data", "list", "api"): lambda c, w: (
        c.get("/api/v1/data-resources"),
        _listed(w.later.resource.pk),
    ),
    ("data", "read", "api"): lambda c, w: c.get(f"/api/v1/data-resources/{w.later.resource.pk}"),
    ("data", "read", "page"): lambda c, w: c.get(
        reverse("data-resource-detail", args=[w.later.resource.pk])
    ),
    ("data", "create", "page"): lambda c, w: c.get(reverse("data-resource-create")),
    ("sharing", "list", "api"): lambda c, w: c.get("/api/v1/sharing-requests"),
    ("sharing", "create", "page"): lambda c, w: c.post(
        reverse("data-resource-request", args=[w.later.resource.pk])
    ),
    ("security", "read", "api"): lambda c, w: c.get(f"/api/v1/security/systems/{w.system.pk}"),
    ("security", "read", "page"): lambda c, w: c.get(
        reverse("security-system", args=[w.system.pk])
    ),
    ("security", "create:incident", "page"): lambda c, w: c.post(
        reverse("security-add", args=[w.system.pk, "incident"])
    ),
    ("security", "list:overdue", "api"): lambda c, w: c.get("/api/v1/security/overdue"),
    ("evaluation", "read", "api"): lambda c, w: c.get(f"/api/v1/projects/{_pid(w)}/evaluation"),
    ("evaluation", "read", "page"): lambda c, w: c.get(
        reverse("evaluation-project", args=[_pid(w)])
    ),
    ("evaluation", "update:targets", "page"): lambda c, w: c.get(
        reverse("evaluation-targets", args=[_pid(w)])
    ),
    ("oversight", "read", "api"): lambda c, w: c.get(f"/api/v1/projects/{_pid(w)}/oversight"),
    ("oversight", "read", "page"): lambda c, w: c.get(reverse("oversight-project", args=[_pid(w)])),
    ("oversight", "create:inspection", "page"): lambda c, w: c.get(
        reverse("oversight-inspection-new", args=[_pid(w)])
    ),
    ("oversight", "create:order", "page"): lambda c, w: c.get(
        reverse("oversight-order-new", args=[_pid(w)])
    ),
    ("reports", "read:dashboard", "page"): lambda c, w: c.get(reverse("dashboard")),
    ("reports", "read:finance", "page"): lambda c, w: c.get(reverse("finance-view")),
    ("reports", "read:opendata", "api"): lambda c, w: c.get("/api/v1/reports/opendata"),
    ("reports", "action:export-xlsx", "page"): lambda c, w: c.get(reverse("report-projects-xlsx")),
    ("reports", "read:vendors", "page"): lambda c, w: c.get(reverse("report-vendors")),
    ("reports", "read:vendors", "api"): lambda c, w: c.get("/api/v1/reports/vendors"),
    ("reports", "action:vendors-xlsx", "page"): lambda c, w: c.get(reverse("report-vendors-xlsx")),
    ("deadline", "list", "api"): lambda c, w: (
        c.get("/api/v1/deadlines"),
        _listed(w.later.obligation.pk),
    ),
    ("deadline", "list", "page"): lambda c, w: (
        c.get(reverse("deadline-list")),
        _sees(reverse("project-detail", args=[w.later.obligation.project_id])),
    ),
}
