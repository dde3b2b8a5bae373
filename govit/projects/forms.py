"""Forms of the project pages. They parse and validate; the services write.

People think in 万元, the database keeps yuan: money fields take 万元 and give yuan.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from govit.core.money import WAN
from govit.core.widgets import FixedSelect, PlainModelChoiceField
from govit.orgs.models import Organisation
from govit.projects import choices
from govit.projects.models import Project
from govit.projects.services import BudgetLine

BASIC_FIELDS = (
    "name",
    "description",
    "kind",
    "level",
    "plan_year",
    "investment",
    "approved_estimate",
    "funding_sources",
    "om_years_included",
    "investment_code",
)
FLAG_FIELDS = (
    "classified",
    "emergency",
    "simple",
    "superior_approved",
    "cross_department",
    "uses_third_party_system",
    "bulk_update_procurement",
    "gov_cloud",
    "shares_data",
    "duplicates_existing",
    "catalog_registered",
    "safe_reliable_products",
    "supervision",
    "in_application_plan",
    "pre_reviewed",
    "new_platform",
    "private_network_consented",
    "complex_project",
    "mandated",
    "docking_design",
    "third_party_testing",
    "data_graded",
    "sharing_catalog_compiled",
    "open_catalog_compiled",
    "opens_data",
    "open_data_desensitised",
    "features",
)
LATER_FIELDS = (
    "in_annual_plan",
    "in_library",
    "review_replied_on",
    "supervision_filed_on",
    "data_collected",
    "platform_docked",
    "acceptance_confirmed",
    "acceptance_filed_on",
    "finance_notified_on",
    "remaining_payment_made",
    "paid_before_approval",
    "surplus",
    "surplus_returned",
    "assets_booked_on",
    "annual_reports",
    "post_evaluated_on",
    "frequent_upgrade",
    "data_listed",
    "government_agreed_on",
    "correction_due_on",
    "rectification_due_on",
    "drills",
    "security_tests_on",
)
MONEY_LABELS = {
    "investment": _("Total investment (10,000 yuan)"),
    "approved_estimate": _("Approved estimate (10,000 yuan)"),
    "surplus": _("Surplus (10,000 yuan)"),
}


class WanField(forms.DecimalField):
    """An amount typed in 万元 and cleaned to yuan (to the fen)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 6)
        kwargs.setdefault("min_value", Decimal(0))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("step", "0.0001")

    def clean(self, value: Any) -> Decimal | None:
        amount: Decimal | None = super().clean(value)
        if amount is None:
            return None
        return (amount * WAN).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def prepare_value(self, value: Any) -> Any:
        # Initial values are yuan from the model; bound data is what the user typed (万元).
        if isinstance(value, Decimal):
            return f"{(value / WAN).normalize():f}"
        return value


class YearsField(forms.CharField):
    """Years typed as "2024, 2025", cleaned to a list of whole numbers."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(str(year) for year in value)
        return value

    def clean(self, value: Any) -> list[int] | None:
        text = (super().clean(value) or "").replace("，", ",")
        if not text.strip():
            return None
        try:
            years = sorted({int(part) for part in text.split(",") if part.strip()})
        except ValueError:
            raise forms.ValidationError(_("Give years such as 2024, 2025.")) from None
        return years


def _style(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget (no inline styles: the CSP forbids them)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        if isinstance(widget, forms.Select | forms.SelectMultiple | forms.NullBooleanSelect):
            widget.attrs.setdefault("class", "form-select")
        elif isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        else:
            widget.attrs.setdefault("class", "form-control")


class DatesField(forms.CharField):
    """Dates typed as "2026-03-01, 2026-09-15", cleaned to a sorted list."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(str(day) for day in value)
        return value

    def clean(self, value: Any) -> list[dt.date] | None:
        text = (super().clean(value) or "").replace("，", ",")
        if not text.strip():
            return None
        try:
            return sorted(
                {dt.date.fromisoformat(part.strip()) for part in text.split(",") if part.strip()}
            )
        except ValueError:
            raise forms.ValidationError(_("Give dates such as 2026-03-01, 2026-09-15.")) from None


class ProjectForm(forms.ModelForm[Project]):
    """The facts of a project as its unit gives them."""

    funding_sources = forms.MultipleChoiceField(
        label=_("funding sources"),
        choices=choices.FUNDING_SOURCES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    features = forms.MultipleChoiceField(
        label=_("negative-list features"),
        choices=choices.FEATURES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    investment = WanField(label=MONEY_LABELS["investment"], required=False)
    approved_estimate = WanField(label=MONEY_LABELS["approved_estimate"], required=False)
    co_units = forms.ModelMultipleChoiceField(
        label=_("co-building units"), queryset=Organisation.objects.none(), required=False
    )

    sections: tuple[tuple[Any, tuple[str, ...]], ...] = (
        (_("The project"), BASIC_FIELDS),
        (_("Facts the rules check"), FLAG_FIELDS),
    )

    class Meta:
        model = Project
        fields: tuple[str, ...] = (*BASIC_FIELDS, *FLAG_FIELDS)
        widgets: dict[str, forms.Widget] = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self, *args: Any, co_units: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if co_units is not None:
            self.fields["co_units"].queryset = co_units  # type: ignore[attr-defined]
        if self.instance.pk is not None:
            self.fields["co_units"].initial = list(self.instance.co_units.all())
        _style(self)

    def grouped(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The bound fields by section, the units first."""
        groups = []
        for position, (title, names) in enumerate(self.sections):
            lead = [n for n in ("unit", "co_units") if n in self.fields] if position == 0 else []
            groups.append((title, [self[name] for name in (*lead, *names)]))
        return groups

    def facts(self) -> dict[str, Any]:
        """The cleaned facts, by model field name (for the services)."""
        names = [name for _title, fields in self.sections for name in fields]
        return {name: self.cleaned_data[name] for name in names}


class ProjectCreateForm(ProjectForm):
    """A new project: which unit it belongs to, and its first facts."""

    unit = forms.ModelChoiceField(label=_("project unit"), queryset=Organisation.objects.none())

    def __init__(
        self, *args: Any, units: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]
            if len(units) == 1:
                self.fields["unit"].initial = units[0]


class ProjectEditForm(ProjectForm):
    """All the facts a person gives, including those of later stages."""

    surplus = WanField(label=MONEY_LABELS["surplus"], required=False)
    annual_reports = YearsField(label=_("years with a year-end report"), required=False)
    drills = DatesField(label=_("emergency drills held on"), required=False)
    security_tests_on = DatesField(label=_("yearly security tests reported on"), required=False)

    sections = (*ProjectForm.sections, (_("Later facts"), LATER_FIELDS))

    class Meta(ProjectForm.Meta):
        fields = (*BASIC_FIELDS, *FLAG_FIELDS, *LATER_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            **{
                name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                for name in LATER_FIELDS
                if name.endswith("_on")
            },
        }


class BudgetLineForm(forms.Form):
    """One budget line."""

    name = forms.CharField(label=_("item"), max_length=200)
    # A blank first choice, so that an untouched extra row submits nothing and is skipped.
    category = forms.ChoiceField(
        label=_("category"), choices=[("", "---------"), *choices.BUDGET_CATEGORIES]
    )
    amount = WanField(label=_("amount (10,000 yuan)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=2, can_delete=True, max_num=200)
BudgetLines = forms.BaseFormSet[BudgetLineForm]


def line_forms(formset: BudgetLines) -> list[BudgetLineForm]:
    """The rows of a valid formset that are budget lines (blank and deleted rows left out), in
    the order of ``budget_lines``: the service's ``budget_items.N`` is the N-th of them."""
    return [
        form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def budget_lines(formset: BudgetLines) -> list[BudgetLine]:
    """The lines of a valid formset, blank and deleted rows left out."""
    return [
        BudgetLine(
            name=form.cleaned_data["name"],
            category=form.cleaned_data["category"],
            amount=form.cleaned_data["amount"],
        )
        for form in line_forms(formset)
    ]


def budget_initial(project: Project) -> list[dict[str, Any]]:
    return [
        {"name": item.name, "category": item.category, "amount": item.amount}
        for item in project.budget_items.all()
    ]


class TransitionForm(forms.Form):
    """Taking a lifecycle step: a note, and the acknowledgement of warnings."""

    note = forms.CharField(
        label=_("note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
    acknowledge_warnings = forms.BooleanField(
        label=_("I have read the warnings and take the step all the same"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


UNCLASSIFIED = "-"  # the kind filter's value for projects without a type


class ProjectFilterForm(forms.Form):
    """The filters of the project list (amounts in 万元)."""

    q = forms.CharField(label=_("name or code"), required=False, max_length=100)
    # Its choices are the active rulebook's states: the key is completed in __init__.
    state = forms.ChoiceField(
        label=_("state"), required=False, widget=FixedSelect(choices_key="projects.states")
    )
    unit = PlainModelChoiceField(
        label=_("project unit"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("any unit"),
        versioned_by=Organisation,
    )
    plan_year = forms.IntegerField(
        label=_("plan year"), required=False, min_value=2000, max_value=2100
    )
    kind = forms.ChoiceField(
        label=_("project type"),
        required=False,
        choices=[("", _("any type")), (UNCLASSIFIED, _("unclassified")), *choices.PROJECT_KINDS],
        widget=FixedSelect(choices_key="projects.kinds"),
    )
    amount_min = WanField(label=_("investment from (10,000 yuan)"), required=False)
    amount_max = WanField(label=_("investment up to (10,000 yuan)"), required=False)
    awaiting = forms.BooleanField(label=_("waiting for me"), required=False)

    def __init__(
        self,
        *args: Any,
        states: list[str],
        units: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(choices.STAGES)
        self.fields["state"].choices = [  # type: ignore[attr-defined]
            ("", _("any state")),
            *((state, labels.get(state, state)) for state in states),
        ]
        self.fields["state"].widget.choices_key = "projects.states:" + ",".join(states)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        _style(self)


class DeadlineFilterForm(forms.Form):
    """Filters of the deadlines page (they stay in the URL)."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("pending and overdue")),
            ("pending", _("pending")),
            ("overdue", _("overdue")),
        ],
    )
    unit = PlainModelChoiceField(
        label=_("Project unit"),
        required=False,
        queryset=Organisation.objects.none(),
        versioned_by=Organisation,
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        _style(self)
