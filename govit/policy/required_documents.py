"""The documents a rulebook requires of a project before a lifecycle step, each with the article
that requires it and whether the project has it.

An evaluation only reports what is missing, so which document rules apply to the project is
asked of the engine with the project's documents taken away: every document rule that then
blocks the step applies, with its document types and article. Whether each is present is read
from the project's real snapshot. Runs in memory over the snapshot given: no query."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from govit.policy.engine.snapshot import Project as ProjectFacts
from govit.policy.engine.snapshot import Snapshot
from govit.policy.rules.wuhan import MERGED_DOCUMENTS, SEPARATE_DOCUMENTS
from govit.policy.vocabulary import label

if TYPE_CHECKING:
    from govit.policy.engine.compiled import Entry
    from govit.policy.engine.results import CheckResult
    from govit.policy.loader import LoadedRulebook

# Rules whose parameters list the document types they require.
TYPED_RULES = frozenset({"documents_required", "bijie_fiscal_documents_required"})
# Wuhan 第十条: the separate approval documents, or the single plan where the steps merge.
WUHAN_APPROVAL = "wuhan_approval_documents"


@dataclass(frozen=True)
class RequiredDocument:
    """A document a step requires, with the article and whether the project has it."""

    type: str
    label: str
    article: str
    rule: str  # the rulebook entry's id
    condition: str  # "" (present), "approved" or "reviewed"
    present: bool


def _without_documents(snapshot: Snapshot) -> Snapshot:
    facts = snapshot.project.model_copy(update={"documents": []})
    # The copy carries the original's cached lookup of its documents: drop it.
    facts.__dict__.pop("_latest_documents", None)
    return snapshot.model_copy(update={"project": facts})


def _kinds(entry: Entry, bare: CheckResult, facts: ProjectFacts) -> Iterator[tuple[str, str]]:
    """The document types (with their condition) an entry that blocked requires."""
    if entry.rule in TYPED_RULES:
        params = entry.params
        condition = (
            "approved"
            if getattr(params, "approved", False)
            else "reviewed"
            if getattr(params, "reviewed", False)
            else ""
        )
        for kind in getattr(params, "types", ()):
            yield kind, condition
    elif entry.rule == WUHAN_APPROVAL:
        separate = all(facts.has_document(kind) for kind in SEPARATE_DOCUMENTS)
        merged = bare.decision("design_review") == "merged"
        for kind in MERGED_DOCUMENTS if merged and not separate else SEPARATE_DOCUMENTS:
            yield kind, ""


def _present(facts: ProjectFacts, kind: str, condition: str) -> bool:
    document = facts.document(kind)
    if document is None:
        return False
    if condition == "approved":
        return bool(document.approved)
    if condition == "reviewed":
        return bool(document.reviewed)
    return True


def required_documents(
    rulebook: LoadedRulebook, snapshot: Snapshot, step: str
) -> list[RequiredDocument]:
    """The documents ``rulebook`` requires of the project in ``snapshot`` before it reaches the
    state ``step`` (``approved``, ``filed``, ...), in the order of the rules; a type required
    twice with the same condition is listed once, with the first rule's article."""
    bare = rulebook.evaluate(_without_documents(snapshot), target=step, as_of=snapshot.as_of)
    entries = {entry.id: entry for entry in rulebook.entries}
    facts = snapshot.project
    found: list[RequiredDocument] = []
    seen: set[tuple[str, str]] = set()
    for finding in bare.blocking(step):
        entry = entries.get(finding.rule)
        if entry is None:
            continue
        for kind, condition in _kinds(entry, bare, facts):
            if (kind, condition) in seen:
                continue
            seen.add((kind, condition))
            found.append(
                RequiredDocument(
                    type=kind,
                    label=label(kind),
                    article=entry.article,
                    rule=entry.id,
                    condition=condition,
                    present=_present(facts, kind, condition),
                )
            )
    return found
