"""The demo's delivery records: approvals and a first payment, loaded once."""

import pytest
from django.core.management import call_command

from govit.core import audit
from govit.delivery.models import (
    ApprovalRecord,
    ChangeRequest,
    Milestone,
    Payment,
    Procurement,
    Rebaseline,
    SupervisionReport,
)

pytestmark = pytest.mark.django_db


def test_the_demo_records_approvals_and_payments_once():
    call_command("demo", "load")
    counts = (ApprovalRecord.objects.count(), Payment.objects.count())
    assert counts[0] >= 1
    assert counts[1] >= 1
    call_command("demo", "load")
    assert (ApprovalRecord.objects.count(), Payment.objects.count()) == counts
    assert audit.verify()[1] is None


def test_the_demo_has_procurements_milestones_a_rebaseline_and_decided_changes():
    call_command("demo", "load")
    assert Procurement.objects.filter(status="tendering").exists()
    assert Procurement.objects.filter(status__in=("awarded", "contracted")).exists()
    assert Milestone.objects.filter(actual_on__isnull=False).exists()
    assert Rebaseline.objects.exists()
    assert ChangeRequest.objects.filter(status="rejected").exists()
    assert ChangeRequest.objects.filter(status="approved").exists()
    assert SupervisionReport.objects.exists()
    counts = (Procurement.objects.count(), Milestone.objects.count())
    call_command("demo", "load")
    assert (Procurement.objects.count(), Milestone.objects.count()) == counts
