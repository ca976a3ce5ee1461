from django.contrib import admin
from django.urls import include, path

from accounts import two_step_views
from accounts import views as account_views
from tracker.views import accounts, pwa

# Accounts with two-step sign-in never sign in with a password alone, the admin included.
admin.site.login_form = two_step_views.AdminLoginForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/login/", two_step_views.TwoStepLoginView.as_view(), name="login"),
    path("accounts/two-step/", two_step_views.verify, name="two_step_verify"),
    path("settings/two-step/", two_step_views.settings_page, name="two_step_settings"),
    path(
        "accounts/password_reset/",
        account_views.LimitedPasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", include("thrustlog.api_urls")),
    path("advice/", include("advice.urls")),
    path("coach/", include("coaching.urls")),
    # The service worker must be served from the root to control every page.
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/session/", pwa.session_shell, name="offline_session"),
    path("settings/devices/", include("accounts.urls")),
    path("settings/access/", account_views.access_log, name="access_log"),
    path("settings/notifications/", include("notifications.urls")),
    path("", include("reports.urls")),
    path("", include("tracker.urls")),
]
