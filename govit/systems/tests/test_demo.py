import pytest
from django.core.management import call_command

from govit.systems.models import DockingRecord, Proposal, System, SystemUsage
from govit.systems.selectors import zombie_found_on

pytestmark = pytest.mark.django_db


def test_it_loads_a_catalogue_with_usage_and_zombies_once(settings):
    settings.GOVIT_DEMO_SYSTEMS_PER_UNIT = 75
    call_command("demo", "load")
    counts = (System.objects.count(), SystemUsage.objects.count(), Proposal.objects.count())
    assert counts[0] >= 200
    assert System.objects.filter(status="zombie").exists()
    assert Proposal.objects.filter(kind="zombie", status="open").exists()
    transport = System.objects.filter(code__startswith="DEMO-JT-").first().unit
    assert zombie_found_on(transport) is not None
    records = DockingRecord.objects.count()
    assert DockingRecord.objects.filter(status="confirmed").exists()
    assert DockingRecord.objects.exclude(status="confirmed").exists()
    call_command("demo", "load")
    assert DockingRecord.objects.count() == records
    assert (
        System.objects.count(),
        SystemUsage.objects.count(),
        Proposal.objects.count(),
    ) == counts
