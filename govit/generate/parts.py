"""The parts of a project the snapshot reads: budget lines, co-building units, the contract,
changes, the systems it builds, and its documents (metadata rows; the versions point at a few
small shared files)."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from govit.documents.models import Document, DocumentVersion
from govit.generate.base import Context
from govit.generate.projects import Plan
from govit.projects.models import BudgetItem, Change, Contract, Project, System

BUDGET = [
    ("software", "应用软件开发"), ("hardware", "硬件设备购置"), ("cloud", "政务云资源租用"),
    ("security", "网络安全等级保护"), ("crypto", "商用密码应用"), ("integration", "系统集成"),
    ("supervision", "工程监理"), ("testing", "第三方测评"), ("om", "运维服务"),
]  # fmt: skip
# The documents a project has by the state it has reached (each list adds to the earlier).
DOCUMENTS: list[tuple[str, list[str]]] = [
    ("draft", ["application_form", "proposal"]),
    ("submitted", ["feasibility_study", "investment_estimate", "performance_targets"]),
    ("submitted", ["sharing_chapter", "crypto_plan", "data_collection_plan"]),
    ("approved", ["preliminary_design", "implementation_plan"]),
    ("filed", ["preliminary_design", "implementation_plan"]),
    ("contracted", ["control_price_review"]),
    ("construction", ["supervision_report"]),
    ("initial_acceptance", ["test_report"]),
    ("acceptance", ["test_report", "crypto_assessment", "design_docs", "test_docs"]),
    ("operation", ["acceptance_report", "source_code"]),
    ("evaluated", ["self_evaluation"]),
    ("archived", ["assessment_report"]),
]
# A few small shared files every generated version points at (the storage holds 4 files, not
# a million): name, content type, bytes.
SAMPLES = [
    ("sample.pdf", "application/pdf", b"%PDF-1.4\n% govit generated sample\n%%EOF\n"),
    ("sample.txt", "text/plain", "生成的示例文件\n".encode()),
    ("sample.csv", "text/csv", "名称,数量\n示例,1\n".encode()),
    ("sample.json", "application/json", b'{"sample": true}\n'),
]


def shared_files() -> list[tuple[str, str, str, int, str]]:
    """Write the shared sample files once; (storage name, original name, type, size, SM3)."""
    out = []
    folder = Path(settings.MEDIA_ROOT) / "generated"
    folder.mkdir(parents=True, exist_ok=True)
    for name, content_type, data in SAMPLES:
        path = folder / name
        if not path.exists():
            path.write_bytes(data)
        digest = hashlib.new("sm3", data).hexdigest()
        out.append((f"generated/{name}", name, content_type, len(data), digest))
    return out


def _document_types(plan: Plan, wanted: int) -> list[str]:
    types: list[str] = []
    for state, names in DOCUMENTS:
        if state in plan.reached:
            types += [name for name in names if name not in types]
    while len(types) < wanted:
        types.append("other")
    return types


def insert(
    ctx: Context, plans: list[Plan], files: list[tuple[str, str, str, int, str]]
) -> list[Change]:
    """Budget lines, co-building units, contracts, changes, systems and documents; the changes
    come back (the delivery records point at them)."""
    rng = ctx.rng
    budget: list[BudgetItem] = []
    co_units = []
    contracts: list[Contract] = []
    changes: list[Change] = []
    systems: list[System] = []
    documents: list[Document] = []
    through = Project.co_units.through
    for plan in plans:
        project = plan.project
        lines = rng.sample(BUDGET, k=rng.randint(1, 5))
        share = (plan.investment / len(lines)).quantize(Decimal("0.01"))
        for position, (category, name) in enumerate(lines):
            budget.append(
                BudgetItem(
                    project=project, position=position, name=name, category=category, amount=share
                )
            )
        if project.cross_department:
            for unit_id in {ctx.pick(ctx.unit_ids) for _ in range(2)} - {project.unit_id}:
                co_units.append(through(project_id=project.pk, organisation_id=unit_id))
        signed = plan.on("contracted")
        if signed:
            contracts.append(
                Contract(
                    project=project,
                    amount=(plan.investment * Decimal("0.92")).quantize(Decimal("0.01")),
                    signed_on=signed,
                    filed_on=signed + ctx.days(2, 12),
                    parties=["unit", "vendor"] + (["supervisor"] if project.supervision else []),
                    procurement_method=rng.choice(["public_tender", "inquiry", "single_source"]),
                    ip_owned_by_unit=rng.random() < 0.95,
                    security_testing_clause=rng.random() < 0.85,
                    emergency_response_clause=rng.random() < 0.85,
                    deliverables_clause=rng.random() < 0.9,
                )
            )
        started = plan.on("construction")
        if started and rng.random() < 0.2:
            changes.append(
                Change(
                    project=project,
                    description="调整部分建设内容",
                    amount=(plan.investment * Decimal("0.08")).quantize(Decimal("0.01")),
                    reason=rng.choice(["technical_optimization", "business_development"]),
                    on=started + ctx.days(30, 90),
                    goal_changed=False,
                    exceeds_estimate=False,
                    approved=True,
                    significant=False,
                )
            )
        if plan.on("operation"):
            for n in range(rng.randint(1, 2)):
                systems.append(
                    System(
                        project=project,
                        name=f"{project.name[:30]}系统{n + 1}",
                        in_catalog=True,
                        docked=rng.random() < 0.85,
                        in_data_catalog=rng.random() < 0.85,
                        shares_data=rng.random() < 0.9,
                        duplicate_collection=False,
                        security_compliant=rng.random() < 0.95,
                        crypto_compliant=rng.random() < 0.9,
                        major_hazard=False,
                        on_gov_cloud=project.gov_cloud,
                    )
                )
        day = plan.reached["draft"]
        for kind in _document_types(plan, ctx.scale.documents_per_project):
            documents.append(
                Document(
                    project=project,
                    type=kind,
                    title=f"{project.name[:60]}·{kind}",
                    date=day,
                    approved=True,
                    reviewed=True,
                    created_by_id=project.created_by_id,
                    version_count=1,
                )
            )
    ctx.insert(BudgetItem, budget)
    ctx.insert(through, co_units)
    ctx.insert(Contract, contracts)
    ctx.insert(Change, changes)
    ctx.insert(System, systems)
    ctx.insert(Document, documents)
    now = timezone.now()
    ctx.insert(
        DocumentVersion,
        [
            DocumentVersion(
                document=document,
                number=1,
                file=files[n % len(files)][0],
                original_name=files[n % len(files)][1],
                content_type=files[n % len(files)][2],
                size=files[n % len(files)][3],
                sm3=files[n % len(files)][4],
                uploaded_by_id=document.created_by_id,
                uploaded_at=now,
            )
            for n, document in enumerate(documents)
        ],
    )
    return changes
