"""The preliminary review (初审): checklist, return for supplement, the stopped review clock."""

import datetime as dt

import pytest

from govit.core.models import AuditEvent
from govit.orgs.choices import Role
from govit.orgs.tests.factories import member
from govit.projects.models import Project
from govit.projects.tests.factories import ProjectFactory, add_documents
from govit.reviews import services
from govit.reviews.choices import ReviewStatus, TaskStatus
from govit.reviews.errors import NotAllowed

pytestmark = pytest.mark.django_db


def on(monkeypatch, day):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: day)


def kaihua_project(unit):
    """A submitted Kaihua project that may be resubmitted (the 第四条 and 第六条 papers)."""
    project = ProjectFactory(
        rulebook="kaihua", state="submitted", unit=unit, funding_sources=["fiscal"]
    )
    add_documents(project, "performance_targets", "investment_estimate", "application_form")
    return project


@pytest.fixture
def kaihua(unit_org):
    return kaihua_project(unit_org)


def opened(reviewer, project, days=10):
    review = services.preliminary_open(actor=reviewer, project=project, working_days=days)
    return review, review.tasks.get()


def all_pass(reviewer, task):
    items = {item["id"]: ("pass", "") for item in task.review.checklist}
    return services.checklist_record(actor=reviewer, task=task, items=items)


def test_kaihua_checklist_is_article_7_and_the_project_enters_the_review(reviewer, kaihua):
    review, task = opened(reviewer, kaihua)
    assert [i["id"] for i in review.checklist] == [
        "budget",
        "resources",
        "coordination",
        "sharing",
        "security",
        "efficiency",
    ]
    assert {i["article"] for i in review.checklist} == {"7"}
    assert review.due_article == "7"
    assert task.assignee == reviewer
    kaihua.refresh_from_db()
    assert kaihua.state == "preliminary_review"
    assert kaihua.history.last().transition == "start_preliminary_review"


@pytest.mark.parametrize(
    ("rulebook", "first", "article"),
    [
        ("gaoping", "need", "11"),
        ("wuhan", "content", "11"),
        ("harbin", "complete", ""),
        ("bijie", "complete", ""),
    ],
)
def test_other_rulebooks_have_their_own_checklist(reviewer, rulebook, first, article):
    review, _task = opened(reviewer, ProjectFactory(rulebook=rulebook, state="submitted"))
    assert review.checklist[0]["id"] == first
    assert review.checklist[0]["article"] == article


def test_a_failed_item_needs_a_comment_and_blocks_approval(reviewer, kaihua):
    review, task = opened(reviewer, kaihua)
    with pytest.raises(ValueError, match="fails"):
        services.checklist_record(actor=reviewer, task=task, items={"budget": ("fail", " ")})
    with pytest.raises(NotAllowed):
        services.task_approve(actor=reviewer, task=task, opinion="ok")  # items unchecked
    all_pass(reviewer, task)
    services.checklist_record(actor=reviewer, task=task, items={"budget": ("fail", "超预算")})
    with pytest.raises(NotAllowed):
        services.task_approve(actor=reviewer, task=task, opinion="ok")
    services.checklist_record(actor=reviewer, task=task, items={"budget": ("pass", "")})
    services.task_approve(actor=reviewer, task=task, opinion="初审通过")
    review.refresh_from_db()
    assert review.status == ReviewStatus.CLOSED
    assert review.opinion == "初审通过"
    assert AuditEvent.objects.filter(action="reviews.task_approve").exists()


def test_return_stops_the_clock_and_resubmission_moves_the_due_date(
    reviewer, applicant, kaihua, monkeypatch
):
    on(monkeypatch, dt.date(2026, 9, 25))  # Friday before the National Day holiday
    review, task = opened(reviewer, kaihua, days=10)
    assert review.due_on == dt.date(2026, 10, 15)
    supplement = services.supplement_request(
        actor=reviewer, task=task, reason="补充效能比对材料", working_days=5
    )
    # 5 working days across the holiday: 9-28, 9-29, 9-30, then 10-8 and 10-9.
    assert supplement.due_on == dt.date(2026, 10, 9)
    kaihua.refresh_from_db()
    assert kaihua.state == "returned"
    assert kaihua.correction_due_on == dt.date(2026, 10, 9)
    review.refresh_from_db()
    assert review.clock_paused_on == dt.date(2026, 9, 25)
    assert not review.is_overdue(dt.date(2026, 12, 1))  # a stopped clock is never overdue
    with pytest.raises(NotAllowed):
        services.checklist_record(actor=reviewer, task=task, items={"budget": ("pass", "")})

    on(monkeypatch, dt.date(2026, 10, 9))
    services.supplement_resubmit(actor=applicant, review=review)
    review.refresh_from_db()
    kaihua.refresh_from_db()
    assert kaihua.state == "submitted"
    assert review.clock_paused_on is None
    # Stopped from 9-25 to 10-9: 9-28, 9-29, 9-30, 10-8, 10-9 = 5 working days.
    assert review.paused_days == 5
    assert review.due_on == dt.date(2026, 10, 22)
    task.refresh_from_db()
    assert task.due_on == dt.date(2026, 10, 22)
    # The reviewer acts again: the project comes back into the preliminary review.
    all_pass(reviewer, task)
    kaihua.refresh_from_db()
    assert kaihua.state == "preliminary_review"
    assert review.is_overdue(dt.date(2026, 10, 23))
    assert not review.is_overdue(dt.date(2026, 10, 22))


def test_resubmitting_on_the_project_page_restarts_the_clock(
    reviewer, applicant, kaihua, monkeypatch, django_capture_on_commit_callbacks
):
    from govit.projects.services.lifecycle import project_transition

    on(monkeypatch, dt.date(2026, 11, 2))
    review, task = opened(reviewer, kaihua, days=10)
    services.supplement_request(actor=reviewer, task=task, reason="补正", working_days=3)
    on(monkeypatch, dt.date(2026, 11, 4))
    with django_capture_on_commit_callbacks(execute=True):
        project_transition(
            actor=applicant, project=kaihua, name="resubmit", acknowledge_warnings=True
        )
    review.refresh_from_db()
    assert review.clock_paused_on is None
    assert review.paused_days == 2
    assert review.due_on == dt.date(2026, 11, 18)


def test_refused_roles_and_units(
    reviewer, applicant, other_applicant, finance_clerk, expert, vendor, leader, kaihua
):
    for user in (applicant, finance_clerk, expert, vendor, leader):
        with pytest.raises(NotAllowed):
            services.preliminary_open(actor=user, project=kaihua)
    review, task = opened(reviewer, kaihua)
    colleague = member(Role.COMPETENT, reviewer.organisations[0])
    for user in (colleague, applicant, other_applicant, finance_clerk, expert, leader):
        with pytest.raises(NotAllowed):
            services.checklist_record(actor=user, task=task, items={})
        with pytest.raises(NotAllowed):
            services.supplement_request(actor=user, task=task, reason="x", working_days=3)
    services.supplement_request(actor=reviewer, task=task, reason="补正", working_days=3)
    for user in (other_applicant, reviewer, finance_clerk):
        with pytest.raises(NotAllowed):
            services.supplement_resubmit(actor=user, review=review)
    assert Project.objects.get(pk=kaihua.pk).state == "returned"
    assert task.status == TaskStatus.OPEN


def test_a_second_open_preliminary_review_is_refused(reviewer, kaihua):
    opened(reviewer, kaihua)
    with pytest.raises(NotAllowed):
        services.preliminary_open(actor=reviewer, project=kaihua)
