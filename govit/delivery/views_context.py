"""What the delivery page shows of procurement, supervision, progress, payment requests and
versions (kept apart from views.py, which would grow past its size)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from govit.delivery import policies, progress, selectors, vendor_results
from govit.orgs.models import User
from govit.policy.engine.results import CheckResult
from govit.projects.models import Project


def steps_context(actor: User, project: Project, result: CheckResult) -> dict[str, Any]:
    milestones = selectors.project_milestones(project)
    procurements = selectors.project_procurements(project)
    vendor_results.attach(actor, project.rulebook, procurements, vendor="winning_vendor")
    decision = result.decisions.get("supervision_required")
    return {
        "procurements": procurements,
        "can_record_procurement": policies.procurement_record(actor, project),
        "supervision": selectors.supervision_of(project),
        "supervision_required": decision,
        "can_engage_supervisor": policies.supervision_engage(actor, project),
        "milestones": milestones,
        "variance": progress.project_variance(milestones, timezone.localdate()),
        "payment_requests": selectors.project_payment_requests(project),
        "can_request_payment": policies.payment_request(actor, project),
        "can_decide_payment": policies.payment_approve(actor, project),
        "can_reverse_payment": policies.payment_reverse(actor, project),
        "versions": selectors.project_versions(project),
        "can_reject_change": policies.change_reject(actor, project),
    }
