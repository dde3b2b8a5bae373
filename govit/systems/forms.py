"""Forms of the system catalogue; the views hand their cleaned data to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from govit.core.widgets import PlainModelChoiceField
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.orgs.selectors import scoped
from govit.systems.choices import (
    DispositionKind,
    DockingMethod,
    DockingPlatform,
    OmFunding,
    SystemStatus,
)
from govit.systems.models import Disposition, System
from govit.systems.services import EDITABLE_FIELDS

NULL_BOOLEAN = [("unknown", _("Unknown")), ("true", _("Yes")), ("false", _("No"))]
FACT_FIELDS = (
    "shares_data",
    "duplicate_collection",
    "in_data_catalog",
    "security_compliant",
    "crypto_compliant",
    "major_hazard",
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def unit_queryset(actor: User) -> QuerySet[Organisation]:
    """The units the actor may register systems for."""
    units = Organisation.objects.filter(kind=Role.UNIT, is_active=True)
    if actor.is_superuser or actor.has_role(Role.COMPETENT):
        return units
    return scoped(actor, units, org_field="id")


def bootstrap(form: forms.BaseForm, *, small: bool = False) -> None:
    """Give each widget its Bootstrap class."""
    size = " form-control-sm" if small else ""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs["class"] = "form-check-input"
        elif isinstance(widget, forms.Select):
            widget.attrs["class"] = "form-select" + (" form-select-sm" if small else "")
        else:
            widget.attrs["class"] = "form-control" + size


class SystemForm(forms.ModelForm[System]):
    class Meta:
        model = System
        fields = EDITABLE_FIELDS
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "users": forms.Textarea(attrs={"rows": 2}),
            "om_contract_expires_on": DateInput(),
            "mlps_assessed_on": DateInput(),
            "crypto_assessed_on": DateInput(),
            **{name: forms.NullBooleanSelect() for name in FACT_FIELDS},
        }

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_queryset(actor)  # type: ignore[attr-defined]
        for name in FACT_FIELDS:
            self.fields[name].widget.choices = NULL_BOOLEAN
        bootstrap(self)

    def clean_code(self) -> str:
        return str(self.cleaned_data.get("code") or "").strip().upper()


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    unit = PlainModelChoiceField(
        label=_("Unit"), queryset=Organisation.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *SystemStatus.choices], required=False
    )
    cloud = forms.ChoiceField(
        label=_("Government cloud"),
        choices=[("", _("All")), ("yes", _("On the cloud")), ("no", _("Not on the cloud"))],
        required=False,
    )
    mlps_level = forms.ChoiceField(
        label=_("MLPS level"),
        choices=[("", _("All")), *[(str(n), str(n)) for n in range(1, 6)], ("none", _("None"))],
        required=False,
    )
    om_funding = forms.ChoiceField(
        label=_("O&M funding"), choices=[("", _("All")), *OmFunding.choices], required=False
    )
    project = forms.CharField(label=_("Project code"), required=False, max_length=40)
    docking = forms.ChoiceField(
        label=_("Docking records"),
        choices=[("", _("All")), ("pending", _("Awaiting confirmation"))],
        required=False,
    )

    def __init__(self, *args: Any, units: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        bootstrap(self, small=True)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"q": ""}
        data = dict(self.cleaned_data)
        data["unit"] = data["unit"].pk if data.get("unit") else None
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Census form (xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DispositionForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self, small=True)

    kind = forms.ChoiceField(label=_("Disposition"), choices=DispositionKind.choices)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    target = forms.CharField(label=_("Into or from"), required=False, max_length=200)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProgressForm(forms.ModelForm[Disposition]):
    class Meta:
        model = Disposition
        fields = ("progress", "note", "completed_on")
        widgets = {"completed_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}


class DockingForm(forms.Form):
    """A docking record: the platform, the day, how, and the evidence (a file or a number)."""

    platform = forms.ChoiceField(label=_("Platform"), choices=DockingPlatform.choices)
    docked_on = forms.DateField(label=_("Docked on"), widget=DateInput())
    method = forms.ChoiceField(label=_("Interface or method"), choices=DockingMethod.choices)
    reference = forms.CharField(label=_("Reference number"), required=False, max_length=100)
    evidence = forms.FileField(label=_("Evidence document"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self, small=True)


class DockingEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Withdrawn or ended on"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self, small=True)
