"""Forms of the reviews pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govit.reviews.choices import ReviewKind, ReviewStatus, Specialty

# ISO format: what <input type=date> reads (the zh-hans format 2026/11/24 shows as empty).
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReviewForm(forms.Form):
    """Open a review: kind, date, how many experts of each specialty, reserves."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ReviewKind.choices)
    review_on = forms.DateField(label=_("Review date"), widget=DATE)
    reserve_count = forms.IntegerField(label=_("Reserves"), min_value=0, max_value=20, initial=1)
    outlier_distance = forms.IntegerField(
        label=_("Outlier distance (points)"), min_value=0, max_value=100, initial=20
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Specialty.choices:
            self.fields[f"mix_{value}"] = forms.IntegerField(
                label=label, min_value=0, max_value=20, initial=0, required=False
            )

    def mix(self) -> dict[str, int]:
        return {
            value: int(self.cleaned_data.get(f"mix_{value}") or 0) for value in Specialty.values
        }


class ScoreForm(forms.Form):
    """One score per criterion (0-100) and the opinion."""

    opinion = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, criteria: list[dict[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion['id']}"] = forms.IntegerField(
                label=criterion["label"], min_value=0, max_value=100
            )

    def scores(self) -> dict[str, int]:
        return {c["id"]: int(self.cleaned_data[f"score_{c['id']}"]) for c in self.criteria}


class AvailabilityForm(forms.Form):
    """Mark an expert available, or unavailable with a reason and an optional end date."""

    available = forms.BooleanField(label=_("Available"), required=False)
    unavailable_reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
    unavailable_until = forms.DateField(label=_("Until"), required=False, widget=DATE)


class ReviewFilterForm(forms.Form):
    """The review list's filters, kept in the URL; the dashboard's figures link here."""

    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("any stage")), *ReviewKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("any status")), *ReviewStatus.choices]
    )
    phase = forms.ChoiceField(
        label=_("Phase"),
        required=False,
        choices=[
            ("", _("any phase")),
            ("in_review", _("In review")),
            ("overdue", _("Waiting beyond the deadline")),
            ("paused", _("Clock stopped (returned for supplement)")),
            ("done", _("Opinion given")),
        ],
    )
    month = forms.DateField(
        label=_("Opinion month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    plan_year = forms.IntegerField(
        label=_("Plan year"), required=False, min_value=2000, max_value=2100
    )
    unit = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    project_state = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    project_kind = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} form-control-sm"

    def filters(self) -> dict[str, Any]:
        """The valid filters (an invalid one is reported on its field and not applied)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "")}
