"""The meeting decides the step after an application wherever it is taken: the generic
lifecycle service, page and API refuse pass_acceptance without a passed meeting of the current
application and fail_acceptance without a failed one, citing the rulebook's article."""

import datetime as dt

import pytest
from django.urls import reverse

from govit.acceptance import checklist, guards, meetings
from govit.acceptance.tests.helpers import (
    in_acceptance,
    meeting_before_step,
    on_day,
    project_at,
)
from govit.projects.errors import Problem, TransitionBlocked
from govit.projects.models import Project
from govit.projects.services.lifecycle import project_transition

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 12)
RULEBOOKS = ("harbin", "kaihua", "wuhan", "bijie", "gaoping")
# The article each rulebook's guard cites: (no passed meeting, a failed meeting).
ARTICLES = {
    "harbin": ("第二十七条", "第二十九条"),
    "kaihua": ("第十三条", "第十三条"),
    "wuhan": ("第二十一条", "第二十一条"),
    "bijie": ("第二十条", "第二十条"),
    "gaoping": ("第二十条", "第二十条"),
}


@pytest.fixture
def applying(unit_org, monkeypatch) -> Project:
    on_day(monkeypatch, TODAY)
    return in_acceptance(unit_org, safe_reliable_products=True)


def refusal(actor, project, name) -> TransitionBlocked:
    with pytest.raises(TransitionBlocked) as refused:
        project_transition(actor=actor, project=project, name=name, acknowledge_warnings=True)
    return refused.value


def meeting_problems(error: TransitionBlocked) -> list[Problem]:
    return [p for p in error.problems if p.rule == guards.RULE]


def test_the_service_refuses_both_steps_without_a_meeting(applicant, applying):
    for name in ("pass_acceptance", "fail_acceptance"):
        (problem,) = meeting_problems(refusal(applicant, applying, name))
        assert problem.article == "第二十一条"
        assert "验收会议" in problem.message or "验收" in problem.message
    applying.refresh_from_db()
    assert applying.state == "acceptance"


def test_a_failed_meeting_keeps_the_project_out_of_operation(applicant, reviewer, applying):
    meeting_before_step(applying, "failed", actor=reviewer)
    (problem,) = meeting_problems(refusal(applicant, applying, "pass_acceptance"))
    assert problem.article == "第二十一条"
    change = project_transition(
        actor=applicant, project=applying, name="fail_acceptance", acknowledge_warnings=True
    )
    assert change.to_state == "rectification"


def test_a_passed_meeting_opens_operation_and_closes_rectification(applicant, reviewer, applying):
    meeting_before_step(applying, "passed", actor=reviewer)
    assert meeting_problems(refusal(applicant, applying, "fail_acceptance"))
    change = project_transition(
        actor=applicant, project=applying, name="pass_acceptance", acknowledge_warnings=True
    )
    assert change.to_state == "operation"


def test_a_new_application_needs_its_own_meeting(applicant, reviewer, applying, monkeypatch):
    meeting_before_step(applying, "failed", actor=reviewer)
    meetings.acceptance_conclude(actor=reviewer, project=applying)
    on_day(monkeypatch, dt.date(2026, 6, 20))
    project_transition(
        actor=applicant, project=applying, name="reapply_acceptance", acknowledge_warnings=True
    )
    applying.refresh_from_db()
    (problem,) = meeting_problems(refusal(applicant, applying, "pass_acceptance"))
    assert "没有" in problem.message or "未" in problem.message


def test_the_api_answers_409_with_the_article_then_takes_the_step(
    client, applicant, reviewer, applying
):
    url = f"/api/v1/projects/{applying.pk}/transitions"
    client.force_login(applicant)
    body = {"name": "pass_acceptance", "acknowledge_warnings": True}
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 409
    errors = [e for e in refused.json()["errors"] if e.get("rule") == guards.RULE]
    assert [e["article"] for e in errors] == ["第二十一条"]

    meeting_before_step(applying, "failed", actor=reviewer)
    assert client.post(url, body, content_type="application/json").status_code == 409
    failed = {"name": "fail_acceptance", "acknowledge_warnings": True}
    assert client.post(url, failed, content_type="application/json").status_code == 200


def test_the_api_takes_pass_acceptance_after_a_passed_meeting(
    client, applicant, reviewer, applying
):
    meeting_before_step(applying, "passed", actor=reviewer)
    client.force_login(applicant)
    response = client.post(
        f"/api/v1/projects/{applying.pk}/transitions",
        {"name": "pass_acceptance", "acknowledge_warnings": True},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["state"] == "operation"


def test_the_step_page_shows_the_block_and_refuses_the_post(client, applicant, reviewer, applying):
    url = reverse("project-step", args=[applying.pk, "pass_acceptance"])
    client.force_login(applicant)
    page = client.get(url).content.decode()
    assert "第二十一条" in page
    assert "验收会议" in page
    refused = client.post(url, {"acknowledge_warnings": "on"})
    assert refused.status_code == 409
    applying.refresh_from_db()
    assert applying.state == "acceptance"

    meeting_before_step(applying, "passed", actor=reviewer)
    taken = client.post(url, {"acknowledge_warnings": "on"})
    assert taken.status_code == 302
    applying.refresh_from_db()
    assert applying.state == "operation"


@pytest.mark.parametrize("rulebook", RULEBOOKS)
def test_each_rulebook_cites_its_acceptance_article(rulebook, unit_org, reviewer):
    citations = checklist.meeting_citations(rulebook)
    assert citations is not None
    project = project_at(unit_org, "acceptance", rulebook=rulebook)
    held, failed = ARTICLES[rulebook]
    assert [f.article for f in guards.step_guard(project, "operation")] == [held]
    meeting_before_step(project, "failed", actor=reviewer)
    project = Project.objects.get(pk=project.pk)
    (finding,) = guards.step_guard(project, "operation")
    assert (finding.article, finding.severity) == (failed, "block")
    assert finding.quote in {citations.held.quote, citations.failed.quote}
    assert guards.step_guard(project, "rectification") == []


def test_an_ordered_rectification_is_not_an_acceptance_result(unit_org):
    project = project_at(unit_org, "construction", rulebook="gaoping")
    assert guards.step_guard(project, "rectification") == []
    assert guards.step_guard(project, "evaluated") == []


def test_the_guard_asks_once_per_page(unit_org, reviewer, django_assert_num_queries):
    project = project_at(unit_org, "acceptance")
    meeting_before_step(project, "passed", actor=reviewer)
    project = Project.objects.get(pk=project.pk)
    with django_assert_num_queries(1):
        guards.step_guard(project, "operation")
        guards.step_guard(project, "rectification")
