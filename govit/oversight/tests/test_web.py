"""Oversight pages and API: scoped (404 for another unit), refused roles (403), the stale
list and its tick at the configured number of days."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from govit.core import ticks
from govit.delivery.tests.helpers import approved_project
from govit.orgs.models import Organisation, User
from govit.oversight import guards, services, stale
from govit.oversight.models import StaleFlag
from govit.projects.models import Project


def _send(client: Client, url: str, body: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_project_page_scoped(
    client: Client, reviewer: User, applicant: User, other_applicant: User, unit_org: Organisation
) -> None:
    project = approved_project(unit_org)
    url = reverse("oversight-project", args=[project.pk])
    for user, status in ((reviewer, 200), (applicant, 200), (other_applicant, 404)):
        client.force_login(user)
        assert client.get(url).status_code == status
    client.force_login(applicant)
    assert client.get(reverse("oversight-inspection-new", args=[project.pk])).status_code == 403


def test_inspection_and_order_through_the_api(
    client: Client, reviewer: User, applicant: User, other_applicant: User, unit_org: Organisation
) -> None:
    project = approved_project(unit_org, rulebook="bijie")
    base = f"/api/v1/projects/{project.pk}/oversight"
    client.force_login(applicant)
    refused = _send(client, base + "/inspections", {"inspected_on": "2026-05-01"})
    assert refused.status_code == 403
    client.force_login(other_applicant)
    assert _send(client, base + "/inspections", {"inspected_on": "2026-05-01"}).status_code == 404
    client.force_login(reviewer)
    made = _send(
        client, base + "/inspections", {"inspected_on": "2026-05-01", "offices": ["police"]}
    )
    assert made.status_code == 201
    inspection = made.json()["id"]
    finding = _send(
        client,
        f"{base}/inspections/{inspection}/findings",
        {"kind": "no_domestic_crypto", "description": "未使用国产密码"},
    )
    assert finding.status_code == 201
    assert finding.json()["quote"] == "(七)未按要求部署国产密码进行数据保护的;"
    order = _send(
        client, base + "/orders", {"finding_ids": [finding.json()["id"]], "working_days": 15}
    )
    assert order.status_code == 201
    assert order.json()["article"] == "第三十一条"
    early = _send(
        client, f"/api/v1/oversight/orders/{order.json()['id']}/escalate", {"kind": "suspend_funds"}
    )
    assert early.status_code == 409
    body = client.get(base).json()
    assert len(body["inspections"][0]["findings"]) == 1


def _age(project: Project, days: int) -> None:
    moment = timezone.now() - dt.timedelta(days=days)
    Project.objects.filter(pk=project.pk).update(updated_at=moment)


def test_stale_flags_at_the_configured_days(
    settings: Settings, client: Client, reviewer: User, applicant: User, unit_org: Organisation
) -> None:
    settings.GOVIT_STALE_PROGRESS_DAYS = 30
    old = approved_project(unit_org)
    fresh = approved_project(unit_org)
    done = approved_project(unit_org, state="operation")
    _age(old, 30)
    _age(fresh, 29)
    _age(done, 300)
    assert "oversight.stale_flags" in {job.name for job in ticks.jobs()}
    stale.flags_refresh()
    assert set(StaleFlag.objects.values_list("project_id", flat=True)) == {old.pk}
    client.force_login(reviewer)
    page = client.get(reverse("oversight-stale"))
    assert old.name in page.content.decode()
    client.force_login(applicant)
    assert client.get(reverse("oversight-stale")).status_code == 403
    old.save()  # progress updated
    stale.flags_refresh()
    assert not StaleFlag.objects.exists()


def test_plan_suspension_is_readable_by_the_planning_app(
    reviewer: User, unit_org: Organisation
) -> None:
    project = approved_project(unit_org)
    inspection = services.inspection_open(
        actor=reviewer, project=project, inspected_on=dt.date(2026, 5, 1), offices=[]
    )
    finding = services.finding_add(
        actor=reviewer, inspection=inspection, kind="sharing", description="未共享"
    )
    order = services.order_issue(
        actor=reviewer,
        project=project,
        findings=[finding],
        working_days=1,
        issued_on=timezone.localdate() - dt.timedelta(days=30),
    )
    assert guards.plan_suspended(unit_org.pk) is None
    services.order_escalate(actor=reviewer, order=order, kind="suspend_plan")
    sanction = guards.plan_suspended(unit_org.pk)
    assert sanction is not None
    assert sanction.quote == "暂缓安排政务信息化项目年度实施计划"
    assert guards.payment_guard(project) == []  # the plan, not the project's funds


@pytest.mark.parametrize("name", ["oversight-index", "evaluation-index"])
def test_index_pages_render(client: Client, reviewer: User, name: str) -> None:
    client.force_login(reviewer)
    assert client.get(reverse(name)).status_code == 200


def test_lift_and_stale_through_the_api(
    client: Client, reviewer: User, applicant: User, unit_org: Organisation
) -> None:
    project = approved_project(unit_org)
    inspection = services.inspection_open(
        actor=reviewer, project=project, inspected_on=dt.date(2026, 5, 1), offices=[]
    )
    finding = services.finding_add(
        actor=reviewer, inspection=inspection, kind="sharing", description="未共享"
    )
    order = services.order_issue(
        actor=reviewer,
        project=project,
        findings=[finding],
        working_days=1,
        issued_on=timezone.localdate() - dt.timedelta(days=30),
    )
    sanction = services.order_escalate(actor=reviewer, order=order, kind="criticism")
    client.force_login(reviewer)
    url = f"/api/v1/oversight/sanctions/{sanction.pk}/lift"
    not_yet = _send(client, url, {})
    assert not_yet.status_code == 422  # the order has not passed its re-check
    client.force_login(applicant)
    assert _send(client, url, {}).status_code == 403
    assert client.get("/api/v1/oversight/stale").status_code == 403
    client.force_login(reviewer)
    assert client.get("/api/v1/oversight/stale").json() == []


def test_a_suspended_plan_stops_the_units_new_applications(
    reviewer: User,
    applicant: User,
    other_applicant: User,
    unit_org: Organisation,
    other_unit_org: Organisation,
) -> None:
    from govit.projects.services.lifecycle import check_steps
    from govit.projects.tests.factories import ProjectFactory

    project = approved_project(unit_org)
    draft = ProjectFactory(unit=unit_org, state="draft")
    other = ProjectFactory(unit=other_unit_org, state="draft")

    def blocked(actor: User, target: Project) -> bool:
        return any(
            f.rule == "oversight.suspend_plan"
            for c in check_steps(actor=actor, project=target)
            if c.transition.to == "submitted"
            for f in c.blocking
        )

    assert not blocked(applicant, draft)
    inspection = services.inspection_open(
        actor=reviewer, project=project, inspected_on=dt.date(2026, 5, 1), offices=[]
    )
    finding = services.finding_add(
        actor=reviewer, inspection=inspection, kind="sharing", description="未共享"
    )
    order = services.order_issue(
        actor=reviewer,
        project=project,
        findings=[finding],
        working_days=1,
        issued_on=timezone.localdate() - dt.timedelta(days=30),
    )
    services.order_escalate(actor=reviewer, order=order, kind="suspend_plan")
    assert blocked(applicant, draft)
    assert not blocked(other_applicant, other)  # another unit's applications go on


def test_every_re_baseline_is_on_the_oversight_page(
    client: Client, reviewer: User, unit_org: Organisation, other_unit_org: Organisation
) -> None:
    from govit.delivery.models import Rebaseline

    ours = approved_project(unit_org)
    Rebaseline.objects.create(
        project=ours, number=1, reason="需求调整导致工期顺延", decided_on=dt.date(2026, 6, 1)
    )
    Rebaseline.objects.create(
        project=ours, number=2, reason="设备到货延迟", decided_on=dt.date(2026, 9, 1)
    )
    client.force_login(reviewer)
    body = client.get(reverse("oversight-stale")).content.decode()
    assert "需求调整导致工期顺延" in body
    assert "设备到货延迟" in body
