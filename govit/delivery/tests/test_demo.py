"""The demo's delivery records: approvals and a first payment, loaded once."""

import pytest
from django.core.management import call_command

from govit.core import audit
from govit.delivery.models import ApprovalRecord, Payment

pytestmark = pytest.mark.django_db


def test_the_demo_records_approvals_and_payments_once():
    call_command("demo", "load")
    counts = (ApprovalRecord.objects.count(), Payment.objects.count())
    assert counts[0] >= 1
    assert counts[1] >= 1
    call_command("demo", "load")
    assert (ApprovalRecord.objects.count(), Payment.objects.count()) == counts
    assert audit.verify()[1] is None
