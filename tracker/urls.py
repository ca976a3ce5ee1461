from django.urls import path

from tracker.views import log

app_name = "tracker"

urlpatterns = [
    path("", log.today, name="today"),
    path("sessions/", log.history, name="history"),
    path("sessions/start/", log.session_start, name="session_start"),
    path("sessions/<int:pk>/", log.session_detail, name="session"),
]
