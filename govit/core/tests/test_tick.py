import pytest
from django.core.management import CommandError, call_command

from govit.core import ticks

pytestmark = pytest.mark.django_db


def test_tick_runs_every_registered_job(capsys):
    call_command("tick")
    out = capsys.readouterr().out
    assert "systems.om_funding:" in out


def test_tick_runs_one_job_on_request(capsys):
    ticks.register("test.echo", lambda: "echoed")
    call_command("tick", only=["test.echo"])
    assert capsys.readouterr().out.strip() == "test.echo: echoed"


def test_tick_names_an_unknown_job():
    with pytest.raises(CommandError, match="unknown job"):
        call_command("tick", only=["nope"])


def test_tick_is_idempotent(capsys):
    call_command("tick")
    first = capsys.readouterr().out
    call_command("tick")
    assert capsys.readouterr().out == first
