from django.apps import AppConfig


class FloorConfig(AppConfig):
    name = "bench.floor"
    label = "bench_floor"
    verbose_name = "Benchmark floor"
    default_auto_field = "django.db.models.BigAutoField"
