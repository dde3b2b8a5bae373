"""The demo's acceptance projects: one failed then passed, one in rectification, one before
acceptance; loaded once, with a verifiable audit chain."""

import pytest
from django.core.management import call_command

from govit.acceptance.models import Asset, Filing, Meeting
from govit.core import audit
from govit.projects.models import Project

pytestmark = pytest.mark.django_db


def test_the_demo_walks_a_failed_then_passed_acceptance_once():
    call_command("demo", "load")
    passed = Project.objects.get(name="最低生活保障审核系统")
    assert passed.state == "operation"
    assert list(
        Meeting.objects.filter(project=passed, kind="final").values_list("result", flat=True)
    ) == ["failed", "passed"]
    assert Filing.objects.get(project=passed).notice_sent_on is not None
    assert Asset.objects.filter(project=passed).count() == 1
    assert Project.objects.get(name="社会救助热线平台").state == "rectification"
    assert Project.objects.get(name="养老机构监管子系统").state == "acceptance"
    counts = (Meeting.objects.count(), Asset.objects.count())
    call_command("demo", "load")
    assert (Meeting.objects.count(), Asset.objects.count()) == counts
    assert audit.verify()[1] is None


@pytest.mark.parametrize("rulebook", ["gaoping", "kaihua"])
def test_the_demo_walks_the_acceptance_in_other_rulebooks(settings, rulebook):
    settings.GOVIT_RULEBOOK = rulebook
    call_command("demo", "load")
    states = dict(
        Project.objects.filter(
            name__in=["最低生活保障审核系统", "社会救助热线平台", "养老机构监管子系统"]
        ).values_list("name", "state")
    )
    if rulebook == "kaihua":
        # The trial run lasts three months from today: every demo project waits in it.
        assert set(states.values()) == {"trial_run"}
        assert Meeting.objects.filter(kind="initial").count() == 3
    else:
        assert states["最低生活保障审核系统"] == "operation"
        assert states["社会救助热线平台"] == "rectification"
