"""Pages and endpoints of the review stages and the approval chain."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from govit.core.actions import for_user
from govit.orgs.choices import Role
from govit.orgs.tests.factories import OrganisationFactory, member
from govit.projects.models import Project
from govit.projects.tests.factories import ProjectFactory
from govit.reviews import services
from govit.reviews.models import Delegation, ReviewTask
from govit.reviews.tests.test_scoring import scored_joint_review
from govit.reviews.tests.test_workflow import kaihua_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def stage(reviewer, unit_org):
    project = kaihua_project(unit_org)
    review = services.preliminary_open(actor=reviewer, project=project)
    return review.tasks.get()


def post_task(client, task, **data):
    return client.post(reverse("review-task", args=[task.pk]), data)


def test_the_reviewer_opens_the_preliminary_review_on_its_page(client, reviewer, unit_org):
    project = kaihua_project(unit_org)
    client.force_login(reviewer)
    url = reverse("review-preliminary-open", args=[project.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"assignee": reviewer.pk, "working_days": 10})
    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).state == "preliminary_review"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'data-testid="checklist"' in page.content.decode()


def test_refused_roles_get_403_and_other_units_404(
    client, stage, applicant, other_applicant, finance_clerk, expert, vendor, leader
):
    project = stage.review.project
    for user in (applicant, finance_clerk, expert, vendor, leader):
        client.force_login(user)
        url = reverse("review-preliminary-open", args=[project.pk])
        assert client.get(url).status_code in (403, 404), user
    client.force_login(applicant)  # reads its preliminary review, but may not act on it
    assert client.get(reverse("review-task", args=[stage.pk])).status_code == 200
    assert post_task(client, stage, action="approve", opinion="x").status_code == 403
    client.force_login(other_applicant)
    assert client.get(reverse("review-task", args=[stage.pk])).status_code == 404
    assert post_task(client, stage, action="approve").status_code == 404
    colleague = member(Role.COMPETENT, stage.assignee.organisations[0])
    client.force_login(colleague)
    assert post_task(client, stage, action="approve", opinion="x").status_code == 403


def test_a_failed_item_without_comment_is_a_field_error(client, reviewer, stage):
    client.force_login(reviewer)
    data = {f"verdict_{i['id']}": "pass" for i in stage.review.checklist}
    data["verdict_budget"] = "fail"
    response = post_task(client, stage, action="checklist", **data)
    assert response.status_code == 400
    assert response.context["forms"]["checklist"].errors["comment_budget"]
    stage.review.refresh_from_db()
    assert stage.review.checklist[0]["verdict"] == "pending"  # nothing half-saved


def test_return_resubmit_and_approve_through_the_pages(client, reviewer, applicant, stage):
    client.force_login(reviewer)
    response = post_task(client, stage, action="supplement", reason="补充材料", working_days=5)
    assert response.status_code == 302
    page = client.get(reverse("review-detail", args=[stage.review_id])).content.decode()
    assert 'data-testid="supplements"' in page
    client.force_login(applicant)
    page = client.get(reverse("review-detail", args=[stage.review_id])).content.decode()
    assert reverse("review-resubmit", args=[stage.review_id]) in page
    client.post(reverse("review-resubmit", args=[stage.review_id]))
    assert Project.objects.get(pk=stage.review.project_id).state == "submitted"
    client.force_login(reviewer)
    data = {f"verdict_{i['id']}": "pass" for i in stage.review.checklist}
    assert post_task(client, stage, action="checklist", **data).status_code == 302
    assert post_task(client, stage, action="approve", opinion="通过").status_code == 302
    assert ReviewTask.objects.get(pk=stage.pk).status == "approved"
    history = client.get(reverse("review-project-history", args=[stage.review.project_id]))
    actions = [event.action for event, _label in history.context["events"]]
    assert actions[-1] == "reviews.task_approve"
    assert "reviews.supplement_request" in actions
    assert "reviews.clock_restart" in actions


def test_the_to_do_is_on_the_home_page_and_the_task_list(client, reviewer, stage):
    labels = [a.label for a in for_user(reviewer)]
    assert "My review tasks" in labels
    client.force_login(reviewer)
    response = client.get(reverse("review-tasks"))
    assert list(response.context["tasks"]) == [stage]


def test_delegation_through_the_pages(client, reviewer, stage):
    colleague = member(Role.COMPETENT, reviewer.organisations[0])
    client.force_login(reviewer)
    today = dt.date.today()
    response = client.post(
        reverse("review-tasks"),
        {"delegate": colleague.pk, "starts_on": today, "ends_on": today, "reason": "出差"},
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    client.force_login(colleague)
    assert list(client.get(reverse("review-tasks")).context["tasks"]) == [stage]
    assert client.post(reverse("review-delegation-end", args=[delegation.pk])).status_code == 404
    client.force_login(reviewer)
    client.post(reverse("review-delegation-end", args=[delegation.pk]))
    client.force_login(colleague)
    assert list(client.get(reverse("review-tasks")).context["tasks"]) == []


def test_the_agency_uploads_on_the_task_page(client, reviewer):
    agency = member(Role.AGENCY, OrganisationFactory(kind=Role.AGENCY))
    review = services.agency_commission(
        actor=reviewer,
        project=ProjectFactory(rulebook="harbin"),
        subject="preliminary_design",
        assignee=agency,
    )
    task = review.tasks.get()
    client.force_login(agency)
    assert client.get(reverse("review-task", args=[task.pk])).status_code == 200
    report = SimpleUploadedFile("r.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    response = post_task(client, task, action="report", report=report, opinion="可行")
    assert response.status_code == 302
    assert ReviewTask.objects.get(pk=task.pk).document_id is not None


def test_a_department_refuses_on_the_review_page(client, reviewer):
    review = scored_joint_review(reviewer)
    drc = member(Role.DRC)
    client.force_login(drc)
    client.post(reverse("review-refuse", args=[review.pk]), {"opinion": "投资偏高"})
    assert review.signoffs.get(role="drc").decision == "refused"
    page = client.get(reverse("review-detail", args=[review.pk])).content.decode()
    assert "投资偏高" in page
    client.force_login(member(Role.AUDIT))
    assert client.post(reverse("review-refuse", args=[review.pk])).status_code == 404


def test_the_api_runs_the_same_chain(client, reviewer, applicant, unit_org):
    project = kaihua_project(unit_org)
    client.force_login(reviewer)
    response = client.post(
        "/api/v1/review-stages/preliminary",
        {"project_id": project.pk, "working_days": 10},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    stage = response.json()
    task_id = stage["tasks"][0]["id"]
    assert client.get("/api/v1/review-tasks").json()[0]["id"] == task_id
    items = {i["id"]: {"verdict": "pass"} for i in stage["checklist"]}
    response = client.post(
        f"/api/v1/review-tasks/{task_id}/checklist",
        {"items": items},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    client.force_login(applicant)
    response = client.post(
        f"/api/v1/review-tasks/{task_id}/approve", {"opinion": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
    client.force_login(reviewer)
    response = client.post(
        f"/api/v1/review-tasks/{task_id}/approve", {"opinion": ""}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"]
    response = client.post(
        f"/api/v1/review-tasks/{task_id}/approve",
        {"opinion": "通过"},
        content_type="application/json",
    )
    assert response.json()["status"] == "approved"
    history = client.get(f"/api/v1/review-history/{project.pk}").json()
    assert [e["action"] for e in history][-1] == "reviews.task_approve"


def test_the_stage_pages_render_with_overdue_and_opinion(client, reviewer, monkeypatch):
    from django.utils import timezone

    agency = member(Role.AGENCY, OrganisationFactory(kind=Role.AGENCY))
    monkeypatch.setattr(timezone, "localdate", lambda *a: dt.date(2026, 11, 2))
    late = services.agency_commission(
        actor=reviewer,
        project=ProjectFactory(rulebook="harbin"),
        subject="preliminary_design",
        assignee=agency,
    )
    decision = services.decision_record(
        actor=reviewer,
        project=ProjectFactory(rulebook="kaihua"),
        held_on=dt.date(2026, 11, 2),
        participants="分管副县长",
        opinion="同意列入计划",
    )
    monkeypatch.setattr(timezone, "localdate", lambda *a: dt.date(2026, 11, 24))  # 16th day
    client.force_login(reviewer)
    page = client.get(reverse("review-detail", args=[late.pk])).content.decode()
    assert 'data-testid="overdue"' in page
    page = client.get(reverse("review-detail", args=[decision.pk])).content.decode()
    assert "同意列入计划" in page
    client.force_login(agency)
    page = client.get(reverse("review-task", args=[late.tasks.get().pk])).content.decode()
    assert 'data-testid="overdue"' in page
    for name in ("review-agency-commission", "review-decision-record"):
        # The agency does not see the project itself: out of scope, so 404.
        assert client.get(reverse(name, args=[late.project_id])).status_code == 404
    client.force_login(member(Role.FINANCE))  # sees every project, may not commission
    for name in ("review-agency-commission", "review-decision-record"):
        assert client.get(reverse(name, args=[late.project_id])).status_code == 403


def test_a_prefilled_date_is_in_the_iso_format_a_date_input_reads():
    """The zh-hans date format (2026/11/24) is not a value <input type=date> accepts: the
    decision consultation's date, prefilled with today, showed empty."""
    from django.utils import translation

    from govit.reviews.forms import AvailabilityForm
    from govit.reviews.workflow_forms import DecisionForm

    day = dt.date(2026, 11, 24)
    with translation.override("zh-hans"):
        decision = str(DecisionForm(initial={"held_on": day})["held_on"])
        availability = AvailabilityForm(initial={"unavailable_until": day})
        until = str(availability["unavailable_until"])
    assert 'value="2026-11-24"' in decision
    assert 'value="2026-11-24"' in until
