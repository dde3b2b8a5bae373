from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from govit.core import audit
from govit.core.admin import AuditEventAdmin
from govit.core.admin_base import AuditedModelAdmin
from govit.core.models import AuditEvent
from govit.orgs.models import Membership, Organisation, User
from govit.orgs.policies import can_view_audit_trail


class MembershipInline(admin.TabularInline[Membership, Any]):
    model = Membership
    extra = 0
    autocomplete_fields = ("organisation",)


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin[Organisation]):
    list_display = ("name", "kind", "parent", "budget_unit_count", "credit_code", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "credit_code")
    autocomplete_fields = ("parent",)


@admin.register(User)
class UserAdmin(BaseUserAdmin[User], AuditedModelAdmin[User]):
    inlines = (MembershipInline,)
    list_display = ("username", "display_name", "email", "is_active", "is_staff", "last_login")
    search_fields = ("username", "display_name", "email")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("display_name", "email", "phone", "id_number")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

    def save_related(
        self, request: HttpRequest, form: ModelForm[User], formsets: Any, change: bool
    ) -> None:
        """Groups and direct permissions are permission changes too: audit what changed."""
        user = form.instance
        before = self._permissions_of(user) if user.pk else {}
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            after = self._permissions_of(user)
            if after != before:
                audit.record(
                    actor=request.user,  # type: ignore[arg-type]
                    action="user.permissions_change",
                    obj=user,
                    before=before,
                    after=after,
                    ip_address=request.META.get("REMOTE_ADDR"),
                )

    @staticmethod
    def _permissions_of(user: User) -> dict[str, list[str]]:
        return {
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "user_permissions": sorted(
                f"{app}.{code}"
                for app, code in user.user_permissions.values_list(
                    "content_type__app_label", "codename"
                )
            ),
        }

    def save_formset(
        self, request: HttpRequest, form: ModelForm[User], formset: Any, change: bool
    ) -> None:
        """Membership edits change permissions: audit each one."""
        with transaction.atomic():
            instances = formset.save(commit=False)
            for deleted in formset.deleted_objects:
                audit.record(
                    actor=request.user,  # type: ignore[arg-type]
                    action="membership.revoke",
                    obj=deleted,
                    before={"organisation": deleted.organisation_id, "role": deleted.role},
                )
                deleted.delete()
            for instance in instances:
                instance.save()
                audit.record(
                    actor=request.user,  # type: ignore[arg-type]
                    action="membership.grant",
                    obj=instance,
                    after={"organisation": instance.organisation_id, "role": instance.role},
                )
            formset.save_m2m()


class SeparatedAuditEventAdmin(AuditEventAdmin):
    """The trail in the admin, like the trail page, is for the audit administrator only
    (三员分立): not even a superuser or the security administrator reads it here."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(can_view_audit_trail(request.user))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(can_view_audit_trail(request.user))


admin.site.unregister(AuditEvent)
admin.site.register(AuditEvent, SeparatedAuditEventAdmin)
