"""The demo's evaluation and oversight records, loaded once."""

import pytest
from django.core.management import call_command

from govit.core import audit
from govit.evaluation.models import Evaluation, PerformanceTarget
from govit.oversight.models import Finding, RectificationOrder, Sanction

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        PerformanceTarget.objects.count(),
        Evaluation.objects.count(),
        Finding.objects.count(),
        RectificationOrder.objects.count(),
        Sanction.objects.count(),
    )


def test_the_demo_records_evaluations_and_oversight_once() -> None:
    call_command("demo", "load")
    counts = _counts()
    assert all(count >= 1 for count in counts), counts
    call_command("demo", "load")
    assert _counts() == counts
    assert audit.verify()[1] is None
