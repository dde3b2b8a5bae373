"""Demo acceptance records, taken with the real services by the demo accounts: a project that
failed its acceptance, was rectified and passed (filed, finance notified, assets booked), one in
rectification, and one in trial run where the rulebook has one (else applying for acceptance).

A project stops where the rules stop it (a trial run lasts its months from today, so in Kaihua
the projects wait in trial run). Idempotent: a project already there is left alone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from govit.acceptance import checklist, meetings, services
from govit.acceptance.choices import ParticipantKind
from govit.acceptance.participants import ParticipantLine
from govit.documents.models import Document
from govit.documents.services import document_upload
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.policy.loader import LoadedRulebook
from govit.policy.vocabulary import label
from govit.projects import services as project_services
from govit.projects.demo import APPLICATION_DOCUMENTS, DEMO_PDF, walk
from govit.projects.errors import ProjectError
from govit.projects.models import Project


@dataclass(frozen=True)
class Spec:
    name: str
    goal: str  # passed, rectification, trial_run


SPECS = (
    Spec("最低生活保障审核系统", "passed"),
    Spec("社会救助热线平台", "rectification"),
    Spec("养老机构监管子系统", "trial_run"),
)
# Beyond the projects demo's plans: what the rulebooks ask of an application (Kaihua 第四条 to
# 第六条 and the like), so that a demo project reaches construction in every rulebook.
EXTRA_DOCUMENTS = (
    "performance_targets",
    "investment_estimate",
    "data_collection_plan",
    "application_form",
    "resource_catalog",
    "control_price_review",
    "ex_ante_assessment",
    "demand_plan",
    "service_plan",
)
FACTS = {
    "plan_year": 2026,
    "kind": "new",
    "funding_sources": ["fiscal"],
    "docking_design": True,
    "om_years_included": 3,
    "gov_cloud": True,
    "shares_data": True,
    "investment_code": "2026-330824-65-01-000123",
    "government_agreed_on": dt.date(2026, 1, 5),
}
PEOPLE = [
    ParticipantLine(kind=ParticipantKind.EXPERT, name="卫专家", affiliation="某大学信息学院"),
    ParticipantLine(kind=ParticipantKind.EXPERT, name="杨专家", affiliation="某工程咨询有限公司"),
]


def _upload(clerk: User, project: Project, kind: str) -> Document:
    version = document_upload(
        actor=clerk,
        project=project,
        type=kind,
        title=f"{project.name}{label(kind)}",
        upload=SimpleUploadedFile(f"{kind}.pdf", DEMO_PDF, "application/pdf"),
        date=timezone.localdate(),
        approved=True,
        reviewed=True,
    )
    return version.document


def _evidence(clerk: User, competent: User, project: Project) -> None:
    """Every checklist item of the rulebook in place (documents uploaded, facts evidenced)."""
    for item in checklist.for_rulebook(project.rulebook):
        if item.spec.document is not None:
            _upload(clerk, project, item.spec.document)
            continue
        actor = competent if item.spec.by == "competent" else clerk
        proof = _upload(clerk, project, "other") if item.spec.by == "unit" else None
        services.evidence_record(
            actor=actor, project=project, item=item.key, document=proof, note="演示数据"
        )
    if project.rulebook == "harbin":
        _upload(clerk, project, "test_report")


def _conclude(project: Project, actors: list[User]) -> bool:
    for actor in actors:
        try:
            meetings.acceptance_conclude(actor=actor, project=project, acknowledge_warnings=True)
        except ProjectError:
            continue
        project.refresh_from_db()
        return True
    return False


def _meeting(competent: User, clerk: User, project: Project, result: str) -> None:
    today = timezone.localdate()
    report = _upload(clerk, project, "acceptance_report") if result == "passed" else None
    meetings.meeting_record(
        actor=competent,
        project=project,
        held_on=today,
        result=result,
        participants=[
            ParticipantLine(kind=ParticipantKind.ORGANISATION, organisation_id=project.unit_id),
            *PEOPLE,
        ],
        report=report,
        opinion="资料齐全，功能满足合同要求。"
        if result == "passed"
        else "部分功能未达到合同要求。",
        rectification_days=None if result == "passed" else 15,
    )


def _walk(rulebook: LoadedRulebook, project: Project, spec: Spec, people: dict[str, User]) -> None:
    clerk, competent = people["clerk"], people["competent"]
    actors = [u for u in (competent, clerk, people.get("drc")) if u is not None]
    walk(rulebook, project, "construction", clerk)
    project.refresh_from_db()
    if project.state != "construction":
        return
    _evidence(clerk, competent, project)
    if "initial_acceptance" in rulebook.spec.states:
        services.initial_acceptance_record(
            actor=clerk,
            project=project,
            held_on=timezone.localdate(),
            participants=PEOPLE,
            opinion="初验通过。",
            acknowledge_warnings=True,
        )
        services.trial_run_start(actor=clerk, project=project, acknowledge_warnings=True)
        return  # the trial run lasts its months from today
    if spec.goal == "trial_run":
        services.acceptance_apply(actor=clerk, project=project, acknowledge_warnings=True)
        return
    services.acceptance_apply(actor=clerk, project=project, acknowledge_warnings=True)
    project.refresh_from_db()
    _meeting(competent, clerk, project, "failed")
    if not _conclude(project, actors) or spec.goal == "rectification":
        return
    services.acceptance_apply(actor=clerk, project=project, acknowledge_warnings=True)
    project.refresh_from_db()
    _meeting(competent, clerk, project, "passed")
    if not _conclude(project, actors):
        return
    today = timezone.localdate()
    meetings.filing_record(actor=competent, project=project, filed_on=today)
    meetings.finance_notice_send(actor=competent, project=project, sent_on=today)
    meetings.asset_book(
        actor=clerk,
        project=project,
        asset_number=f"ZC-{project.code}-01",
        description="应用软件（无形资产）",
        value=Decimal("650000.00"),
        booked_on=today,
    )


def load(rulebook: LoadedRulebook, unit: Organisation) -> int:
    """Create (or find) the demo acceptance projects of ``unit``; return how many were made."""
    clerk = User.objects.filter(memberships__organisation=unit, memberships__role=Role.UNIT).first()
    competent = User.objects.filter(username=Role.COMPETENT.value).first()
    if clerk is None or competent is None:
        return 0
    people = {"clerk": clerk, "competent": competent}
    drc = User.objects.filter(username=Role.DRC.value).first()
    if drc is not None:
        people["drc"] = drc
    made = 0
    for spec in SPECS:
        if Project.objects.filter(unit=unit, name=spec.name).exists():
            continue
        investment = Decimal("1200000")
        project = project_services.project_create(
            actor=clerk,
            unit=unit,
            name=spec.name,
            facts={**FACTS, "investment": investment},
            budget_items=[project_services.BudgetLine("软件开发", "software", investment)],
        )
        for kind in (*APPLICATION_DOCUMENTS, *EXTRA_DOCUMENTS):
            _upload(clerk, project, kind)
        # Where the rules stop the project, the demo shows it where it stands.
        with contextlib.suppress(ProjectError):
            _walk(rulebook, project, spec, people)
        made += 1
    return made
