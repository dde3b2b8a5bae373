"""Documents a step needs: present, approved or reviewed."""

from __future__ import annotations

from decimal import Decimal

from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.registry import Params, rule
from govit.policy.engine.snapshot import DocumentType, ProjectKind, Snapshot
from govit.policy.vocabulary import label, labels


class DocumentsRequired(Params):
    types: list[DocumentType]
    approved: bool = False
    reviewed: bool = False
    kinds: list[ProjectKind] | None = None  # only projects of these kinds
    skip_classified: bool = False
    min_investment: Decimal | None = None  # only projects at or above this amount


@rule("documents_required", DocumentsRequired)
def documents_required(s: Snapshot, p: DocumentsRequired, c: Context) -> None:
    """The listed documents must exist (and be approved or reviewed where the text says so)."""
    project = s.project
    if p.skip_classified and project.classified:
        return
    if p.kinds is not None:
        if project.kind is None:
            c.unknown("project.kind")
            return
        if project.kind not in p.kinds:
            return
    if p.min_investment is not None:
        if project.investment is None:
            c.unknown("project.investment")
            return
        if project.investment < p.min_investment:
            return
    if project.documents is None:
        c.block(_("Documents needed: %(types)s.") % {"types": labels(p.types)})
        return
    missing: list[str] = []
    for kind in p.types:
        document = project.document(kind)
        if document is None:
            missing.append(label(kind))
        elif p.approved and not document.approved:
            missing.append(_("%(type)s (approved)") % {"type": label(kind)})
        elif p.reviewed and not document.reviewed:
            missing.append(_("%(type)s (reviewed)") % {"type": label(kind)})
    if missing:
        c.block(_("Documents needed: %(types)s.") % {"types": "、".join(missing)})


class HardwareJustified(Params):
    pass


@rule("hardware_justified", HardwareJustified)
def hardware_justified(s: Snapshot, p: HardwareJustified, c: Context) -> None:
    """New physical hardware in the budget needs a documented justification."""
    items = s.project.budget_items
    if items is None:
        return
    if any(item.category == "hardware" for item in items) and not s.project.has_document(
        "hardware_justification"
    ):
        c.warn(_("The budget buys new hardware: attach the justification for it."))
