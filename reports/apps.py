from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Reports, share links and experiments"
    default_auto_field = "django.db.models.BigAutoField"
