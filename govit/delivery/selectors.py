"""Read queries of the delivery records, scoped to the actor through the project."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from govit.delivery import policies
from govit.delivery.models import (
    Appropriation,
    ApprovalRecord,
    Budget,
    ChangeRequest,
    Contract,
    Milestone,
    Payment,
    PaymentRequest,
    Procurement,
    ProgressReport,
    ProjectVersion,
    Rebaseline,
    SupervisionEngagement,
    SurplusReturn,
)
from govit.documents.models import DocumentVersion
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.policy.engine.results import CheckResult, Obligation
from govit.projects.models import Project
from govit.projects.selectors import visible_projects, visible_to


def delivery_project(*, actor: User, pk: int) -> Project | None:
    """A project whose delivery records the actor may read, or None (answered as 404)."""
    project = visible_projects(actor).select_related("unit").filter(pk=pk).first()
    if project is None or not policies.delivery_view(actor, project):
        return None
    return project


@dataclass
class Delivery:
    """Everything the delivery page shows about one project."""

    approval: ApprovalRecord | None
    budget: Budget | None
    appropriations: list[Appropriation]
    payments: list[Payment]
    surplus_returns: list[SurplusReturn]

    @property
    def approved(self) -> Decimal:
        return self.budget.approved if self.budget else Decimal(0)

    @property
    def paid(self) -> Decimal:
        return self.budget.paid if self.budget else Decimal(0)

    @property
    def balance(self) -> Decimal:
        return self.approved - self.paid

    @property
    def appropriated(self) -> Decimal:
        return sum((a.amount for a in self.appropriations), Decimal(0))


def delivery_of(project: Project) -> Delivery:
    """The project's approval, budget, appropriations, payments and returns (five queries)."""
    return Delivery(
        approval=ApprovalRecord.objects.filter(project=project).first(),
        budget=Budget.objects.filter(project=project).first(),
        appropriations=list(Appropriation.objects.filter(project=project)),
        payments=list(Payment.objects.filter(project=project).select_related("evidence")),
        surplus_returns=list(SurplusReturn.objects.filter(project=project)),
    )


def projects_awaiting_approval_record(*, actor: User) -> models.QuerySet[Project]:
    """Approved projects the actor may record the approval of and that have none yet."""
    projects = visible_projects(actor).filter(
        approved_on__isnull=False, approval_record__isnull=True
    )
    if actor.is_authenticated and (actor.has_role("competent") or actor.has_role("unit")):
        if actor.has_role("competent"):
            return projects
        from govit.projects.policies import acting_unit_ids

        return projects.filter(unit_id__in=acting_unit_ids(actor))
    return projects.none()


def project_contracts(project: Project) -> list[Contract]:
    """The project's contracts with their vendor and amendments (two queries)."""
    return list(
        Contract.objects.filter(project=project)
        .select_related("vendor")
        .prefetch_related("amendments")
        .order_by("id")
    )


def contract_for(*, actor: User, pk: int) -> Contract | None:
    """A contract the actor may read (through its project, or as its vendor), or None."""
    contract = (
        Contract.objects.select_related("project", "project__unit", "vendor")
        .prefetch_related("amendments")
        .filter(pk=pk)
        .first()
    )
    if contract is None or not policies.contract_view(actor, contract):
        return None
    return contract


def vendor_contracts(*, actor: User) -> models.QuerySet[Contract]:
    """The contracts of the vendors the actor works for."""
    vendors = [m.organisation_id for m in actor.active_memberships if m.role == Role.VENDOR]
    return (
        Contract.objects.filter(vendor_id__in=vendors)
        .select_related("project", "vendor")
        .order_by("-signed_on", "-id")
    )


def vendor_choices() -> models.QuerySet[Organisation]:
    """Organisations a contract may name as its vendor."""
    return Organisation.objects.filter(kind=Role.VENDOR, is_active=True).order_by("name")


def filing_obligations(result: CheckResult) -> list[Obligation]:
    """The engine's contract-filing duties (the rulebook's deadline, its status)."""
    return [o for o in result.obligations if o.kind == "contract_filing"]


def project_changes(project: Project) -> list[ChangeRequest]:
    """The project's change requests, oldest first."""
    return list(ChangeRequest.objects.filter(project=project).order_by("requested_on", "id"))


def delivery_projects(*, actor: User) -> models.QuerySet[Project]:
    """Approved projects the actor may see, with their unit, most recently approved first."""
    return (
        visible_projects(actor)
        .filter(approved_on__isnull=False)
        .select_related("unit")
        .order_by("-approved_on", "-id")
    )


def changes_awaiting_approval(*, actor: User) -> models.QuerySet[ChangeRequest]:
    """Change requests the actor (the competent department) may approve."""
    if not (actor.is_authenticated and actor.has_role(Role.COMPETENT)):
        return ChangeRequest.objects.none()
    return ChangeRequest.objects.filter(visible_to(actor), status=ChangeRequest.Status.REQUESTED)


def project_procurements(project: Project) -> list[Procurement]:
    """The project's procurements with their vendor, review document and contract."""
    return list(
        Procurement.objects.filter(project=project)
        .select_related("winning_vendor", "control_price_review_document", "contract")
        .order_by("planned_on", "id")
    )


def procurement_for(project: Project, pk: int) -> Procurement | None:
    """A procurement of a project (that the caller checked the actor sees), or None."""
    return (
        Procurement.objects.filter(project=project, pk=pk)
        .select_related("project", "project__unit", "winning_vendor", "contract")
        .first()
    )


def supervision_of(project: Project) -> SupervisionEngagement | None:
    """The project's supervision engagement with its reports, or None."""
    return (
        SupervisionEngagement.objects.filter(project=project)
        .select_related("supervisor")
        .prefetch_related("reports__document")
        .first()
    )


def engagement_for(*, actor: User, pk: int) -> SupervisionEngagement | None:
    """An engagement the actor may read (through its project, or as the supervisor)."""
    engagement = (
        SupervisionEngagement.objects.select_related("project", "project__unit", "supervisor")
        .prefetch_related("reports__document")
        .filter(pk=pk)
        .first()
    )
    if engagement is None or not policies.supervision_view(actor, engagement):
        return None
    return engagement


def supervision_report_file(*, actor: User, pk: int, report_pk: int) -> DocumentVersion | None:
    """The latest version of the document of a report of an engagement the actor may read."""
    engagement = engagement_for(actor=actor, pk=pk)
    if engagement is None:
        return None
    report = next((r for r in engagement.reports.all() if r.pk == report_pk), None)
    if report is None or report.document_id is None:
        return None
    return (
        DocumentVersion.objects.select_related("document")
        .filter(document_id=report.document_id)
        .order_by("-number")
        .first()
    )


def supervisor_engagements(*, actor: User) -> models.QuerySet[SupervisionEngagement]:
    """The engagements of the supervisors the actor works for."""
    orgs = [m.organisation_id for m in actor.active_memberships if m.role == Role.SUPERVISOR]
    return SupervisionEngagement.objects.filter(supervisor_id__in=orgs).select_related("project")


def supervisor_choices() -> models.QuerySet[Organisation]:
    """Organisations that may be engaged as the supervisor."""
    return Organisation.objects.filter(kind=Role.SUPERVISOR, is_active=True).order_by("name")


def project_milestones(project: Project) -> list[Milestone]:
    return list(Milestone.objects.filter(project=project).order_by("baseline_due", "id"))


def project_rebaselines(project: Project) -> list[Rebaseline]:
    return list(Rebaseline.objects.filter(project=project).order_by("-number"))


def project_progress_reports(project: Project) -> list[ProgressReport]:
    return list(
        ProgressReport.objects.filter(project=project)
        .select_related("document")
        .order_by("-period_end", "-id")
    )


def project_payment_requests(project: Project) -> list[PaymentRequest]:
    return list(
        PaymentRequest.objects.filter(project=project)
        .select_related("milestone", "evidence", "payment")
        .order_by("-requested_on", "-id")
    )


def project_versions(project: Project) -> list[ProjectVersion]:
    return list(
        ProjectVersion.objects.filter(project=project).select_related("change").order_by("-number")
    )


def payment_requests_awaiting(*, actor: User) -> models.QuerySet[PaymentRequest]:
    """Open payment requests finance may decide or execute."""
    if not (actor.is_authenticated and actor.has_role(Role.FINANCE)):
        return PaymentRequest.objects.none()
    return PaymentRequest.objects.filter(visible_to(actor), status__in=PaymentRequest.OPEN)
