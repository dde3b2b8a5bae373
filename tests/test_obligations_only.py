"""On a generated portfolio of every rulebook, the obligations-only evaluation that
``govit tick`` runs gives the obligations of the whole evaluation, on several days, and a day
to check again no earlier than the whole evaluation's."""

from __future__ import annotations

import datetime as dt

import pytest

from govit.core.calendar import WorkCalendar
from govit.core.selectors import work_calendar
from govit.generate.run import generate
from govit.generate.scale import Scale
from govit.policy import loader
from govit.policy.engine.snapshot import Snapshot
from govit.projects.models import Project
from govit.projects.snapshot_batch import Batch, read_batch

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 24)
RULEBOOKS = ("harbin", "kaihua", "wuhan", "bijie", "gaoping")


@pytest.fixture
def portfolio(settings, tmp_path) -> list[int]:
    settings.MEDIA_ROOT = tmp_path
    for seed, rulebook in enumerate(RULEBOOKS, start=11):
        generate(Scale(projects=40), seed=seed, rulebook_id=rulebook, today=TODAY, progress=False)
    return list(Project.objects.order_by("pk").values_list("pk", flat=True))


DAYS = (TODAY, TODAY + dt.timedelta(days=90), dt.date(2027, 12, 31))


def test_obligations_only_gives_the_whole_evaluations_obligations(portfolio):
    calendar = work_calendar()
    seen: dict[str, int] = dict.fromkeys(RULEBOOKS, 0)
    for day in DAYS:
        _compare(read_batch(portfolio, as_of=day), day, calendar, seen)
    # Every rulebook's portfolio gave obligations to compare.
    assert all(seen.values()), seen


def _compare(batch: Batch, day: dt.date, calendar: WorkCalendar, seen: dict[str, int]) -> None:
    for pk in batch.projects:
        snapshot = Snapshot.model_validate(batch.data(pk))
        rulebook = loader.get(str(snapshot.rulebook))
        whole = rulebook.evaluate(snapshot, calendar=calendar, as_of=day)
        partial = rulebook.evaluate(snapshot, calendar=calendar, as_of=day, obligations_only=True)
        assert partial.obligations == whole.obligations, pk
        if whole.recheck_on is None:
            assert partial.recheck_on is None, pk
        else:
            assert partial.recheck_on is None or partial.recheck_on >= whole.recheck_on, pk
        seen[rulebook.id] += len(whole.obligations)
