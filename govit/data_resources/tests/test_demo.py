import pytest
from django.core.management import call_command

from govit.data_resources.models import DataItem, DataResource, SharingRequest
from govit.security.models import Assessment, Grading

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_catalogue_and_registers_once(settings):
    settings.GOVIT_DEMO_SYSTEMS_PER_UNIT = 75
    call_command("demo", "load")
    counts = (DataResource.objects.count(), DataItem.objects.count(), Grading.objects.count())
    assert counts[0] >= 300
    assert DataResource.objects.filter(status="published", source_system__isnull=False).exists()
    assert SharingRequest.objects.filter(status="overturned").exists()
    assert Assessment.objects.filter(kind="crypto").exists()
    assert all(r.grade for r in DataResource.objects.all()[:50])
    call_command("demo", "load")
    assert (
        DataResource.objects.count(),
        DataItem.objects.count(),
        Grading.objects.count(),
    ) == counts
