import pytest
from django.core.management import call_command

from govit.web.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_demo_user_signs_in_and_sees_the_home_page(live_server, page):
    call_command("demo", "load")
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.get_by_label("用户名").fill("unit")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_test_id("current-user").inner_text() == "李经办"
    memberships = page.get_by_test_id("memberships").inner_text()
    assert "武汉市民政局" in memberships
    assert "项目建设单位" in memberships
    assert "武汉市政务信息化项目建设管理办法" in page.get_by_test_id("rulebook").inner_text()
    assert page.get_by_test_id("next-actions").locator("a").count() >= 2
    # The stylesheet was served locally (no CDN) and applied.
    navbar_colour = page.locator("nav.navbar").evaluate("e => getComputedStyle(e).backgroundColor")
    assert navbar_colour != "rgba(0, 0, 0, 0)"


def test_a_wrong_password_is_refused_in_chinese(live_server, page):
    call_command("demo", "load")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("unit")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()
    assert "请输入一个正确的" in page.locator(".alert-danger").inner_text()
