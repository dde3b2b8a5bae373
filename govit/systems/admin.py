from django.contrib import admin

from govit.core.admin_base import AuditedModelAdmin
from govit.systems.models import Disposition, DockingRecord, Proposal, System, SystemUsage


@admin.register(System)
class SystemAdmin(AuditedModelAdmin[System]):
    list_display = ("code", "name", "unit", "status", "mlps_level", "om_funding")
    list_filter = ("status", "on_gov_cloud", "network", "mlps_level", "om_funding")
    search_fields = ("code", "name", "purpose")
    autocomplete_fields = ("unit",)
    readonly_fields = ("om_funding", "om_funding_article", "om_funding_checked_at")


@admin.register(SystemUsage)
class SystemUsageAdmin(AuditedModelAdmin[SystemUsage]):
    list_display = ("system", "month", "logins", "visits", "api_calls", "source")
    list_select_related = ("system",)
    raw_id_fields = ("system",)


@admin.register(Proposal)
class ProposalAdmin(AuditedModelAdmin[Proposal]):
    list_display = ("kind", "system", "similar_to", "score", "status", "decided_on")
    list_filter = ("kind", "status")
    raw_id_fields = ("system", "similar_to", "decided_by")


@admin.register(Disposition)
class DispositionAdmin(AuditedModelAdmin[Disposition]):
    list_display = ("system", "kind", "decided_on", "due_on", "progress", "completed_on")
    list_filter = ("kind",)
    raw_id_fields = ("system", "decided_by")


@admin.register(DockingRecord)
class DockingRecordAdmin(AuditedModelAdmin[DockingRecord]):
    list_display = ("system", "platform", "docked_on", "method", "status", "ended_on")
    list_filter = ("platform", "method", "status")
    list_select_related = ("system",)
    raw_id_fields = ("system", "recorded_by", "confirmed_by")
    readonly_fields = ("evidence_sm3", "status", "confirmed_by", "confirmed_on")
