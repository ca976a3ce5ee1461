from django.db import models


class FloorRow(models.Model):
    """One row per floor request: a write as small as a write can be."""

    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"floor row {self.pk}"
