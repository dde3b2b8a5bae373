"""The approval actions on review tasks: who may act, and what each does."""

import datetime as dt

import pytest

from govit.core.models import AuditEvent
from govit.orgs.choices import Role
from govit.orgs.tests.factories import member
from govit.projects.tests.factories import ProjectFactory
from govit.reviews import services
from govit.reviews.choices import ReviewStatus, TaskStatus
from govit.reviews.errors import NotAllowed
from govit.reviews.models import ReviewTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(reviewer, unit_org):
    project = ProjectFactory(rulebook="kaihua", state="submitted", unit=unit_org)
    review = services.preliminary_open(actor=reviewer, project=project)
    return review.tasks.get()


@pytest.fixture
def colleague(reviewer):
    return member(Role.COMPETENT, reviewer.organisations[0], username="colleague")


def check_all(actor, task):
    items = {i["id"]: ("pass", "") for i in task.review.checklist}
    services.checklist_record(actor=actor, task=task, items=items)


def test_only_the_assignee_acts(
    task, colleague, applicant, other_applicant, finance_clerk, expert, vendor, leader
):
    for user in (colleague, applicant, other_applicant, finance_clerk, expert, vendor, leader):
        with pytest.raises(NotAllowed):
            services.task_approve(actor=user, task=task, opinion="ok")
        with pytest.raises(NotAllowed):
            services.task_hand_over(actor=user, task=task, to=colleague)
        with pytest.raises(NotAllowed):
            services.task_add_signer(actor=user, task=task, signer=leader, note="看看")
        with pytest.raises(NotAllowed):
            services.task_return(actor=user, task=task, to_step="preliminary", reason="x")
        with pytest.raises(NotAllowed):
            services.task_withdraw(actor=user, task=task)
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


def test_hand_over_to_a_colleague_moves_the_task(reviewer, colleague, applicant, task):
    with pytest.raises(ValueError, match="colleague"):
        services.task_hand_over(actor=reviewer, task=task, to=applicant)  # not a colleague
    new = services.task_hand_over(actor=reviewer, task=task, to=colleague, note="出差")
    task.refresh_from_db()
    assert task.status == TaskStatus.HANDED_OVER
    assert new.assignee == colleague
    assert new.origin == task
    with pytest.raises(NotAllowed):
        services.task_approve(actor=reviewer, task=new, opinion="ok")  # no longer theirs
    check_all(colleague, new)
    services.task_approve(actor=colleague, task=new, opinion="通过")
    event = AuditEvent.objects.get(action="reviews.task_hand_over")
    assert event.after["to"] == colleague.pk
    assert event.after["project"] == task.review.project_id


def test_withdraw_brings_the_handed_over_task_back(reviewer, colleague, task):
    new = services.task_hand_over(actor=reviewer, task=task, to=colleague)
    with pytest.raises(NotAllowed):
        services.task_withdraw(actor=colleague, task=new)  # not the sender
    services.task_withdraw(actor=reviewer, task=new, reason="改由本人办理")
    new.refresh_from_db()
    task.refresh_from_db()
    assert new.status == TaskStatus.WITHDRAWN
    assert task.status == TaskStatus.OPEN


def test_an_added_signer_signs_before_approval(reviewer, leader, task):
    added = services.task_add_signer(actor=reviewer, task=task, signer=leader, note="请会签")
    check_all(reviewer, task)
    with pytest.raises(NotAllowed):
        services.task_approve(actor=reviewer, task=task, opinion="通过")
    services.task_approve(actor=leader, task=added, opinion="同意")
    services.task_approve(actor=reviewer, task=task, opinion="通过")
    task.review.refresh_from_db()
    assert task.review.status == ReviewStatus.CLOSED


def test_return_to_a_named_earlier_step(reviewer, leader, task):
    added = services.task_add_signer(actor=reviewer, task=task, signer=leader, note="请会签")
    with pytest.raises(ValueError, match="earlier"):
        services.task_return(actor=leader, task=added, to_step="decision", reason="x")  # later
    with pytest.raises(ValueError, match="did not go"):
        services.task_return(actor=leader, task=added, to_step="agency", reason="x")  # never ran
    again = services.task_return(actor=leader, task=added, to_step="preliminary", reason="补核预算")
    assert again.step == "preliminary"
    assert again.assignee == reviewer
    assert again.status == TaskStatus.OPEN
    added.refresh_from_db()
    assert added.status == TaskStatus.RETURNED
    assert AuditEvent.objects.get(action="reviews.task_return").after["to_step"] == "preliminary"


def test_a_delegate_acts_during_the_delegation_only(reviewer, colleague, task, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: dt.date(2026, 11, 2))
    services.delegation_create(
        actor=reviewer,
        delegate=colleague,
        starts_on=dt.date(2026, 11, 3),
        ends_on=dt.date(2026, 11, 5),
        reason="出差",
    )
    with pytest.raises(NotAllowed):  # not yet
        services.task_hand_over(actor=colleague, task=task, to=colleague)
    monkeypatch.setattr(timezone, "localdate", lambda *a: dt.date(2026, 11, 5))  # last day
    check_all(colleague, task)
    services.task_approve(actor=colleague, task=task, opinion="代为审批")
    event = AuditEvent.objects.get(action="reviews.task_approve")
    assert event.after["on_behalf_of"] == reviewer.pk
    assert ReviewTask.objects.get(pk=task.pk).acted_by == colleague


def test_a_delegation_over_or_ended_gives_no_right(reviewer, colleague, task, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: dt.date(2026, 11, 2))
    delegation = services.delegation_create(
        actor=reviewer,
        delegate=colleague,
        starts_on=dt.date(2026, 11, 2),
        ends_on=dt.date(2026, 11, 5),
        reason="出差",
    )
    with pytest.raises(NotAllowed):
        services.delegation_end(actor=colleague, delegation=delegation)
    services.delegation_end(actor=reviewer, delegation=delegation)
    with pytest.raises(NotAllowed):
        services.task_approve(actor=colleague, task=task, opinion="x")
    monkeypatch.setattr(timezone, "localdate", lambda *a: dt.date(2026, 11, 6))
    with pytest.raises(NotAllowed):
        services.task_approve(actor=colleague, task=task, opinion="x")


def test_delegation_is_to_a_colleague_for_a_real_period(reviewer, colleague, applicant):
    today = dt.date.today()
    with pytest.raises(ValueError, match="colleague"):
        services.delegation_create(
            actor=reviewer, delegate=applicant, starts_on=today, ends_on=today, reason="x"
        )
    with pytest.raises(ValueError, match="ends after"):
        services.delegation_create(
            actor=reviewer,
            delegate=colleague,
            starts_on=today,
            ends_on=today - dt.timedelta(days=1),
            reason="x",
        )
