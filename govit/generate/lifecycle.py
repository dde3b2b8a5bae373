"""The road from ``draft`` to each state of the rulebook's graph, and how many projects stop
in each state.

A project left in state S has walked the shortest road of the rulebook's transitions from the
initial state to S. Where the road forks between approval and filing (备案), small projects
take the filing road and the others the approval road, as the rulebooks' thresholds have it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from govit.policy.loader import LoadedRulebook
from govit.policy.schema import Transition

# The share of the portfolio left in each state, before it is limited to the rulebook's
# states; a province's portfolio is mostly delivered and running projects.
WEIGHTS: dict[str, float] = {
    "draft": 3,
    "submitted": 3,
    "preliminary_review": 2,
    "returned": 1.5,
    "expert_review": 2,
    "decision": 1,
    "library": 2,
    "planned": 3,
    "approved": 3,
    "filed": 2,
    "procurement": 3,
    "contracted": 3,
    "construction": 10,
    "initial_acceptance": 2,
    "trial_run": 2,
    "acceptance": 3,
    "rectification": 1,
    "operation": 22,
    "evaluated": 12,
    "archived": 10,
    "rejected": 3,
    "suspended": 1,
    "terminated": 1,
}
# States off the main road: a road may end in one, never pass through one (a project that
# was suspended and resumed is not the typical one, and must not skip its contract).
DETOURS = frozenset({"returned", "rejected", "suspended", "terminated", "rectification"})
# Investment under which a project takes the filing road where there is one (yuan).
FILING_LIMIT = 500_000


def _roads(rulebook: LoadedRulebook, avoid: str) -> dict[str, list[Transition]]:
    """The shortest road (a list of transitions) to every reachable state, never through
    ``avoid`` nor through a detour (``terminated`` is reached through ``suspended``)."""
    spec = rulebook.spec
    roads: dict[str, list[Transition]] = {spec.initial: []}
    queue = deque([spec.initial])
    while queue:
        state = queue.popleft()
        for transition in spec.transitions:
            target = transition.to
            if state in transition.source and target not in roads and target != avoid:
                roads[target] = [*roads[state], transition]
                if target not in DETOURS:
                    queue.append(target)
    for transition in spec.transitions:
        # Detours reached only from another detour (terminated after suspended).
        for state in transition.source:
            if state in DETOURS and state in roads and transition.to not in roads:
                roads[transition.to] = [*roads[state], transition]
    return roads


class Roads:
    """The approval and filing roads of a rulebook, and the states projects stop in."""

    def __init__(self, rulebook: LoadedRulebook) -> None:
        self.approval = _roads(rulebook, avoid="filed")
        self.filing = _roads(rulebook, avoid="approved")
        reachable = set(self.approval) | set(self.filing)
        self.states = [s for s in rulebook.spec.states if s in reachable and s in WEIGHTS]
        self.weights = [WEIGHTS[s] for s in self.states]

    def road(self, state: str, investment: float) -> list[Transition]:
        """The steps of a project left in ``state``."""
        first, second = (
            (self.filing, self.approval)
            if investment < FILING_LIMIT
            else (self.approval, self.filing)
        )
        return first.get(state) or second[state]

    def passes(self, road: Iterable[Transition], state: str) -> bool:
        return any(step.to == state for step in road)
