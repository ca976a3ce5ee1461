"""The public REST API, /api/v1/ (shared/contract.md section 2)."""

from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from advice.api import AdviceView
from coaching.api import AthletesView
from coaching.thread_api import (
    NotesView,
    ThreadMessagesView,
    ThreadReadView,
    ThreadsView,
    ThreadView,
)
from notifications import api as notifications_api
from reports import api as reports_api
from tracker.api.errors import not_found
from tracker.api.portability import ExportView, ImportJobView, ImportView
from tracker.api.profile import ProfileView
from tracker.api.red_flags import RedFlagsView

_docs_view = csp_update({"style-src": ["'unsafe-inline'"], "style-src-attr": ["'unsafe-inline'"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api-schema")
)

urlpatterns = [
    path("", include("tracker.api.urls")),
    path("advice/", AdviceView.as_view(), name="api-advice"),
    path("athletes/", AthletesView.as_view(), name="api-athletes"),
    path("imports/", ImportView.as_view(), name="api-imports"),
    path("imports/<uuid:pk>/", ImportJobView.as_view(), name="api-import"),
    path("export/", ExportView.as_view(), name="api-export"),
    path("profile/", ProfileView.as_view(), name="api-profile"),
    path("red-flags/", RedFlagsView.as_view(), name="api-red-flags"),
    path("report/", reports_api.ReportView.as_view(), name="api-report"),
    path("share-links/", reports_api.ShareLinksView.as_view(), name="api-share-links"),
    # Any segment reaches the views (which answer a JSON 404 for a bad one), as the router's
    # `[^/.]+` does for sessions: the catch-all below does not match a newline.
    re_path(
        r"^share-links/(?P<public_id>[^/]+)/$",
        reports_api.ShareLinkView.as_view(),
        name="api-share-link",
    ),
    path("experiments/", reports_api.ExperimentsView.as_view(), name="api-experiments"),
    re_path(
        r"^experiments/(?P<pk>[^/]+)/$", reports_api.ExperimentView.as_view(), name="api-experiment"
    ),
    path("threads/", ThreadsView.as_view(), name="api-threads"),
    re_path(r"^threads/(?P<pk>[^/]+)/$", ThreadView.as_view(), name="api-thread"),
    re_path(r"^threads/(?P<pk>[^/]+)/read/$", ThreadReadView.as_view(), name="api-thread-read"),
    re_path(
        r"^threads/(?P<pk>[^/]+)/messages/$",
        ThreadMessagesView.as_view(),
        name="api-thread-messages",
    ),
    path("notes/", NotesView.as_view(), name="api-notes"),
    path("push/", notifications_api.PushConfigView.as_view(), name="api-push"),
    path(
        "push-subscriptions/",
        notifications_api.PushSubscriptionsView.as_view(),
        name="api-push-subscriptions",
    ),
    re_path(
        r"^push-subscriptions/(?P<pk>[^/]+)/$",
        notifications_api.PushSubscriptionView.as_view(),
        name="api-push-subscription",
    ),
    path(
        "notification-settings/",
        notifications_api.NotificationSettingsView.as_view(),
        name="api-notification-settings",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: the CSP forbids inline scripts.
    # Swagger UI (a vendored bundle) writes inline styles; only this page of API docs, with
    # no athlete data on it, allows them.
    path("docs/", _docs_view, name="api-docs"),
    # Keep last: any other path under /api/v1/ answers a JSON 404.
    re_path(r"^(?P<path>.*)$", not_found),
]
