import pytest
from django.core.management import call_command

from govit.core import audit
from govit.orgs.models import Membership, Organisation, User
from govit.orgs.validators import is_valid_credit_code
from govit.web import demo

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rulebook_id", ["wuhan", "gaoping", "kaihua"])
def test_it_loads_one_account_per_role_named_after_the_rulebook(settings, rulebook_id, capsys):
    settings.GOVIT_RULEBOOK = rulebook_id
    call_command("demo", "accounts")
    out = capsys.readouterr().out
    assert demo.DEMO_PASSWORD in out
    roles = set(Membership.objects.values_list("role", flat=True))
    assert len(roles) == 15
    assert all(
        is_valid_credit_code(code)
        for code in Organisation.objects.values_list("credit_code", flat=True)
    )
    assert User.objects.get(username="admin").is_superuser
    assert audit.verify()[1] is None


def test_a_second_load_reuses_what_is_there(settings):
    call_command("demo", "load")
    counts = (Organisation.objects.count(), User.objects.count(), Membership.objects.count())
    call_command("demo", "load")
    assert (
        Organisation.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    ) == counts


def test_the_demo_passwords_work(client):
    call_command("demo", "load")
    assert client.login(username="unit", password=demo.DEMO_PASSWORD)
