from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Reports, share links and experiments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from advice.services import HELPED_NOTE_SOURCES
        from reports.queries import helped_notes

        # An experiment that helped is the advice's own "what helped" note (and replaces the
        # engine's note on that cause): advice reads it without importing this app.
        if helped_notes not in HELPED_NOTE_SOURCES:
            HELPED_NOTE_SOURCES.append(helped_notes)
