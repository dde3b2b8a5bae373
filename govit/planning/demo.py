"""Demo planning cycles: next year's call for demand, open now, with applications of two
units in several states (draft, submitted, withdrawn), and this year's cycle compiled.
Idempotent: a cycle that exists is left as it is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from govit.documents.services import document_upload
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.planning import calls, chapters
from govit.planning import services_applications as applications
from govit.planning import services_cycles as cycles
from govit.planning.errors_cycles import ProjectError
from govit.planning.models.cycles import Application, PlanningCycle
from govit.projects.services import project_update

# (project name, unit index, what happens to it, chapters filled)
APPLICATIONS = (
    ("社会救助一网通办平台", 0, "submit", True),
    ("养老服务数据中台", 0, "draft", False),
    ("城市运行指挥调度系统", 1, "withdraw", True),
    ("智慧教育资源公共服务平台", 1, "submit", True),
)


def _text(label: str, name: str) -> str:
    return f"{name}：{label}。按申报指南编写，详见附件。"


# The documents an application goes in with, across the rulebooks' submit rules.
DOCUMENTS = (
    "application_form",
    "data_collection_plan",
    "crypto_plan",
    "sharing_chapter",
    "performance_targets",
    "investment_estimate",
)


def _complete(clerk: User, application: Application, document_type: str) -> None:
    """The facts and documents the rulebooks' submit step reads (a demo PDF each)."""
    project = project_update(
        actor=clerk,
        project=application.project,
        facts={
            "kind": "new",
            "om_years_included": 3,
            "investment": Decimal("1200000"),
            "funding_sources": ["fiscal"],
        },
    )
    for kind in (document_type, *DOCUMENTS):
        document_upload(
            actor=clerk,
            project=project,
            type=kind,
            title=f"{project.name} {kind}",
            upload=SimpleUploadedFile(f"{kind}.pdf", b"%PDF-1.4 demo", "application/pdf"),
        )


def load_cycles(units: list[Organisation]) -> int:
    """Create the demo cycles once; return how many applications were made."""
    competent = User.objects.filter(username=Role.COMPETENT.value).first()
    clerks = [User.objects.filter(username=name).first() for name in ("unit", "unit2")]
    if competent is None or None in clerks or len(units) < 2:
        return 0
    today = timezone.localdate()
    rulebook = settings.GOVIT_RULEBOOK
    if PlanningCycle.objects.filter(rulebook=rulebook, plan_year=today.year + 1).exists():
        return 0
    previous = cycles.cycle_create(
        actor=competent,
        plan_year=today.year,
        title=f"{today.year}年度信息化项目需求征集",
        **calls.cycle_defaults(rulebook, today.year, today - dt.timedelta(days=365)),
        timetable="初审、联审已完成。",
    )
    for step in (cycles.cycle_open, cycles.cycle_close, cycles.cycle_compile):
        previous = step(actor=competent, cycle=previous)
    cycle = cycles.cycle_create(
        actor=competent,
        plan_year=today.year + 1,
        title=f"{today.year + 1}年度信息化项目需求征集",
        call_opens_on=today - dt.timedelta(days=20),
        call_closes_on=today + dt.timedelta(days=20),
        review_starts_on=today + dt.timedelta(days=25),
        review_ends_on=today + dt.timedelta(days=55),
        timetable="征集截止后5个工作日内完成初审，随后组织专家评审。",
        compile_by=today + dt.timedelta(days=70),
    )
    cycle = cycles.cycle_open(actor=competent, cycle=cycle)
    form = chapters.forms_of(rulebook)[0]
    made = 0
    for name, index, fate, filled in APPLICATIONS:
        clerk = clerks[index]
        assert clerk is not None
        application = applications.application_create(
            actor=clerk,
            cycle=cycle,
            form=form.key,
            unit=units[index],
            name=name,
        )
        made += 1
        texts = {c.key: _text(str(c.label), name) for c in form.chapters} if filled else {}
        if not filled:
            texts = {form.chapters[0].key: _text(str(form.chapters[0].label), name)}
        application = applications.application_save(
            actor=clerk, application=application, chapters=texts
        )
        if fate == "draft":
            continue
        _complete(clerk, application, form.document_type)
        if fate == "withdraw":
            # Last: project_update cannot audit a project that already has co-building units.
            project_update(actor=clerk, project=application.project, co_units=[units[1 - index]])
        try:
            applications.application_submit(
                actor=clerk, application=application, acknowledge_warnings=True
            )
        except ProjectError:
            continue  # the rulebook wants more (documents): the demo shows it as a draft
        if fate == "withdraw":
            applications.application_withdraw(
                actor=clerk, application=application, reason="补充可行性论证后重新申报"
            )
    return made
