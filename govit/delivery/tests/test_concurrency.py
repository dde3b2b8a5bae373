"""Two payments at once cannot overdraw the approved amount: the budget row lock serialises
them. Needs PostgreSQL (``make test-postgres``) where two threads really hold two connections;
test_services covers the re-read under the lock on every database."""

import threading
import time
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from govit.delivery import services
from govit.delivery.errors import ProjectError
from govit.delivery.models import Budget, Payment
from govit.delivery.tests.helpers import approved_project, pay, record_approval
from govit.projects.models import Project

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://…")


def test_it_lets_only_one_of_two_simultaneous_payments_through(
    monkeypatch, applicant, finance_clerk, unit_org
):
    project = approved_project(unit_org)
    record_approval(applicant, project)
    real_refusals = services._refusals

    def slow_refusals(*args: Any, **kwargs: Any) -> Any:
        # Widen the window between reading the balance and writing the payment.
        time.sleep(0.3)
        return real_refusals(*args, **kwargs)

    monkeypatch.setattr(services, "_refusals", slow_refusals)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def act() -> None:
        try:
            start.wait()
            pay(finance_clerk, Project.objects.get(pk=project.pk), Decimal("600000.00"))
            outcomes.append("paid")
        except ProjectError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=act) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["paid", "payment_refused"]
    assert Payment.objects.count() == 1
    assert Budget.objects.get(project=project).paid == Decimal("600000.00")


def test_an_approved_request_executed_twice_at_once_is_paid_once(
    monkeypatch, applicant, finance_clerk, unit_org
):
    import datetime as dt

    from govit.delivery import payments, progress
    from govit.delivery.models import PaymentRequest
    from govit.projects.tests.factories import add_documents

    project = approved_project(unit_org)
    record_approval(applicant, project)
    milestone = progress.milestone_add(
        actor=applicant,
        project=project,
        name="初验",
        baseline_due=dt.date(2026, 6, 30),
        planned_cost=Decimal("1.00"),
    )
    (evidence,) = add_documents(project, "other")
    request = payments.payment_request(
        actor=applicant,
        project=project,
        milestone=milestone,
        kind="progress",
        amount=Decimal("400000.00"),
        evidence=evidence,
        requested_on=dt.date(2026, 7, 1),
    )
    payments.payment_approve(actor=finance_clerk, request=request, decided_on=dt.date(2026, 7, 2))
    real_check = payments.payment_check

    def slow_check(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.3)
        return real_check(*args, **kwargs)

    monkeypatch.setattr(payments, "payment_check", slow_check)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def act(reference: str) -> None:
        try:
            start.wait()
            payments.payment_execute(
                actor=finance_clerk,
                request=PaymentRequest.objects.get(pk=request.pk),
                paid_on=dt.date(2026, 7, 3),
                treasury_reference=reference,
            )
            outcomes.append("paid")
        except ProjectError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(f"GK-{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["paid", "unavailable"]
    assert Payment.objects.filter(project=project).count() == 1
    assert Budget.objects.get(project=project).paid == Decimal("400000.00")
