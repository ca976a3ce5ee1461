"""The project's routes plus the offline ones, for tests run before thrustlog/urls.py has them.

The three paths below are the lines to add to thrustlog/urls.py (before the tracker include);
once they are there this module changes nothing (the first match wins either way).
"""

from django.urls import path

from thrustlog.urls import urlpatterns as project
from tracker.views import pwa

urlpatterns = [
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/session/", pwa.session_shell, name="offline_session"),
    *project,
]
