"""The examples in the docs stay true."""

from pathlib import Path

import pytest

from govit.core.calendar import PURE_CALENDAR
from govit.policy import loader
from govit.policy.checking import parse_snapshot

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "docs" / "examples").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_snapshot_is_valid_for_its_rulebook(path):
    snapshot = parse_snapshot(path.read_text(encoding="utf-8"))
    assert snapshot.rulebook == path.stem
    result = loader.get(path.stem).evaluate(snapshot, calendar=PURE_CALENDAR)
    assert not [f for f in result.findings if f.rule == "snapshot.unknown_field"]
    assert result.decisions, "an example shows at least one decision"


def test_the_wuhan_example_decides_as_the_docs_say():
    snapshot = parse_snapshot((EXAMPLES[0].parent / "wuhan.json").read_text(encoding="utf-8"))
    rulebook = loader.get("wuhan")
    result = rulebook.evaluate(snapshot, calendar=PURE_CALENDAR)
    assert result.decision("approval_route") == "approval"
    assert result.decisions["approval_route"].article == "第八条"
    assert result.decision("design_review") == "merged"
    gate = rulebook.evaluate(
        snapshot, calendar=PURE_CALENDAR, target="approved", transition="approve"
    )
    assert [f.article for f in gate.blocking("approved")] == ["第十六条"]


@pytest.mark.parametrize(
    ("rulebook_id", "name", "value", "article"),
    [
        ("harbin", "design_review", "merged", "第二十条"),
        ("harbin", "third_party_acceptance_test", True, "第二十七条"),
        ("kaihua", "supervision_required", True, "第十一条"),
        ("kaihua", "change_route", "joint_review", "第十二条"),
        ("bijie", "city_review_required", True, "第三十四条"),
        ("bijie", "excluded_budget_items", ["办公电脑"], "第十一条"),
        ("gaoping", "om_funding", "withheld", "第二十条"),
    ],
)
def test_the_examples_decide_as_the_docs_say(rulebook_id, name, value, article):
    path = EXAMPLES[0].parent / f"{rulebook_id}.json"
    result = loader.get(rulebook_id).evaluate(
        parse_snapshot(path.read_text(encoding="utf-8")), calendar=PURE_CALENDAR
    )
    assert result.decision(name) == value
    assert result.decisions[name].article == article


def test_the_gaoping_example_filing_is_overdue():
    from govit.policy.tests.helpers import D

    path = EXAMPLES[0].parent / "gaoping.json"
    result = loader.get("gaoping").evaluate(
        parse_snapshot(path.read_text(encoding="utf-8")), calendar=PURE_CALENDAR
    )
    filing = next(o for o in result.obligations if o.kind == "acceptance_filing")
    assert (filing.due, filing.status) == (D(2026, 11, 16), "overdue")


def test_the_readme_shows_the_two_commands_first():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    first_section = readme.split("\n## ", 2)[1]
    assert "make demo" in first_section
    assert "make test" in first_section
