from django.contrib import admin

from reports.models import Experiment, ShareLink


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    """Links are listed to be revoked if need be; the token is never stored, its hash not shown."""

    list_display = ["athlete", "label", "created", "expires_at", "revoked_at", "include_charts"]
    list_filter = ["include_charts"]
    search_fields = ["athlete__username", "label"]
    exclude = ["token_hash", "coach_notes"]
    readonly_fields = ["athlete", "label", "weeks", "include_notes", "created", "expires_at"]


@admin.register(Experiment)
class ExperimentAdmin(admin.ModelAdmin):
    list_display = ["athlete", "started_on", "field", "value", "source", "dismissed"]
    list_filter = ["source", "field", "dismissed"]
    search_fields = ["athlete__username", "description"]
    readonly_fields = ["athlete", "client_id", "created"]
