"""The public REST API, /api/v1/ (shared/contract.md section 2)."""

urlpatterns: list = []
