"""Document types: the snapshot's values with their Chinese labels from the policy vocabulary."""

from __future__ import annotations

from govit.policy.engine import snapshot
from govit.projects.choices import choices_of

DOCUMENT_TYPES = choices_of(snapshot.DocumentType)
