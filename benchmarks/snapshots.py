"""Generate realistic, varied snapshots for benchmarks (deterministic for a given seed)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any, get_args

from govit.policy.engine.snapshot import BudgetCategory, DocumentType, Feature, Stage

STAGES = [s for s in get_args(Stage) if s not in ("rejected", "suspended", "terminated")]
DOCUMENTS = list(get_args(DocumentType))
FEATURES = list(get_args(Feature))
CATEGORIES = list(get_args(BudgetCategory))


def _date(rng: random.Random, start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(days))


def snapshot(rng: random.Random, rulebook: str, number: int) -> dict[str, Any]:
    """One snapshot as JSON data: a project at a random stage with the facts of that stage
    (a draft has no contract; an accepted project has its acceptance dates)."""
    stage = rng.choice(STAGES)
    reached = STAGES.index(stage)

    def past(milestone: str) -> bool:
        return milestone in STAGES and reached >= STAGES.index(milestone)

    investment = Decimal(rng.choice([80_000, 300_000, 500_000, 1_200_000, 2_000_000, 9_000_000]))
    submitted = _date(rng, dt.date(2025, 1, 1), 500)

    def on(days: int) -> str:
        return (submitted + dt.timedelta(days=days)).isoformat()

    project: dict[str, Any] = {
        "name": f"信息化项目{number}",
        "kind": rng.choice(["new", "continued", "upgrade", "expansion", "om"]),
        "level": rng.choice(["city", "county"]),
        "stage": stage,
        "classified": rng.random() < 0.02,
        "emergency": rng.random() < 0.05,
        "simple": rng.random() < 0.2,
        "in_annual_plan": past("planned") or rng.random() < 0.1,
        "plan_year": rng.choice([2025, 2026, 2027]),
        "investment": str(investment),
        "om_years_included": rng.choice([0, 1, 3]),
        "funding_sources": [rng.choice(["fiscal", "fiscal", "fiscal", "superior", "self"])],
        "features": rng.sample(FEATURES, k=rng.choice([0, 0, 0, 0, 1])),
        "gov_cloud": rng.random() < 0.9,
        "shares_data": rng.random() < 0.9,
        "budget_items": [
            {"name": f"分项{i}", "category": rng.choice(CATEGORIES), "amount": str(investment / 4)}
            for i in range(rng.randint(1, 6))
        ],
        "documents": [
            {"type": kind, "date": submitted.isoformat(), "approved": True, "reviewed": True}
            for kind in rng.sample(DOCUMENTS, k=rng.randint(2, 12))
        ],
    }
    if past("submitted"):
        project["submitted_on"] = submitted.isoformat()
    if past("expert_review"):
        project["review_submitted_on"] = on(20)
        project["review_replied_on"] = on(20 + rng.randint(5, 30))
    if past("approved"):
        project["approved_on"] = on(90)
    if past("contracted"):
        project["supervision"] = rng.random() < 0.8
        project["contract"] = {
            "amount": str(investment * Decimal("0.9")),
            "signed_on": on(120),
            "filed_on": on(120 + rng.randint(1, 12)),
            "parties": rng.choice([2, 3]),
            "procurement_method": rng.choice(["public_tender", "inquiry", "single_source"]),
            "ip_owned_by_unit": rng.random() < 0.9,
            "security_testing_clause": rng.random() < 0.8,
            "emergency_response_clause": rng.random() < 0.8,
        }
    if past("construction"):
        project["construction_started_on"] = on(130)
        if rng.random() < 0.3:
            project["changes"] = [
                {
                    "amount": str(investment * Decimal("0.1")),
                    "reason": rng.choice(["technical_optimization", "other"]),
                    "goal_changed": False,
                    "exceeds_estimate": False,
                }
            ]
    if past("initial_acceptance"):
        project["completed_on"] = on(300)
        project["initial_acceptance_on"] = on(305)
    if past("trial_run"):
        project["trial_run_started_on"] = on(310)
    if past("acceptance"):
        project["acceptance_applied_on"] = on(410)
    if past("operation"):
        project["accepted_on"] = on(420)
        project["acceptance_passed"] = True
        project["acceptance_filed_on"] = on(420 + rng.randint(5, 40))
        project["operation_started_on"] = on(430)
        project["systems"] = [
            {
                "name": f"系统{number}-{i}",
                "in_catalog": rng.random() < 0.9,
                "docked": rng.random() < 0.8,
                "in_data_catalog": rng.random() < 0.8,
                "shares_data": rng.random() < 0.85,
                "security_compliant": rng.random() < 0.9,
                "crypto_compliant": rng.random() < 0.85,
            }
            for i in range(rng.randint(1, 3))
        ]
    if past("evaluated"):
        project["self_evaluated_on"] = on(430 + 400)
    return {
        "as_of": "2026-11-24",
        "rulebook": rulebook,
        "project": project,
        "unit": {
            "budget_unit_count": rng.randint(1, 10),
            "applications_this_cycle": rng.randint(1, 8),
        },
    }
