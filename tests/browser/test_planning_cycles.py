"""A unit answers the open call for demand through the pages, in two rulebooks: it sees the
call on its home page, starts an application, sees the checks with their articles, fills the
chapters, attaches the plan, submits in the window, withdraws; the competent department sees
the unit's quota usage."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.utils import translation

from govit.documents.tests.samples import PDF
from govit.planning.chapters import forms_of
from govit.planning.models.cycles import Application
from govit.policy.vocabulary import label
from tests.browser.test_project_lifecycle import sign_in, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NAME = "浏览器测试申报"


@pytest.mark.parametrize("rulebook_id", ["wuhan", "harbin"])
def test_a_unit_submits_in_the_call_window_and_withdraws(
    live_server, browser, settings, rulebook_id
):
    settings.GOVIT_RULEBOOK = rulebook_id
    translation.activate("zh-hans")
    call_command("demo", "load")
    base = live_server.url
    unit = sign_in(browser, base, "unit")

    # The open call is on the unit's home page.
    unit.get_by_role("link", name=re.compile("正在征集")).first.click()
    unit.wait_for_url(re.compile(r"/planning/cycles/\d+/$"))
    cycle_url = unit.url
    unit.get_by_test_id("application-new").click()
    unit.locator("#id_name").fill(NAME)
    unit.get_by_role("button", name="保存").click()
    unit.wait_for_url(re.compile(r"/planning/applications/\d+/$"))
    application_url = unit.url

    # Empty chapters block, each citing its article.
    blocks = unit.get_by_test_id("check-block")
    assert blocks.count() >= 1
    assert "条" in blocks.first.get_by_test_id("article-link").inner_text()
    assert unit.get_by_test_id("submit").is_disabled()
    for area in unit.get_by_test_id("chapters-form").locator("textarea").all():
        area.fill("浏览器测试填写的章节内容")
    unit.get_by_test_id("save-draft").click()
    unit.wait_for_url(application_url)

    # The plan document the rulebook asks for, on the project's documents.
    application = Application.objects.get(project__name=NAME)
    unit.goto(f"{base}/projects/{application.project_id}/")
    upload(unit, forms_of(rulebook_id)[0].document_type, "plan.pdf", PDF)
    unit.goto(application_url)
    assert unit.get_by_test_id("check-block").count() == 0, unit.get_by_test_id(
        "assessment"
    ).inner_text()
    acknowledge = unit.locator("input[name=acknowledge_warnings]")
    if acknowledge.count():
        acknowledge.check()
    unit.get_by_test_id("submit").click()
    unit.wait_for_url(application_url)
    assert unit.get_by_test_id("application-state").inner_text() == label("submitted")

    # Withdrawn before the review starts: a draft again.
    unit.get_by_test_id("withdraw").click()
    unit.wait_for_url(application_url)
    assert unit.get_by_test_id("application-state").inner_text() == label("draft")

    # The competent department sees the applications against the unit's budget units.
    competent = sign_in(browser, base, "competent")
    competent.goto(cycle_url)
    assert NAME in competent.get_by_test_id("applications").inner_text()
    assert application.project.unit.name in competent.get_by_test_id("quota").inner_text()
