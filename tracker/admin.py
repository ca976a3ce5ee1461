from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from tracker.models import PainReport, Profile, Set, Symptom, SymptomResolution, TrainingSession


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "bodyweight_kg", "time_zone", "is_coach"]
    list_filter = ["unit", "is_coach"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]


SET_COLUMNS = (
    "position", "exercise", "load_kg", "reps", "rir",
    "foot_distance", "stance_width", "padding", "equipment",
)  # fmt: skip


class SetInline(admin.TabularInline):
    model = Set
    extra = 0
    fields = SET_COLUMNS


class PainInline(admin.TabularInline):
    model = PainReport
    extra = 0
    fields = ["set", "region", "score", "timing", "character"]
    raw_id_fields = ["set"]


class SymptomInline(admin.TabularInline):
    model = Symptom
    extra = 0


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = [
        "date",
        "athlete",
        "set_count",
        "bench_height_cm",
        "bench_stable",
        "finished_at",
    ]
    list_filter = ["date", "bench_stable", "symptoms__kind"]
    search_fields = ["athlete__username", "notes"]
    date_hierarchy = "date"
    raw_id_fields = ["athlete"]
    readonly_fields = ["client_id", "created", "updated"]
    list_select_related = ["athlete"]
    inlines = [SetInline, PainInline, SymptomInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[TrainingSession]:
        return super().get_queryset(request).annotate(num_sets=Count("sets"))

    @admin.display(description="sets", ordering="num_sets")
    def set_count(self, obj: TrainingSession) -> int:
        return obj.num_sets  # type: ignore[attr-defined]


@admin.register(Set)
class SetAdmin(admin.ModelAdmin):
    list_display = ["session", *SET_COLUMNS]
    list_filter = ["exercise", "padding", "foot_distance", "stance_width", "equipment"]
    search_fields = ["athlete__username"]
    raw_id_fields = ["athlete", "session"]
    readonly_fields = ["client_id", "created", "updated"]
    list_select_related = ["session__athlete"]


@admin.register(PainReport)
class PainReportAdmin(admin.ModelAdmin):
    list_display = ["session", "region", "score", "timing", "character"]
    list_filter = ["region", "timing", "character", "score"]
    search_fields = ["athlete__username"]
    raw_id_fields = ["athlete", "session", "set"]
    readonly_fields = ["client_id", "created"]
    list_select_related = ["session__athlete"]


@admin.register(SymptomResolution)
class SymptomResolutionAdmin(admin.ModelAdmin):
    list_display = ["athlete", "kind", "date", "created"]
    list_filter = ["kind"]
    search_fields = ["athlete__username"]
    raw_id_fields = ["athlete"]
    readonly_fields = ["client_id", "created"]
    list_select_related = ["athlete"]
