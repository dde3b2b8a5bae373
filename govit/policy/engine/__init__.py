"""The policy engine: snapshots in, findings, obligations and decisions out (DESIGN.md §4)."""
