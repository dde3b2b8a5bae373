"""Forms of the review stages and the approval actions (ADR 0014)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.reviews.choices import STEP_ORDER, TaskStep, Verdict

# ISO format: what <input type=date> reads (the zh-hans format 2026/11/24 shows as empty).
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def users_with(*roles: str) -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, memberships__role__in=roles)
        .distinct()
        .order_by("display_name", "pk")
    )


def colleagues_of(user: User) -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, memberships__organisation_id__in=user.organisation_ids)
        .exclude(pk=user.pk)
        .distinct()
        .order_by("display_name", "pk")
    )


class PreliminaryOpenForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Reviewer"), queryset=User.objects.none())
    working_days = forms.IntegerField(
        label=_("Working days for the review"), min_value=1, max_value=60, initial=10
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = users_with(Role.COMPETENT, Role.DATACENTER)


class AgencyForm(forms.Form):
    subject = forms.ChoiceField(label=_("What the agency reviews"))
    assignee = forms.ModelChoiceField(label=_("Agency user"), queryset=User.objects.none())
    due_on = forms.DateField(
        label=_("Report due on (when the rulebook sets no period)"), required=False, widget=DATE
    )

    def __init__(self, *args: Any, subjects: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        subject = self.fields["subject"]
        assert isinstance(subject, forms.ChoiceField)
        subject.choices = subjects
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = users_with(Role.AGENCY)


class DecisionForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    participants = forms.CharField(label=_("Participants"), max_length=300)
    opinion = forms.CharField(label=_("Decision consultation opinion"), widget=forms.Textarea)


class ChecklistForm(forms.Form):
    """A verdict and a comment for every checklist item."""

    def __init__(self, *args: Any, checklist: list[dict[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checklist = checklist
        for item in checklist:
            self.fields[f"verdict_{item['id']}"] = forms.ChoiceField(
                label=item["label"], choices=Verdict.choices, initial=item["verdict"]
            )
            self.fields[f"comment_{item['id']}"] = forms.CharField(
                label=_("Comment"), required=False, max_length=500, initial=item["comment"]
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for item in self.checklist:
            verdict = data.get(f"verdict_{item['id']}")
            if verdict == Verdict.FAIL and not (data.get(f"comment_{item['id']}") or "").strip():
                self.add_error(f"comment_{item['id']}", _("Say why this item fails."))
        return data

    def items(self) -> dict[str, tuple[str, str]]:
        return {
            item["id"]: (
                self.cleaned_data[f"verdict_{item['id']}"],
                self.cleaned_data.get(f"comment_{item['id']}") or "",
            )
            for item in self.checklist
        }


class SupplementForm(forms.Form):
    reason = forms.CharField(label=_("What to supplement or correct"), widget=forms.Textarea)
    working_days = forms.IntegerField(
        label=_("Working days to correct"), min_value=1, max_value=60, initial=5
    )


class ApproveForm(forms.Form):
    opinion = forms.CharField(label=_("Opinion"), widget=forms.Textarea, required=False)


class ReturnForm(forms.Form):
    to_step = forms.ChoiceField(
        label=_("Return to"), choices=[(s, TaskStep(s).label) for s in STEP_ORDER]
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


class UserPickForm(forms.Form):
    """Hand over (转办) or add a signer (加签)."""

    user = forms.ModelChoiceField(label=_("User"), queryset=User.objects.none())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, users: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = users


class ReportForm(forms.Form):
    report = forms.FileField(label=_("Report"))
    opinion = forms.CharField(label=_("Conclusion"), widget=forms.Textarea)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class RefuseForm(forms.Form):
    opinion = forms.CharField(label=_("Why your department refuses"), widget=forms.Textarea)


class DelegationForm(forms.Form):
    delegate = forms.ModelChoiceField(label=_("Delegate"), queryset=User.objects.none())
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("Until"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["delegate"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = colleagues_of(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The delegation ends after it starts."))
        return data
