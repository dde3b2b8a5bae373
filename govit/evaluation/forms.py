"""Forms of the evaluation pages. Field names match the keys of the services' field errors
(``weight_0``, ``actual_value_12`` ...), so a refusal lands on the field it concerns."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govit.evaluation.choices import Basis, Category, Nature, Subject
from govit.evaluation.models import PerformanceTarget, SamplingDraw
from govit.orgs.models import Organisation

EXTRA_ROWS = 3
MIN_ROWS = 8
TARGET_FIELDS = (
    "category",
    "name",
    "nature",
    "target_value",
    "target_text",
    "unit",
    "basis",
    "weight",
)


def _styled(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")  # what <input type=date> reads


def _decimal(label: Any, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=18, decimal_places=4, required=required)


class TargetsForm(forms.Form):
    """The 绩效目标表: one row of fields per indicator; blank rows are ignored."""

    def __init__(self, *args: Any, targets: list[PerformanceTarget], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.row_count = max(len(targets) + EXTRA_ROWS, MIN_ROWS)
        for i in range(self.row_count):
            t = targets[i] if i < len(targets) else None
            f = self.fields
            f[f"category_{i}"] = forms.ChoiceField(
                label=_("Indicator"),
                choices=[("", "—"), *Category.choices],
                required=False,
                initial=t.category if t else "",
            )
            f[f"name_{i}"] = forms.CharField(
                label=_("Indicator name"),
                max_length=200,
                required=False,
                initial=t.name if t else "",
            )
            f[f"nature_{i}"] = forms.ChoiceField(
                label=_("Nature"),
                choices=[("", "—"), *Nature.choices],
                required=False,
                initial=t.nature if t else "",
            )
            f[f"target_value_{i}"] = _decimal(_("Target value"))
            f[f"target_value_{i}"].initial = t.target_value if t else None
            f[f"target_text_{i}"] = forms.CharField(
                label=_("Target (qualitative)"),
                max_length=200,
                required=False,
                initial=t.target_text if t else "",
            )
            f[f"unit_{i}"] = forms.CharField(
                label=_("Unit of measure"),
                max_length=30,
                required=False,
                initial=t.unit if t else "",
            )
            f[f"basis_{i}"] = forms.ChoiceField(
                label=_("Basis"),
                choices=Basis.choices,
                initial=t.basis if t else Basis.PLAN,
                required=False,
            )
            f[f"weight_{i}"] = forms.DecimalField(
                label=_("Weight"),
                max_digits=5,
                decimal_places=2,
                required=False,
                initial=t.weight if t else None,
            )
        _styled(self)

    def rows(self) -> list[list[forms.BoundField]]:
        return [[self[f"{name}_{i}"] for name in TARGET_FIELDS] for i in range(self.row_count)]

    def cleaned_rows(self) -> list[dict[str, Any]]:
        out = []
        for i in range(self.row_count):
            row = {name: self.cleaned_data.get(f"{name}_{i}") for name in TARGET_FIELDS}
            if row["name"] or row["category"] or row["weight"] is not None:
                out.append(row)
        return out


class ScoreForm(forms.Form):
    """An evaluation scored indicator by indicator (actual values; qualitative scores)."""

    conducted_on = forms.DateField(label=_("Conducted on"), widget=DateInput)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea)

    def __init__(
        self,
        *args: Any,
        targets: list[PerformanceTarget],
        evaluator: bool = False,
        draws: list[SamplingDraw] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.targets = targets
        if evaluator:
            self.fields["evaluator"] = forms.CharField(
                label=_("Evaluator (third party or expert group)"), max_length=200
            )
        if draws is not None:
            self.fields["draw"] = forms.ModelChoiceField(
                label=_("Random draw"),
                queryset=SamplingDraw.objects.filter(pk__in=[d.pk for d in draws]),
            )
        for t in targets:
            if t.nature == Nature.QUALITATIVE:
                self.fields[f"score_{t.pk}"] = forms.DecimalField(
                    label=_("Score of %(name)s") % {"name": t.name},
                    max_digits=6,
                    decimal_places=2,
                    required=False,
                )
                self.fields[f"actual_text_{t.pk}"] = forms.CharField(
                    label=_("Actual: %(name)s") % {"name": t.name}, required=False
                )
            else:
                self.fields[f"actual_value_{t.pk}"] = _decimal(
                    _("Actual: %(name)s") % {"name": t.name}
                )
            self.fields[f"deviation_reason_{t.pk}"] = forms.CharField(
                label=_("Reason for the deviation and remedy"), required=False
            )
        _styled(self)
        self.fields["summary"].widget.attrs["rows"] = 3

    def results(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "target_id": t.pk,
                "actual_value": data.get(f"actual_value_{t.pk}"),
                "actual_text": data.get(f"actual_text_{t.pk}", ""),
                "score": data.get(f"score_{t.pk}"),
                "deviation_reason": data.get(f"deviation_reason_{t.pk}", ""),
            }
            for t in self.targets
        ]


class ExAnteForm(forms.Form):
    conducted_on = forms.DateField(label=_("Conducted on"), widget=DateInput)
    evaluator = forms.CharField(label=_("Evaluator"), max_length=200, required=False)
    summary = forms.CharField(label=_("Conclusion"), widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class AnnualForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    conducted_on = forms.DateField(label=_("Reported on"), widget=DateInput)
    summary = forms.CharField(
        label=_("Schedule and investment plan execution"), widget=forms.Textarea
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


PARTIES = (Subject.USER_UNIT, Subject.VENDOR, Subject.REVIEW_AGENCY)


class ComprehensiveForm(forms.Form):
    conducted_on = forms.DateField(label=_("Conducted on"), widget=DateInput)
    evaluator = forms.CharField(label=_("Third-party assessor"), max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = Organisation.objects.filter(is_active=True).order_by("name")
        for subject in PARTIES:
            self.fields[f"organisation_{subject}"] = forms.ModelChoiceField(
                label=Subject(subject).label, queryset=orgs
            )
            self.fields[f"score_{subject}"] = forms.DecimalField(
                label=_("Score (out of 100)"), max_digits=5, decimal_places=2
            )
        _styled(self)

    def parties(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "subject": subject,
                "organisation": data.get(f"organisation_{subject}"),
                "score": data.get(f"score_{subject}"),
            }
            for subject in PARTIES
        ]


class DrawForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    size = forms.IntegerField(label=_("Number of projects to draw"), min_value=1, max_value=100)
    seed = forms.CharField(
        label=_("Seed"),
        max_length=64,
        required=False,
        help_text=_("Leave empty for a random seed; it is recorded so the draw can be replayed."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
