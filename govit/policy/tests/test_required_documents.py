"""The documents a rulebook requires before a step (``required_documents``): a rule that fires
lists its types with its article, a rule that does not fire lists nothing, presence and the
approved/reviewed condition are read from the real documents. Pure: no database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from govit.policy import loader
from govit.policy.engine.snapshot import Snapshot
from govit.policy.required_documents import RequiredDocument, required_documents
from govit.policy.tests.helpers import TODAY, doc


def snapshot(**project: Any) -> Snapshot:
    project.setdefault("name", "测试项目")
    project.setdefault("stage", "planned")
    project.setdefault("in_annual_plan", True)
    return Snapshot.model_validate({"as_of": TODAY, "project": project, "unit": {}})


def by_type(found: list[RequiredDocument]) -> dict[str, RequiredDocument]:
    return {d.type: d for d in found}


def test_a_rule_that_fires_lists_its_documents_with_its_article():
    # Wuhan 第十六条: the assessment report from 50万元, before the approval.
    facts = snapshot(investment=Decimal("500000"), documents=[doc("proposal")])
    found = by_type(required_documents(loader.get("wuhan"), facts, "approved"))
    report = found["assessment_report"]
    assert (report.article, report.rule, report.present) == (
        "第十六条",
        "documents.assessment_report",
        False,
    )
    assert report.label != "assessment_report"  # the vocabulary's label
    assert found["proposal"].article == "第十条"
    assert found["proposal"].present


def test_a_rule_that_does_not_fire_lists_nothing():
    # One fen below 50万元 第十六条 does not apply; 第二十六条 (the crypto plan, any route) does.
    facts = snapshot(investment=Decimal("499999.99"), documents=[])
    found = by_type(required_documents(loader.get("wuhan"), facts, "approved"))
    assert "assessment_report" not in found
    assert "safe_reliable_statement" not in found
    assert found["crypto_plan"].article == "第二十六条"
    assert not found["crypto_plan"].present


def test_a_document_present_for_every_rule_still_lists_them():
    # The project's documents are taken away to ask which rules apply: a complete project
    # lists the same rules, every document present.
    kinds = ["proposal", "feasibility_study", "preliminary_design", "sharing_chapter"]
    kinds += ["crypto_plan", "assessment_report", "safe_reliable_statement"]
    facts = snapshot(investment=Decimal("1000000"), documents=[doc(kind) for kind in kinds])
    found = required_documents(loader.get("wuhan"), facts, "approved")
    assert {d.type for d in found} == set(kinds)
    assert all(d.present for d in found)


def test_a_reviewed_document_counts_only_once_reviewed():
    # Bijie 第十四条: the service plan reviewed by a third party before approval.
    rulebook = loader.get("bijie")

    def reviewed(**fields: Any) -> RequiredDocument:
        facts = snapshot(documents=[doc("service_plan", **fields)])
        return next(
            d
            for d in required_documents(rulebook, facts, "approved")
            if d.type == "service_plan" and d.condition == "reviewed"
        )

    assert reviewed().article == "第十四条"
    assert not reviewed().present
    assert reviewed(reviewed=True).present
