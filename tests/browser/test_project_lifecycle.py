"""A project walked from draft to approval through the pages, under each rulebook's own graph.

The walk is read from the rulebook: the shortest path from draft to the goal state, each step
taken by a demo account holding one of its roles, the documents its rules ask for uploaded
first. Adding a rulebook whose state graph exists is one line in ``WALKS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.utils import translation

from govit.documents.tests.samples import EXE, PDF
from govit.orgs.choices import ASSIGNED_ROLES
from govit.policy import loader
from govit.policy.vocabulary import label
from govit.projects.demo import APPLICATION_DOCUMENTS, path_to
from govit.projects.models import Project
from govit.web.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@dataclass(frozen=True)
class Walk:
    rulebook: str
    goal: str
    investment: str  # 万元, chosen so that the amount routes to the goal
    plan_year: str = "2026"
    funding: tuple[str, ...] = ()  # funding sources to tick


WALKS = [
    Walk("wuhan", goal="approved", investment="120"),
    # Kaihua: five reviews to the 发改局's approval; a late application (9月底前) only warns.
    Walk("kaihua", goal="approved", investment="120", plan_year="2027", funding=("fiscal",)),
]


def required_documents(rulebook_id: str) -> list[str]:
    """The documents of a demo application and every document type the rulebook's rules name."""
    kinds: list[str] = list(APPLICATION_DOCUMENTS)
    for entry in loader.get(rulebook_id).spec.rules:
        for key in ("types", "documents"):
            for kind in entry.params.get(key, []) or []:
                if kind not in kinds:
                    kinds.append(kind)
    return kinds


def steps_to(rulebook_id: str, goal: str) -> list[tuple[str, str, str]]:
    """(transition name, label, username) for each hop from draft to ``goal``."""
    rulebook = loader.get(rulebook_id)
    state: str = rulebook.spec.initial
    hops: list[tuple[str, str, str]] = []
    for target in path_to(rulebook, state, goal):
        candidates = [t for t in rulebook.transitions_from(state) if t.to == target]
        # The route of 第八条/第十五条 style rulebooks: prefer the plain approval.
        candidates.sort(key=lambda t: (t.name != "approve", t.name))
        step = candidates[0]
        role: str = next(r for r in step.roles if r not in ASSIGNED_ROLES)
        hops.append((step.name, step.label, role))  # the demo account of a role is its name
        state = target
    return hops


def sign_in(browser, base_url: str, username: str):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base_url}/")
    return page


def upload(page, kind: str, name: str, content: bytes) -> None:
    form = page.get_by_test_id("upload-form")
    form.locator("select[name=type]").select_option(kind)
    form.locator("input[name=title]").fill(f"{label(kind)}")
    form.locator("input[name=file]").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": content}
    )
    form.get_by_test_id("upload").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("walk", WALKS, ids=lambda w: w.rulebook)
def test_a_project_is_walked_from_draft_to_approval(live_server, browser, settings, walk):
    settings.GOVIT_RULEBOOK = walk.rulebook
    translation.activate("zh-hans")
    call_command("demo", "load")
    base = live_server.url
    rulebook = loader.get(walk.rulebook)
    assert rulebook.spec.transitions, f"{walk.rulebook} has no state graph yet"

    # The unit creates the project with a budget line.
    unit = sign_in(browser, base, "unit")
    unit.get_by_test_id("nav-projects-menu").click()
    unit.get_by_test_id("nav-projects").click()
    unit.get_by_test_id("create-project").click()
    unit.locator("#id_name").fill("浏览器测试项目")
    unit.locator("#id_plan_year").fill(walk.plan_year)
    unit.locator("#id_investment").fill(walk.investment)
    for source in walk.funding:
        unit.locator(f"input[name=funding_sources][value={source}]").check()
    unit.locator("#id_budget-0-name").fill("软件开发")
    unit.locator("#id_budget-0-category").select_option("software")
    unit.locator("#id_budget-0-amount").fill(walk.investment)
    unit.get_by_test_id("save-project").click()
    unit.wait_for_url(re.compile(r"/projects/\d+/$"))
    project_url = unit.url
    assert unit.get_by_test_id("project-state").inner_text() == label(rulebook.spec.initial)
    assert "软件开发" in unit.get_by_test_id("budget-table").inner_text()

    # A file that is not what its name says is refused with a Chinese field error.
    upload(unit, "other", "伪装.pdf", EXE)
    assert "文件类型不允许" in unit.get_by_test_id("upload-error-file").inner_text()
    unit.goto(project_url)

    hops = steps_to(walk.rulebook, walk.goal)
    # What the rules say cites articles; one opens in the side panel (htmx, no inline script).
    link = unit.get_by_test_id("project-findings").get_by_test_id("article-link").first
    article = link.inner_text()
    link.click()
    unit.get_by_test_id("article-panel").locator("h2").wait_for()
    assert article in unit.get_by_test_id("article-panel").inner_text()
    assert unit.url == project_url  # the page stayed; only the panel changed
    for kind in required_documents(walk.rulebook):
        upload(unit, kind, f"{kind}.pdf", PDF)
        unit.wait_for_url(re.compile(r"/projects/\d+/"))
    assert unit.get_by_test_id("documents").locator("[data-testid=download]").count() >= len(
        required_documents(walk.rulebook)
    )

    # Each step by the role the rulebook names for it.
    pages = {"unit": unit}
    for name, step_label, username in hops:
        page = pages.get(username) or sign_in(browser, base, username)
        pages[username] = page
        page.goto(project_url)
        # A step the rules refuse is a disabled button that says why, citing the article.
        steps = page.get_by_test_id("project-steps")
        for disabled in steps.locator("button[disabled]").all():
            other = (disabled.get_attribute("data-testid") or "").removeprefix("step-")
            reasons = steps.get_by_test_id(f"blocked-{other}")
            assert reasons.inner_text().strip(), other
            assert "条" in reasons.get_by_test_id("article-link").first.inner_text()
        button = page.get_by_test_id(f"step-{name}")
        assert button.inner_text() == step_label
        assert button.is_enabled(), page.get_by_test_id("project-steps").inner_text()
        button.click()
        page.wait_for_url(re.compile(rf"/steps/{name}/$"))
        acknowledge = page.locator("input[name=acknowledge_warnings]")
        if acknowledge.count():
            acknowledge.check()
        page.locator("textarea[name=note]").fill(f"{step_label}（浏览器测试）")
        page.get_by_test_id("confirm-step").click()
        page.wait_for_url(project_url)
        target = rulebook.transition(
            Project.objects.get(name="浏览器测试项目").history.last().from_state, name
        )
        assert target is not None
        assert page.get_by_test_id("project-state").inner_text() == label(target.to)

    project = Project.objects.get(name="浏览器测试项目")
    assert project.state == walk.goal
    assert project.rulebook == walk.rulebook
    unit.goto(project_url)
    history = unit.get_by_test_id("project-history").inner_text()
    for _name, step_label, _user in hops:
        assert step_label in history
