"""The tick's parts benchmark (benchmarks/tick_parts.py) runs on a small generated portfolio
and prints each part."""

from __future__ import annotations

import datetime as dt

import pytest

from benchmarks import tick_parts
from govit.generate.run import generate
from govit.generate.scale import Scale

pytestmark = pytest.mark.django_db


def test_it_prints_every_part_per_project(settings, tmp_path, capsys):
    settings.MEDIA_ROOT = tmp_path
    generate(Scale(projects=30), seed=3, today=dt.date(2026, 11, 24), progress=False)
    assert tick_parts.main(["--size", "10", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("10 open projects")
    for part in ("reading the batch", "digest", "data()", "engine, obligations only"):
        assert f"| {part}" in out


def test_it_says_so_when_there_is_nothing_to_measure(capsys):
    assert tick_parts.main(["--repeat", "1"]) == 1
    assert "govit generate" in capsys.readouterr().out
