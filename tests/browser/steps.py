"""Steps the browser tests share: signing in, and the data-resource catalogue's chain (a unit
compiles an entry for its system, the competent department publishes it and the system's O&M
funding goes from withheld to fundable, another unit requests the data, the competent department
checks and the provider grants)."""

from __future__ import annotations

from typing import Any

PASSWORD = "catalogue-browser-test-1"


def sign_in(page: Any, live_server: Any, user: Any) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def publish_and_share_data(
    page: Any,
    live_server: Any,
    *,
    applicant: Any,
    reviewer: Any,
    other_applicant: Any,
    unit_org: Any,
    system: Any,
) -> None:
    sign_in(page, live_server, applicant)
    page.goto(f"{live_server.url}/data-resources/new/")
    page.get_by_label("信息资源分类").fill("201003")
    page.get_by_label("信息资源名称").fill("低保对象信息")
    page.get_by_label("信息资源代码").fill("201003/0001")
    page.get_by_label("信息资源提供方").select_option(label=unit_org.name)
    page.get_by_label("信息资源摘要").fill("城乡低保对象的基本信息")
    page.get_by_label("信息资源格式").select_option("database")
    page.get_by_label("共享类型").select_option("conditional")
    page.get_by_label("共享条件").fill("用于社会救助核对")
    page.get_by_label("共享方式").select_option("interface")
    page.get_by_label("开放类型").select_option("none")
    page.get_by_label("更新周期").select_option("daily")
    page.get_by_label("来源信息系统").select_option(str(system.pk))
    page.get_by_label("数据责任人").fill("社会救助科")
    page.get_by_label("数据已上架共享平台").check()
    page.get_by_label("信息项").fill("姓名,C,50,general-2\n公民身份号码,C,18,important")
    page.get_by_role("button", name="保存").click()
    assert page.get_by_test_id("grade").inner_text() == "重要数据"
    page.get_by_role("button", name="提交审核").click()
    assert page.get_by_test_id("status").inner_text() == "已提交审核"
    entry_url = page.url

    page.goto(f"{live_server.url}/systems/{system.pk}/")
    assert "不予安排" in page.get_by_test_id("om-funding").inner_text()

    sign_in(page, live_server, reviewer)
    page.goto(entry_url)
    page.get_by_role("button", name="审核通过").click()
    page.get_by_role("button", name="发布").click()
    assert page.get_by_test_id("status").inner_text() == "已发布"
    page.goto(f"{live_server.url}/systems/{system.pk}/")
    assert "可安排" in page.get_by_test_id("om-funding").inner_text()

    sign_in(page, live_server, other_applicant)
    page.goto(f"{live_server.url}/data-resources/sharing/")
    page.get_by_role("link", name="低保对象信息").click()
    page.get_by_label("用途及依据").fill("教育救助对象核对")
    page.get_by_role("button", name="提交申请").click()
    request_url = page.url
    assert page.get_by_test_id("status").inner_text() == "待主管部门审查"

    sign_in(page, live_server, reviewer)
    page.goto(request_url)
    page.get_by_role("button", name="审查并转办（无条件共享的直接授权）").click()
    assert page.get_by_test_id("status").inner_text() == "已转提供方办理"

    sign_in(page, live_server, applicant)
    page.goto(request_url)
    page.get_by_role("button", name="同意共享").click()
    assert page.get_by_test_id("status").inner_text() == "已同意共享"
