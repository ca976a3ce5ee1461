"""The log's endpoints under /api/v1/ (shared/contract.md section 2)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from tracker.api import auth, views

router = SimpleRouter()
router.register("sessions", views.SessionViewSet, basename="session")
router.register("sets", views.SetViewSet, basename="set")
router.register("pain-reports", views.PainReportViewSet, basename="pain-report")

app_name = "api"
urlpatterns = [
    path("auth/register/", auth.RegisterView.as_view(), name="register"),
    path("auth/token/", auth.TokenView.as_view(), name="token"),
    *router.urls,
]
