"""The catalogue's front through the pages: a unit uploads its census form with monthly usage, the
competent department looks for zombies and sees the unused system proposed with its evidence and
Gaoping 第九条, confirms it and decides its disposition under 四个一批, the unit reports it done;
then the living system's data resource is published and shared and its O&M funding goes from
withheld to fundable (the steps of test_catalogues)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from govit.policy import loader
from govit.systems import xlsx
from govit.systems.detection import months_before
from govit.systems.models import System
from tests.browser.steps import PASSWORD, publish_and_share_data, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHARED = "社会救助管理系统"
ZOMBIE = "婚姻登记预约平台"


def census_row(unit_name, **values):
    cells = dict.fromkeys(xlsx.HEADERS, None)
    cells.update(
        {
            "所属单位": unit_name,
            "部署于政务云": "是",
            "网络": "政务外网",
            "对接政务服务平台": "是",
            "对接大数据平台": "是",
            "年运维费用（元）": 150000,
            "状态": "运行中",
            "共享数据": "是",
            "重复采集数据": "否",
            "纳入数据资源目录": "是",
            "符合网络安全要求": "是",
            "符合密码应用要求": "是",
            "存在重大安全隐患": "否",
        }
    )
    cells.update(values)
    return [cells[header] for header in xlsx.HEADERS]


def census_sheet(path, unit_name, months):
    book = Workbook()
    sheet = book.active
    sheet.title = xlsx.SYSTEMS_SHEET
    sheet.append(xlsx.HEADERS)
    sheet.append(
        census_row(unit_name, 系统编码="XT-MZ-201", 系统名称=SHARED, 系统用途="核对低保对象")
    )
    sheet.append(
        census_row(unit_name, 系统编码="XT-MZ-202", 系统名称=ZOMBIE, 系统用途="网上预约结婚")
    )
    usage = book.create_sheet(xlsx.USAGE_SHEET)
    usage.append(xlsx.USAGE_HEADERS)
    for number, month in enumerate(months):
        usage.append(["XT-MZ-201", month.strftime("%Y-%m"), 300, 1200, 40])
        # Two visits a month at most: under the ceiling (10) of negligible use.
        usage.append(["XT-MZ-202", month.strftime("%Y-%m"), 0, number % 3, 0])
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_a_census_import_leads_to_a_zombie_disposition_and_shared_data(
    live_server,
    page,
    settings,
    monkeypatch,
    tmp_path: Path,
    applicant,
    reviewer,
    other_applicant,
    unit_org,
):
    settings.GOVIT_RULEBOOK = "harbin"
    settings.GOVIT_ZOMBIE_MONTHS = 6
    settings.GOVIT_ZOMBIE_MAX_MONTHLY_VISITS = 10
    harbin = loader.get("harbin")
    monkeypatch.setattr(loader, "active", lambda: harbin)
    for user in (applicant, reviewer, other_applicant):
        user.set_password(PASSWORD)
        user.save()
    today = timezone.localdate()
    months = months_before(today, 6)
    upload = census_sheet(tmp_path / "普查表.xlsx", unit_org.name, months)

    # The unit uploads its census form and sees its rows in the catalogue.
    sign_in(page, live_server, applicant)
    page.goto(f"{live_server.url}/systems/")
    page.get_by_role("link", name="导入xlsx").click()
    page.get_by_label("普查表（xlsx）").set_input_files(str(upload))
    page.get_by_role("button", name="导入", exact=True).click()
    page.wait_for_url(f"{live_server.url}/systems/")
    assert "新增2个系统，更新0个，使用情况12条" in page.get_by_role("alert").first.inner_text()
    table = page.locator("#system-table")
    assert "XT-MZ-201" in table.inner_text()
    assert "XT-MZ-202" in table.inner_text()
    zombie = System.objects.get(code="XT-MZ-202")
    shared = System.objects.get(code="XT-MZ-201")
    page.get_by_role("link", name=ZOMBIE).click()
    page.wait_for_url(re.compile(r"/systems/\d+/$"))
    page.wait_for_load_state()
    assert page.get_by_role("cell", name=months[-1].strftime("%Y-%m")).count() == 1

    # The competent department looks for zombies: only the unused system is proposed, with the
    # months of usage as evidence and the article the proposal rests on.
    sign_in(page, live_server, reviewer)
    page.goto(f"{live_server.url}/systems/proposals/")
    page.get_by_role("button", name="排查僵尸和影子系统").click()
    page.wait_for_load_state()
    assert "新增僵尸系统建议1条、影子系统建议0条" in page.get_by_role("alert").first.inner_text()
    proposals = page.get_by_test_id("proposal")
    assert proposals.count() == 1
    proposal = proposals.first
    text = proposal.inner_text()
    assert "僵尸系统" in text
    assert ZOMBIE in text
    assert SHARED not in text
    assert "以下各月访问量均不超过10次" in text
    evidence = proposal.locator("tbody tr")
    assert evidence.count() == 6
    assert [row.locator("td").first.inner_text() for row in evidence.all()] == [
        month.strftime("%Y-%m") for month in months
    ]
    assert evidence.last.locator("td").nth(2).inner_text() == str((len(months) - 1) % 3)
    basis = page.get_by_test_id("four-batches-basis")
    assert "高平 第九条" in basis.inner_text()
    assert "关闭一批失去功能、目前已经停止运行的僵尸平台" in basis.inner_text()
    assert basis.get_by_role("link").get_attribute("href") == reverse(
        "article-detail", args=["gaoping", 9]
    )
    proposal.get_by_label("备注").fill("连续六个月几乎无人访问")
    proposal.get_by_role("button", name="确认").click()
    page.wait_for_load_state()
    assert "已审定该建议。" in page.get_by_role("alert").first.inner_text()
    assert page.get_by_test_id("proposal").count() == 0
    assert "暂无建议。" in page.locator("main").inner_text()

    # On the system's page it is a zombie; the competent department decides to integrate it
    # into the social assistance system (四个一批), citing the article.
    page.goto(f"{live_server.url}/systems/{zombie.pk}/")
    assert "僵尸系统" in page.locator("h1 ~ .badge").first.inner_text()
    assert "已确认" in page.get_by_role("listitem").filter(has_text="僵尸系统").inner_text()
    decide = page.locator(f"form[action='/systems/{zombie.pk}/dispose/']")
    assert "高平 第九条" in decide.get_by_test_id("four-batches-basis").inner_text()
    due_on = today.replace(year=today.year + 1)
    decide.get_by_label("处置方式").select_option(label="整合")
    # "Due on" carries another app's translation (msgids are shared across catalogues).
    decide.locator("[name=due_on]").fill(due_on.isoformat())
    decide.get_by_label("整合至/承接自").fill(SHARED)
    decide.get_by_role("button", name="决定").click()
    assert "已作出处置决定。" in page.get_by_role("alert").first.inner_text()
    assert f"整合 · {SHARED}" in page.get_by_test_id("disposition").inner_text()
    page.goto(f"{live_server.url}/systems/dispositions/")
    row = page.get_by_role("row").filter(has_text=ZOMBIE)
    assert f"整合 · {SHARED}" in row.inner_text()
    assert due_on.isoformat() in row.inner_text()
    assert "进行中" in row.inner_text()
    assert "0%" in row.inner_text()
    assert "高平 第九条" in page.get_by_test_id("four-batches-basis").inner_text()

    # The unit reports progress and then completion; the decision is tracked to its end and
    # the system leaves the running catalogue.
    sign_in(page, live_server, applicant)
    page.goto(f"{live_server.url}/systems/{zombie.pk}/")
    assert page.locator(f"form[action='/systems/{zombie.pk}/dispose/']").count() == 0
    progress = page.locator("form[action$='/progress/']")
    progress.get_by_label("进度（%）").fill("60")
    progress.get_by_label("备注").fill("数据已迁移")
    progress.get_by_role("button", name="报送进度").click()
    assert "进度已记录。" in page.get_by_role("alert").first.inner_text()
    assert "60%" in page.get_by_role("progressbar").inner_text()
    progress = page.locator("form[action$='/progress/']")
    progress.get_by_label("完成日期").fill(today.isoformat())
    progress.get_by_role("button", name="报送进度").click()
    assert f"已完成 {today.isoformat()}" in page.get_by_test_id("disposition").inner_text()
    assert "已迁移整合" in page.locator("h1 ~ .badge").first.inner_text()
    page.goto(f"{live_server.url}/systems/dispositions/")
    row = page.get_by_role("row").filter(has_text=ZOMBIE)
    assert "100%" in row.inner_text()
    assert "已完成" in row.inner_text()

    # The living system goes on: its data resource is registered and shared, and its O&M
    # funding is withheld until the entry is published, then restored.
    publish_and_share_data(
        page,
        live_server,
        applicant=applicant,
        reviewer=reviewer,
        other_applicant=other_applicant,
        unit_org=unit_org,
        system=shared,
    )
