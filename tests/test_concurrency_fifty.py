"""Fifty people press the same button at once: exactly one moves the project, exactly one
payment is made, and the other forty-nine get a message that says why.

Needs PostgreSQL (``DATABASE_URL=postgres://…``; ``make test-postgres``): fifty threads hold
fifty connections and ``select_for_update`` really locks. On SQLite whole transactions are
serialised, so the race cannot be staged; it is skipped there.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.utils import translation

from govit.delivery.errors import ProjectError as DeliveryError
from govit.delivery.models import Budget, Payment
from govit.delivery.tests.helpers import approved_project, pay, record_approval
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.orgs.tests.factories import member
from govit.projects import snapshots
from govit.projects.errors import ProjectError
from govit.projects.models import Project, StateChange
from govit.projects.services import lifecycle
from govit.projects.tests.factories import ready_project

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

RACERS = 50


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://…")


def _race(act: Any) -> list[tuple[str, str]]:
    """Run ``act`` in RACERS threads released together; each returns (outcome, message)."""
    start = threading.Barrier(RACERS)
    outcomes: list[tuple[str, str]] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            with translation.override("zh-hans"):
                start.wait(timeout=60)
                result = act()
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(outcomes) == RACERS, "a thread did not finish"
    return outcomes


def test_fifty_simultaneous_transitions_move_the_project_once(
    monkeypatch: pytest.MonkeyPatch, unit_org: Organisation
) -> None:
    project = ready_project(unit_org, state="submitted")
    officials = [member(Role.COMPETENT, username=f"official{n}") for n in range(RACERS)]
    real_build = snapshots.build_snapshot

    def slow_build(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.05)  # widen the window between reading the state and writing the new one
        return real_build(*args, **kwargs)

    monkeypatch.setattr(lifecycle, "build_snapshot", slow_build)
    queue = list(officials)
    pick = threading.Lock()

    def act() -> tuple[str, str]:
        with pick:
            official: User = queue.pop()
        try:
            stale = Project.objects.get(pk=project.pk)
            lifecycle.project_transition(actor=official, project=stale, name="start_review")
        except ProjectError as exc:
            return exc.code, str(exc.detail)
        return "taken", ""

    outcomes = _race(act)
    assert Counter(code for code, _message in outcomes) == {"taken": 1, "unavailable": 49}
    messages = {message for code, message in outcomes if code == "unavailable"}
    assert len(messages) == 1
    assert "start_review" in messages.pop()  # names the step and the state it is now in
    assert StateChange.objects.filter(project=project).exclude(transition="create").count() == 1
    assert Project.objects.get(pk=project.pk).state == "expert_review"


def test_fifty_simultaneous_payments_pay_once(
    applicant: User, finance_clerk: User, unit_org: Organisation
) -> None:
    project = approved_project(unit_org)
    record_approval(applicant, project)

    def act() -> tuple[str, str]:
        try:
            pay(finance_clerk, Project.objects.get(pk=project.pk), Decimal("600000.00"))
        except DeliveryError as exc:
            return exc.code, str(exc.detail)
        return "paid", ""

    outcomes = _race(act)
    assert Counter(code for code, _message in outcomes) == {"paid": 1, "payment_refused": 49}
    assert Payment.objects.filter(project=project).count() == 1
    assert Budget.objects.get(project=project).paid == Decimal("600000.00")
