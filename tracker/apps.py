from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "Training log"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tracker import checks, signals  # noqa: F401  (registers checks, connects receivers)
