"""The documents the engine requires for the approval step of the route it decided (issue
#5: "the route the engine decided and the documents it required"), each with its article
and whether the project has it. Which documents those are is the policy engine's answer
(``govit.policy.required_documents``); delivery only names the step of the route. This runs
in memory on a snapshot already built: no query."""

from __future__ import annotations

from govit.policy import loader
from govit.policy import required_documents as policy
from govit.policy.engine.snapshot import Snapshot
from govit.policy.required_documents import RequiredDocument

__all__ = ["RequiredDocument", "approval_target", "required_documents"]


def approval_target(route: str) -> str:
    """The state of the approval step of a route: filing ends in ``filed``."""
    return "filed" if route == "filing" else "approved"


def required_documents(rulebook_id: str, snapshot: Snapshot, route: str) -> list[RequiredDocument]:
    """The documents the approval step of ``route`` requires of the project in ``snapshot``."""
    return policy.required_documents(loader.get(rulebook_id), snapshot, approval_target(route))
