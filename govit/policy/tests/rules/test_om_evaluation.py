"""The unit's evaluation result as a basis for O&M funds (Harbin 第三十四条, Wuhan 第二十三条);
Gaoping 第二十二条 uses the results for next year's project review only."""

from __future__ import annotations

from typing import Any

import pytest

from govit.policy.engine.results import CheckResult
from govit.policy.tests.helpers import TODAY, check, findings

ENTRY = "funding.om_evaluation_basis"
ARTICLES = {"harbin": "第三十四条", "wuhan": "第二十三条"}

SYSTEM = {
    "name": "审批系统",
    "in_catalog": True,
    "shares_data": True,
    "duplicate_collection": False,
    "in_data_catalog": True,
    "security_compliant": True,
    "crypto_compliant": True,
    "major_hazard": False,
}


def om(rulebook: str, **system: Any) -> CheckResult:
    return check(
        rulebook, kind="om", stage="operation", systems=[{**SYSTEM, **system}], gov_cloud=True
    )


@pytest.mark.parametrize("rulebook", sorted(ARTICLES))
def test_a_poor_result_is_a_warning_citing_the_article(rulebook: str) -> None:
    result = om(rulebook, evaluation_year=TODAY.year, evaluation_grade="poor")
    [finding] = findings(result, ENTRY)
    assert finding.severity == "warn"
    assert finding.article == ARTICLES[rulebook]
    assert "重要依据" in finding.quote
    assert str(TODAY.year) in finding.message
    assert "审批系统" in finding.message


@pytest.mark.parametrize("rulebook", sorted(ARTICLES))
@pytest.mark.parametrize("grade", ["fair", "good", "excellent"])
def test_a_result_above_poor_is_shown_as_information_only(rulebook: str, grade: str) -> None:
    result = om(rulebook, evaluation_year=TODAY.year, evaluation_grade=grade)
    [finding] = findings(result, ENTRY)
    assert finding.severity == "info"
    assert finding.article == ARTICLES[rulebook]


@pytest.mark.parametrize("rulebook", sorted(ARTICLES))
def test_the_result_never_decides_the_funding_by_itself(rulebook: str) -> None:
    poor = om(rulebook, evaluation_year=TODAY.year, evaluation_grade="poor")
    without = om(rulebook)
    assert poor.decisions.get("om_funding") == without.decisions.get("om_funding")
    assert not findings(poor, ENTRY, "block")


@pytest.mark.parametrize("rulebook", sorted(ARTICLES))
def test_last_years_result_is_read_an_older_one_is_not(rulebook: str) -> None:
    last = om(rulebook, evaluation_year=TODAY.year - 1, evaluation_grade="poor")
    assert findings(last, ENTRY, "warn")
    older = om(rulebook, evaluation_year=TODAY.year - 2, evaluation_grade="poor")
    assert not findings(older, ENTRY)
    later = om(rulebook, evaluation_year=TODAY.year + 1, evaluation_grade="poor")
    assert not findings(later, ENTRY)


@pytest.mark.parametrize("rulebook", sorted(ARTICLES))
def test_a_unit_that_was_not_evaluated_has_no_finding(rulebook: str) -> None:
    assert not findings(om(rulebook), ENTRY)
    assert not findings(om(rulebook, evaluation_year=TODAY.year), ENTRY)


@pytest.mark.parametrize("rulebook", ["gaoping", "kaihua", "bijie"])
def test_other_rulebooks_do_not_tie_o_and_m_funds_to_the_result(rulebook: str) -> None:
    result = om(rulebook, evaluation_year=TODAY.year, evaluation_grade="poor")
    assert not findings(result, ENTRY)
    assert not [f for f in result.findings if "evaluation_grade" in f.message]
