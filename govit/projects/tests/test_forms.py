"""The project forms' own behaviour (the views' tests cover the rest)."""

from __future__ import annotations


def test_the_state_filter_offers_the_states_it_was_given() -> None:
    """The state select is rendered once per set of states (the active rulebook's), not once
    for every set."""
    from govit.orgs.models import Organisation
    from govit.projects.forms import ProjectFilterForm

    def rendered(states: list[str]) -> str:
        form = ProjectFilterForm(states=states, units=Organisation.objects.none())
        return str(form["state"])

    assert 'value="review"' in rendered(["draft", "review"])
    other = rendered(["draft", "construction"])
    assert 'value="construction"' in other
    assert 'value="review"' not in other
