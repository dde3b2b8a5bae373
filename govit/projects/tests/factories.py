"""factory_boy factories for projects and helpers that make a project ready for a step."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import factory

from govit.documents.models import Document
from govit.orgs.models import Organisation
from govit.orgs.tests.factories import OrganisationFactory
from govit.projects.models import BudgetItem, Project

# Documents every Wuhan step asks for at some point.
WUHAN_DOCUMENTS = (
    "proposal",
    "feasibility_study",
    "preliminary_design",
    "crypto_plan",
    "sharing_chapter",
    "assessment_report",
    "safe_reliable_statement",
    "risk_assessment",
    "crypto_assessment",
    "audit_report",
)


class ProjectFactory(factory.django.DjangoModelFactory[Project]):
    class Meta:
        model = Project

    code = factory.Sequence(lambda n: f"T-2026-{n:04d}")
    rulebook = "wuhan"
    state = "draft"
    name = factory.Sequence(lambda n: f"测试项目{n}")
    unit = factory.SubFactory(OrganisationFactory)
    plan_year = 2026
    investment = Decimal("1000000.00")


class BudgetItemFactory(factory.django.DjangoModelFactory[BudgetItem]):
    class Meta:
        model = BudgetItem

    project = factory.SubFactory(ProjectFactory)
    name = "软件开发"
    category = "software"
    amount = Decimal("800000.00")


def add_documents(project: Project, *types: str) -> list[Document]:
    """Document records (without files: the rules read the records) of the given types."""
    return Document.objects.bulk_create(
        Document(project=project, type=kind, title=f"{kind}.pdf", version_count=0) for kind in types
    )


def ready_project(unit: Organisation, **facts: Any) -> Project:
    """A Wuhan project whose facts and documents satisfy every rule (the route aside, which the
    investment decides)."""
    values: dict[str, Any] = {
        "unit": unit,
        "in_annual_plan": True,
        "platform_docked": True,
        "acceptance_confirmed": True,
        "safe_reliable_products": True,
        "gov_cloud": True,
        "features": [],
        **facts,
    }
    project: Project = ProjectFactory(**values)
    add_documents(project, *WUHAN_DOCUMENTS)
    return project
