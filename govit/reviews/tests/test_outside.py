"""Third-party agency reviews, decision consultations, and sign-off refusals."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from govit.core.models import AuditEvent
from govit.documents.models import Document
from govit.orgs.choices import Role
from govit.orgs.tests.factories import OrganisationFactory, member
from govit.projects.tests.factories import ProjectFactory
from govit.reviews import rulebooks, services
from govit.reviews.choices import ReviewStatus, SignOffMode, TaskStatus
from govit.reviews.errors import NotAllowed
from govit.reviews.tests.test_scoring import scored_joint_review

pytestmark = pytest.mark.django_db


def on(monkeypatch, day):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: day)


@pytest.fixture
def agency_user(db):
    return member(Role.AGENCY, OrganisationFactory(name="某咨询公司", kind=Role.AGENCY))


def pdf():
    return SimpleUploadedFile(
        "report.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf"
    )


@pytest.mark.parametrize(
    ("opened", "due"),
    [
        # Monday 2 November + 15 working days = Monday 23 November.
        (dt.date(2026, 11, 2), dt.date(2026, 11, 23)),
        # 30 September, across the National Day holiday (1-7 October off, Saturday 10 October
        # worked): 8, 9, 10, 12-16, 19-23, 26 and the 15th, 27 October.
        (dt.date(2026, 9, 30), dt.date(2026, 10, 27)),
    ],
)
def test_harbin_article_19_gives_the_agency_15_working_days(
    reviewer, agency_user, monkeypatch, opened, due
):
    on(monkeypatch, opened)
    review = services.agency_commission(
        actor=reviewer,
        project=ProjectFactory(rulebook="harbin"),
        subject="preliminary_design",
        assignee=agency_user,
    )
    assert (review.due_on, review.due_article) == (due, "19")
    assert review.tasks.get().due_on == due
    assert not review.is_overdue(due)  # the 15th working day itself is in time
    assert review.is_overdue(due + dt.timedelta(days=1))


def test_bijie_articles_7_and_14_need_a_date_from_the_department(reviewer, agency_user):
    project = ProjectFactory(rulebook="bijie")
    with pytest.raises(ValueError, match="due"):
        services.agency_commission(
            actor=reviewer, project=project, subject="service_plan", assignee=agency_user
        )
    later = dt.date.today() + dt.timedelta(days=20)
    review = services.agency_commission(
        actor=reviewer, project=project, subject="service_plan", assignee=agency_user, due_on=later
    )
    assert (review.due_on, review.due_article, review.subject) == (later, "14", "service_plan")
    demand = services.agency_commission(
        actor=reviewer, project=project, subject="demand_plan", assignee=agency_user, due_on=later
    )
    assert demand.due_article == "7"


def test_the_agency_uploads_its_report_as_a_project_document(
    reviewer, agency_user, applicant, expert, monkeypatch
):
    review = services.agency_commission(
        actor=reviewer,
        project=ProjectFactory(rulebook="harbin"),
        subject="preliminary_design",
        assignee=agency_user,
    )
    task = review.tasks.get()
    other_agency = member(Role.AGENCY)
    for user in (reviewer, applicant, expert, other_agency):
        with pytest.raises(NotAllowed):
            services.agency_report_upload(actor=user, task=task, upload=pdf(), opinion="可行")
    with pytest.raises(NotAllowed):  # the agency finishes by uploading, not by approving
        services.task_approve(actor=agency_user, task=task)
    services.agency_report_upload(actor=agency_user, task=task, upload=pdf(), opinion="方案可行")
    task.refresh_from_db()
    assert task.status == TaskStatus.APPROVED
    document = Document.objects.get(pk=task.document_id)
    assert document.project_id == review.project_id
    assert document.type == "assessment_report"
    assert document.version_count == 1
    review.refresh_from_db()
    assert review.status == ReviewStatus.SCORED
    services.review_close(actor=reviewer, review=review)
    assert AuditEvent.objects.filter(action="reviews.agency_report_upload").exists()


def test_only_agency_users_are_commissioned(reviewer, applicant, leader):
    for user in (applicant, leader):
        with pytest.raises(ValueError, match="agency"):
            services.agency_commission(
                actor=reviewer,
                project=ProjectFactory(rulebook="harbin"),
                subject="preliminary_design",
                assignee=user,
            )
    with pytest.raises(NotAllowed):
        services.agency_commission(
            actor=leader,
            project=ProjectFactory(rulebook="harbin"),
            subject="preliminary_design",
            assignee=applicant,
        )


def test_kaihua_article_9_decision_consultation_is_recorded(reviewer, applicant, leader):
    project = ProjectFactory(rulebook="kaihua")
    for user in (applicant, leader):
        with pytest.raises(NotAllowed):
            services.decision_record(
                actor=user, project=project, held_on=dt.date.today(), participants="x", opinion="x"
            )
    with pytest.raises(ValueError, match="took part"):
        services.decision_record(
            actor=reviewer, project=project, held_on=dt.date.today(), participants="", opinion="x"
        )
    review = services.decision_record(
        actor=reviewer,
        project=project,
        held_on=dt.date.today(),
        participants="分管副县长、大数据中心、发改局、财政局",
        opinion="同意列入年度计划",
    )
    assert review.status == ReviewStatus.CLOSED
    assert review.due_article == "9"
    assert review.opinion == "同意列入年度计划"


def test_a_refusal_with_all_must_sign_refuses_the_joint_review(reviewer):
    review = scored_joint_review(reviewer)
    assert review.signoff_article == "8"
    drc = member(Role.DRC)
    with pytest.raises(ValueError, match="refuses"):
        services.signoff_refuse(actor=drc, review=review, opinion=" ")
    services.signoff_refuse(actor=drc, review=review, opinion="投资偏高")
    assert services.signoff_outcome(review) == "refused"
    with pytest.raises(NotAllowed):
        services.signoff_sign(actor=drc, review=review)  # decided already
    services.review_close(actor=reviewer, review=review)
    event = AuditEvent.objects.get(action="reviews.review_close")
    assert event.after["signoff"] == "refused"


def test_the_mode_comes_from_the_rulebook_data(reviewer, monkeypatch):
    monkeypatch.setitem(
        rulebooks.RULES,
        "kaihua",
        rulebooks.ReviewRules(
            criteria=rulebooks.DEFAULT_CRITERIA,
            signoff_roles=(Role.DRC, Role.FINANCE),
            signoff_mode=SignOffMode.ANY,
            signoff_article="8",
        ),
    )
    review = scored_joint_review(reviewer)
    assert review.signoff_mode == SignOffMode.ANY
    services.signoff_refuse(actor=member(Role.DRC), review=review, opinion="不同意")
    assert services.signoff_outcome(review) == "pending"  # 或签: another may still sign
    services.signoff_sign(actor=member(Role.FINANCE), review=review, opinion="同意")
    assert services.signoff_outcome(review) == "signed"
    entry = review.signoffs.get(role=Role.FINANCE)
    assert (entry.decision, entry.opinion) == ("signed", "同意")


def test_the_competent_department_adds_a_signing_department(reviewer, client):
    review = scored_joint_review(reviewer)
    drc = member(Role.DRC)
    for user in (drc, member(Role.UNIT)):
        with pytest.raises(NotAllowed):
            services.signoff_add(actor=user, review=review, role=Role.CAC, reason="涉及网信")
    with pytest.raises(ValueError, match="already"):
        services.signoff_add(actor=reviewer, review=review, role=Role.DRC, reason="x")
    services.signoff_add(actor=reviewer, review=review, role=Role.CAC, reason="涉及网信")
    for role in (Role.DATACENTER, Role.DRC, Role.FINANCE):
        services.signoff_sign(actor=member(role), review=review)
    with pytest.raises(NotAllowed):  # the added department has not signed yet
        services.review_close(actor=reviewer, review=review)
    client.force_login(member(Role.CAC))
    response = client.post(f"/api/v1/reviews/{review.pk}/sign", {}, content_type="application/json")
    assert response.status_code == 200
    services.review_close(actor=reviewer, review=review)
