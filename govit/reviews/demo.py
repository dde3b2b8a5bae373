"""Demo expert pool: the demo expert account and a dozen more experts of the demo agency,
plus one drawn review of the first demo project. Idempotent (experts found by user, the review
by project), so ``govit demo load`` can run any number of times."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.utils import timezone

from govit.orgs import services as org_services
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.projects.errors import ProjectError
from govit.projects.models import Project
from govit.reviews import services, stages
from govit.reviews.choices import Specialty
from govit.reviews.errors import DrawError, NotAllowed
from govit.reviews.models import Expert, Review

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫"


def load(*, competent: User, password: str) -> None:
    """Create the demo pool and one drawn review."""
    agency = Organisation.objects.filter(kind=Role.AGENCY).order_by("pk").first()
    if agency is None:
        return
    specialties = Specialty.values
    users = list(User.objects.filter(username=Role.EXPERT.value))
    for index, surname in enumerate(SURNAMES):
        username = f"expert{index + 1}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = org_services.user_create(
                actor=None, username=username, password=password, display_name=f"{surname}专家"
            )
        org_services.membership_grant(actor=None, user=user, organisation=agency, role=Role.EXPERT)
        users.append(user)
    for index, user in enumerate(users):
        if Expert.objects.filter(user=user).exists():
            continue
        services.expert_create(
            actor=competent,
            user=user,
            name=user.display_name or user.username,
            organisation=agency,
            specialties=[specialties[index % len(specialties)], Specialty.SOFTWARE],
            phone=f"1380000{index:04d}",
        )
    _stages(competent)
    project = Project.objects.order_by("pk").first()
    if project is None or Review.objects.filter(project=project, panel=True).exists():
        return
    review = services.review_create(
        actor=competent,
        project=project,
        kind="preliminary",
        review_on=timezone.localdate(),
        specialty_mix={Specialty.SOFTWARE: 3, Specialty.SECURITY: 1},
        reserve_count=1,
    )
    try:
        services.review_draw(actor=competent, review=review, seed=2026)
    except DrawError:
        return


def _stages(competent: User) -> None:
    """A preliminary review waiting in the competent department's to-do, a third-party review
    waiting for the demo agency's report, and a decision consultation (ADR 0014)."""
    if Review.objects.filter(panel=False).exists():
        return
    projects = list(Project.objects.order_by("pk")[:3])
    submitted = Project.objects.filter(state="submitted").order_by("pk").first()
    if submitted is not None:
        # The demo rulebook's rules may hold the step back; the demo goes on without it.
        with contextlib.suppress(NotAllowed, ValueError, ProjectError):
            services.preliminary_open(actor=competent, project=submitted, working_days=10)
    agency = User.objects.filter(username=Role.AGENCY.value).first()
    if agency is not None and projects:
        project = projects[0]
        subject = stages.for_rulebook(project.rulebook).subjects[0]
        services.agency_commission(
            actor=competent,
            project=project,
            subject=subject.id,
            assignee=agency,
            due_on=None if subject.working_days else timezone.localdate() + dt.timedelta(days=20),
        )
    if len(projects) > 1:
        services.decision_record(
            actor=competent,
            project=projects[1],
            held_on=timezone.localdate(),
            participants="分管领导、大数据中心、发改局、财政局",
            opinion="项目必要，方案可行，同意提交年度计划审定。",
        )
