"""The dashboard's filters (kept in the URL)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from govit.core.widgets import FixedSelect, PlainModelChoiceField
from govit.orgs.models import Organisation
from govit.projects import choices
from govit.projects.forms import UNCLASSIFIED
from govit.reports.selectors import PortfolioFilter


class PortfolioFilterForm(forms.Form):
    plan_year = forms.IntegerField(
        label=_("plan year"), required=False, min_value=2000, max_value=2100
    )
    unit = PlainModelChoiceField(
        label=_("project unit"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("any unit"),
        versioned_by=Organisation,
    )
    state = forms.ChoiceField(
        label=_("state"), required=False, widget=FixedSelect(choices_key="reports.states")
    )
    kind = forms.ChoiceField(
        label=_("project type"),
        required=False,
        choices=[("", _("any type")), (UNCLASSIFIED, _("unclassified")), *choices.PROJECT_KINDS],
        widget=FixedSelect(choices_key="reports.kinds"),
    )

    def __init__(self, *args: Any, units: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["state"].choices = [("", _("any state")), *choices.STAGES]  # type: ignore[attr-defined]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} form-control-sm"

    def filters(self) -> PortfolioFilter:
        if not (self.is_bound and self.is_valid()):
            return PortfolioFilter()
        data = self.cleaned_data
        return PortfolioFilter(
            plan_year=data["plan_year"],
            unit_id=data["unit"].pk if data["unit"] else None,
            state=data["state"] or "",
            kind=data["kind"] or "",
        )
