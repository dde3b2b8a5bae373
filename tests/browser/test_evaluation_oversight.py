"""Through the pages: a self-evaluation scored and graded; an inspection finding; a
rectification order escalated to suspension, which then refuses a payment with its article."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from govit.delivery import services as delivery
from govit.evaluation import services as evaluation
from govit.evaluation.tests.helpers import ROWS
from govit.orgs.models import User
from govit.oversight.models import RectificationOrder
from govit.projects.models import Project
from govit.projects.tests.factories import ProjectFactory
from tests.browser.test_project_lifecycle import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _setup() -> tuple[Project, Project]:
    call_command("demo", "load")
    clerk = User.objects.get(username="unit")
    unit = clerk.memberships.get(role="unit").organisation
    running: Project = ProjectFactory(
        unit=unit,
        rulebook="wuhan",
        state="operation",
        name="浏览器绩效项目",
        accepted_on=timezone.localdate() - dt.timedelta(days=500),
        operation_started_on=timezone.localdate() - dt.timedelta(days=400),
    )
    evaluation.targets_set(actor=clerk, project=running, rows=ROWS)
    building: Project = ProjectFactory(
        unit=unit,
        rulebook="wuhan",
        state="construction",
        name="浏览器监督项目",
        approved_on=dt.date(2026, 3, 2),
    )
    delivery.approval_record(
        actor=clerk,
        project=building,
        approving_body="市数据局",
        document_number="武数〔2026〕1号",
        approved_on=dt.date(2026, 3, 2),
        approved_amount=Decimal(1_000_000),
    )
    return running, building


def test_self_evaluation_inspection_escalation_and_a_refused_payment(
    live_server, browser, settings
):
    settings.GOVIT_RULEBOOK = "wuhan"
    translation.activate("zh-hans")
    running, building = _setup()
    base = live_server.url

    unit = sign_in(browser, base, "unit")
    unit.goto(f"{base}/evaluation/projects/{running.pk}/")
    unit.get_by_test_id("self-evaluate").click()
    for target in running.performance_targets.all():
        if target.nature == "qualitative":
            unit.locator(f"#id_score_{target.pk}").fill("24")
            unit.locator(f"#id_deviation_reason_{target.pk}").fill("宣传不足")
        else:
            unit.locator(f"#id_actual_value_{target.pk}").fill(str(target.target_value))
    unit.get_by_role("button", name="保存").click()
    unit.wait_for_url(f"{base}/evaluation/projects/{running.pk}/")
    row = unit.get_by_test_id("project-evaluations")
    assert "94" in row.inner_text()
    assert "优" in row.inner_text()

    competent = sign_in(browser, base, "competent")
    competent.goto(f"{base}/oversight/projects/{building.pk}/")
    competent.get_by_role("link", name="登记检查").click()
    competent.locator("#id_offices_0").check()
    competent.get_by_role("button", name="保存").click()
    competent.get_by_role("link", name="登记问题").click()
    competent.locator("#id_kind").select_option("violation")
    competent.locator("#id_description").fill("未按批复内容建设")
    competent.get_by_role("button", name="保存").click()
    assert "第二十五条" in competent.get_by_test_id("finding").inner_text()
    competent.get_by_role("link", name="整改通知").first.click()
    competent.locator("#id_findings_0").check()
    competent.locator("#id_working_days").fill("5")
    # The order is stored once the page it answers with has loaded (before that, the update
    # below could find no order, and the reload would race the navigation).
    with competent.expect_navigation():
        competent.get_by_role("button", name="保存").click()
    # The deadline passes without a report.
    RectificationOrder.objects.filter(project=building).update(
        issued_on=dt.date(2026, 1, 5), due_on=dt.date(2026, 1, 12)
    )
    competent.reload()
    competent.get_by_role("link", name="升级处理").click()
    competent.locator("#id_kind").select_option("suspend_project")
    competent.get_by_role("button", name="保存").click()
    assert "暂停项目建设" in competent.get_by_test_id("sanctions").inner_text()

    finance = sign_in(browser, base, "finance")
    finance.goto(f"{base}/projects/{building.pk}/delivery/payments/new/")
    finance.locator("#id_kind").select_option("progress")
    finance.locator("#id_milestone").fill("初验")
    finance.locator("#id_amount").fill("1000")
    finance.locator("#id_paid_on").fill("2026-06-01")
    finance.locator("#id_treasury_reference").fill("GK-1")
    finance.get_by_role("button", name="保存").click()
    refusal = finance.get_by_test_id("refusal").inner_text()
    assert "第二十五条" in refusal
    assert "暂停项目建设" in refusal
