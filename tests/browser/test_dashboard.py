"""The dashboard in a real browser: the charts draw with data, Chinese text is drawn with real
glyphs (not the same box for every character), a figure drills down to its list, and a
screenshot is kept for a human to look at (var/screenshots/dashboard.png)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from govit.web.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Two different Chinese strings drawn with the page's font: with a CJK font installed their
# pixels differ; with none, both are rows of identical boxes.
GLYPHS_DIFFER = """() => {
  const font = getComputedStyle(document.body).fontFamily;
  const draw = (text) => {
    const canvas = document.createElement("canvas");
    canvas.width = 200; canvas.height = 40;
    const context = canvas.getContext("2d");
    context.font = "24px " + font;
    context.fillText(text, 4, 30);
    return Array.from(context.getImageData(0, 0, 200, 40).data).join(",");
  };
  const a = draw("政务信息"), b = draw("项目申报"), blank = draw("");
  return a !== b && a !== blank;
}"""


def test_the_dashboard_draws_its_charts_and_drills_down(live_server, page):
    call_command("demo", "load")
    page.goto(f"{live_server.url}/accounts/login/?next=/reports/")
    page.get_by_label("用户名").fill("competent")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/reports/")
    chart = page.get_by_test_id("chart-state")
    page.wait_for_function("el => Number(el.dataset.rendered || 0) > 0", arg=chart.element_handle())
    points = chart.evaluate("el => echarts.getInstanceByDom(el).getOption().series[0].data.length")
    assert points >= 1
    assert chart.locator("canvas").count() == 1
    assert page.evaluate(GLYPHS_DIFFER)
    shots = Path(settings.BASE_DIR) / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
    assert (shots / "dashboard.png").stat().st_size > 10_000
    # The first figure of "projects by state" opens the list behind it, with as many rows.
    figure = page.get_by_test_id("figure").first
    expected = int(figure.inner_text())
    figure.click()
    page.wait_for_url("**/projects/?**")
    assert page.get_by_test_id("project-table").locator("tbody tr").count() == expected
