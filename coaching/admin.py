from django.contrib import admin
from django.http import HttpRequest

from coaching.models import AthleteSummary, CoachLink, Comment, Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["code", "coach", "created", "expires_at", "accepted_by", "accepted_at"]
    search_fields = ["code", "coach__username", "accepted_by__username"]
    list_select_related = ["coach", "accepted_by"]
    raw_id_fields = ["coach", "accepted_by"]


@admin.register(CoachLink)
class CoachLinkAdmin(admin.ModelAdmin):
    list_display = ["coach", "athlete", "started", "ended_at", "ended_by"]
    list_filter = [("ended_at", admin.EmptyFieldListFilter)]
    search_fields = ["coach__username", "athlete__username"]
    list_select_related = ["coach", "athlete", "ended_by"]
    raw_id_fields = ["coach", "athlete", "invitation", "ended_by"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["coach", "athlete", "session", "cause", "region", "created"]
    search_fields = ["coach__username", "athlete__username", "body"]
    list_select_related = ["coach", "athlete", "session"]
    raw_id_fields = ["coach", "athlete", "session"]


@admin.register(AthleteSummary)
class AthleteSummaryAdmin(admin.ModelAdmin):
    """Derived data: read it here, never edit it (the next log change would overwrite it)."""

    list_display = ["athlete", "computed_on", "computed_at", "last_session_date", "advice_severity"]
    list_select_related = ["athlete"]
    search_fields = ["athlete__username"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
