"""Two people acting on the same project at once: only one of them moves it.

Needs PostgreSQL (``DATABASE_URL=postgres://…``; ``make test-postgres``), where two threads
hold two connections and ``select_for_update`` really locks. SQLite runs the same service but
serialises whole transactions, so the race cannot be staged there; the stale-copy test in
test_services covers the state re-check on every database.
"""

import threading
import time
from typing import Any

import pytest
from django.db import connection

from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.orgs.tests.factories import member
from govit.projects import snapshots
from govit.projects.errors import ProjectError
from govit.projects.models import Project, StateChange
from govit.projects.services import lifecycle
from govit.projects.tests.factories import ready_project

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://…")


def test_it_lets_only_one_of_two_simultaneous_steps_through(monkeypatch, unit_org):
    project = ready_project(unit_org, state="submitted")
    first = member(Role.COMPETENT, username="first")
    second = member(Role.COMPETENT, username="second")
    real_build = snapshots.build_snapshot

    def slow_build(*args: Any, **kwargs: Any) -> Any:
        # Widen the window between reading the state and writing the new one.
        time.sleep(0.3)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(lifecycle, "build_snapshot", slow_build)
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def act(user: User, name: str) -> None:
        try:
            start.wait()
            stale = Project.objects.get(pk=project.pk)
            lifecycle.project_transition(actor=user, project=stale, name=name)
            outcomes[user.username] = "taken"
        except ProjectError as exc:
            outcomes[user.username] = exc.code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(first, "start_review")),
        threading.Thread(target=act, args=(second, "start_review")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["taken", "unavailable"], outcomes
    assert StateChange.objects.exclude(transition="create").count() == 1
    assert Project.objects.get(pk=project.pk).state == "expert_review"
