"""Shared set-up of the acceptance tests: projects at a stage of a rulebook, their documents,
participants, and a fixed "today"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from govit.acceptance import meetings
from govit.acceptance.choices import ParticipantKind
from govit.acceptance.models import Meeting
from govit.acceptance.participants import ParticipantLine
from govit.documents.models import Document
from govit.orgs.models import Organisation, User
from govit.projects.models import Project, StateChange
from govit.projects.tests.factories import ProjectFactory

PEOPLE = [
    ParticipantLine(kind=ParticipantKind.EXPERT, name="张专家", affiliation="某大学"),
    ParticipantLine(kind=ParticipantKind.PERSON, name="李工", affiliation="某公司"),
]
# Wuhan: what 第二十一条 asks for before acceptance.
WUHAN_READY: dict[str, Any] = {"platform_docked": True, "acceptance_confirmed": True}
WUHAN_DOCUMENTS = ("risk_assessment", "crypto_assessment", "audit_report")


def on_day(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    """Make ``timezone.localdate()`` answer ``day`` everywhere."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def documents(project: Project, *types: str) -> list[Document]:
    return [
        Document.objects.create(project=project, type=kind, title=f"{kind} of {project.pk}")
        for kind in types
    ]


def project_at(unit: Organisation, state: str, rulebook: str = "wuhan", **facts: Any) -> Project:
    values: dict[str, Any] = {
        "unit": unit,
        "rulebook": rulebook,
        "state": state,
        "approved_on": dt.date(2026, 1, 5),
        "construction_started_on": dt.date(2026, 2, 2),
        **facts,
    }
    project: Project = ProjectFactory(**values)
    return project


def wuhan_ready(unit: Organisation, state: str = "construction", **facts: Any) -> Project:
    project = project_at(unit, state, **{**WUHAN_READY, **facts})
    documents(project, *WUHAN_DOCUMENTS)
    return project


def in_acceptance(unit: Organisation, **facts: Any) -> Project:
    """A Wuhan project that applied for acceptance (with the state change that says so)."""
    project = wuhan_ready(unit, "acceptance", acceptance_applied_on=dt.date(2026, 6, 1), **facts)
    StateChange.objects.create(
        project=project,
        from_state="construction",
        to_state="acceptance",
        transition="apply_acceptance",
        at=timezone.now() - dt.timedelta(days=1),
    )
    return project


def record(actor: User, project: Project, result: str = "passed", **kwargs: Any) -> Meeting:
    values: dict[str, Any] = {
        "held_on": dt.date(2026, 6, 10),
        "participants": PEOPLE,
        "opinion": "意见",
        **kwargs,
    }
    if result == "passed" and "report" not in values:
        values["report"] = documents(project, "acceptance_report")[0]
    if result == "failed":
        values.setdefault("rectification_days", 10)
    return meetings.meeting_record(actor=actor, project=project, result=result, **values)


def competent_official() -> User:
    """An active official of the competent department (the first there is, else a new one)."""
    from govit.orgs.choices import Role
    from govit.orgs.tests.factories import member

    found = (
        User.objects.filter(is_active=True, memberships__role=Role.COMPETENT).order_by("pk").first()
    )
    return found or member(Role.COMPETENT, username="acceptance-official")


def meeting_before_step(
    project: Project,
    result: str = "passed",
    *,
    actor: User | None = None,
    held_on: dt.date | None = None,
) -> Meeting:
    """Record, through the acceptance service, the meeting that a step out of acceptance needs
    (``govit.acceptance.guards``: pass_acceptance a passed one, fail_acceptance a failed one).

    Shared by the tests of other apps that take those steps. A project a factory put in
    acceptance gets the application step (the ``StateChange`` a meeting answers) it lacks.
    """
    project.refresh_from_db(fields=["state", "acceptance_applied_on"])
    if meetings.current_application(project) is None:
        StateChange.objects.create(
            project=project,
            from_state="construction",
            to_state="acceptance",
            transition="apply_acceptance",
            at=timezone.now(),
        )
    today = timezone.localdate()
    day = held_on or max(today, project.acceptance_applied_on or today)
    values: dict[str, Any] = {"held_on": day, "participants": PEOPLE, "opinion": "意见"}
    if result == "passed":
        values["report"] = documents(project, "acceptance_report")[0]
    else:
        values["rectification_days"] = 10
    return meetings.meeting_record(
        actor=actor or competent_official(), project=project, result=result, **values
    )
