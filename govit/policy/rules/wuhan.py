"""Rules of the Wuhan regulation that the generic modules do not express."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.registry import NoParams, Params, rule
from govit.policy.engine.snapshot import DocumentType, Snapshot, UnitKind
from govit.policy.vocabulary import label, labels, register_labels

register_labels({"soe": gettext_lazy("state-owned enterprise")})

# 第十条: the documents of the approval procedure, by the way the design is reviewed.
SEPARATE_DOCUMENTS: tuple[DocumentType, ...] = (
    "proposal",
    "feasibility_study",
    "preliminary_design",
)
MERGED_DOCUMENTS: tuple[DocumentType, ...] = ("implementation_plan",)
APPROVAL_ROUTES = frozenset({"approval", "government_approval"})


class UnitScope(Params):
    kinds: list[UnitKind]


@rule("wuhan_unit_scope", UnitScope)
def wuhan_unit_scope(s: Snapshot, p: UnitScope, c: Context) -> None:
    """Projects of the listed kinds of unit (state-owned enterprises) are outside the scope."""
    kind = s.unit.kind
    if kind is None or kind not in p.kinds:
        return
    c.decide("in_scope", False)
    c.info(
        _("The applying unit is a %(kind)s: this regulation does not govern its projects.")
        % {"kind": label(kind)}
    )


@rule("wuhan_classified_project")
def wuhan_classified_project(s: Snapshot, p: NoParams, c: Context) -> None:
    """A classified project is built and managed under the law on guarding state secrets."""
    if s.project.classified:
        c.info(
            _(
                "Classified project: its construction and management follow the Law on "
                "Guarding State Secrets and the related rules."
            )
        )


@rule("wuhan_approval_documents")
def wuhan_approval_documents(s: Snapshot, p: NoParams, c: Context) -> None:
    """An approved project has its proposal, feasibility study and preliminary design, or
    the single implementation plan where the merge conditions hold."""
    if c.result.decision("approval_route") not in APPROVAL_ROUTES:
        return
    project = s.project
    missing = [kind for kind in SEPARATE_DOCUMENTS if not project.has_document(kind)]
    if not missing:
        return
    if c.result.decision("design_review") != "merged":
        c.block(_("Documents the approval needs: %(types)s.") % {"types": labels(missing)})
    elif not all(project.has_document(kind) for kind in MERGED_DOCUMENTS):
        c.block(
            _("Documents the approval needs: %(types)s (or else %(alternative)s).")
            % {"types": labels(MERGED_DOCUMENTS), "alternative": labels(SEPARATE_DOCUMENTS)}
        )


@rule("wuhan_completed_before_acceptance")
def wuhan_completed_before_acceptance(s: Snapshot, p: NoParams, c: Context) -> None:
    """Acceptance is organised once the construction tasks are completed."""
    project = s.project
    if not c.reached("acceptance"):
        return
    if project.completed_on is None:
        c.block(_("The construction tasks are not recorded as completed."))
    elif project.acceptance_applied_on is not None and (
        project.acceptance_applied_on < project.completed_on
    ):
        c.block(
            _("Acceptance was applied for on %(applied)s, before completion on %(completed)s.")
            % {
                "applied": project.acceptance_applied_on.isoformat(),
                "completed": project.completed_on.isoformat(),
            }
        )
