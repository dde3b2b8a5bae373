"""A worker for tests/test_crash_recovery.py, run as its own process against a file database.

``setup``: migrate and create projects; ``run``: move the projects back and forth (submit,
return, submit, …) for ever, printing a line per step; ``check``: print, as JSON, what the
database says about each project's state and history, and whether the audit chain verifies.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

PROJECTS = 6


def _setup() -> None:
    from django.core.management import call_command

    from govit.orgs.choices import Role
    from govit.orgs.tests.factories import OrganisationFactory, member
    from govit.projects.tests.factories import ready_project

    call_command("migrate", verbosity=0)
    unit = OrganisationFactory(name="市民政局", kind=Role.UNIT)
    member(Role.UNIT, unit, username="applicant")
    member(Role.COMPETENT, username="reviewer")
    for _ in range(PROJECTS):
        ready_project(unit)


def _run() -> None:
    from govit.orgs.models import User
    from govit.projects.models import Project
    from govit.projects.services import lifecycle

    applicant = User.objects.get(username="applicant")
    reviewer = User.objects.get(username="reviewer")
    print("ready", flush=True)
    steps = 0
    while True:
        for project in Project.objects.order_by("pk"):
            if project.state in {"draft", "returned"}:
                actor, name = applicant, "submit"
            else:
                actor, name = reviewer, "return"
            lifecycle.project_transition(
                actor=actor, project=project, name=name, acknowledge_warnings=True
            )
            steps += 1
            print(f"step {steps}", flush=True)


def _check() -> dict[str, Any]:
    from govit.core import audit
    from govit.core.models import AuditEvent
    from govit.projects.models import Project, StateChange

    problems: list[str] = []
    steps = 0
    for project in Project.objects.order_by("pk"):
        history = list(StateChange.objects.filter(project=project).order_by("at", "pk"))
        state = "draft"
        for change in history:
            if change.from_state != state:
                problems.append(f"{project.code}: {change.pk} starts from {change.from_state}")
            state = change.to_state
        if project.state != state:
            problems.append(f"{project.code}: state {project.state}, history says {state}")
        events = AuditEvent.objects.filter(
            action="project.transition", object_id=str(project.pk)
        ).count()
        if events != len(history):
            problems.append(f"{project.code}: {len(history)} steps, {events} audit events")
        steps += len(history)
    count, broken = audit.verify()
    return {
        "steps": steps,
        "problems": problems,
        "audit_events": count,
        "audit_broken": None if broken is None else f"#{broken.sequence}: {broken.reason}",
    }


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govit.settings")
    import django

    django.setup()
    command = sys.argv[1]
    if command == "setup":
        _setup()
    elif command == "run":
        _run()
    elif command == "check":
        print(json.dumps(_check()))


if __name__ == "__main__":
    main()
