from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "advice"
    verbose_name = "Advice"

    def ready(self) -> None:
        from advice import cache  # noqa: F401  (connects the receiver)
