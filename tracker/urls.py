from django.urls import path

from tracker.views import checkins, dashboard, exports, log, portability, preferences, sets

app_name = "tracker"

urlpatterns = [
    path("", log.today, name="today"),
    path("sessions/", log.history, name="history"),
    path("records/", log.records_page, name="records"),
    path("sessions/start/", log.session_start, name="session_start"),
    path("sessions/<int:pk>/", log.session_detail, name="session"),
    path("sessions/<int:pk>/sets/", log.set_create, name="set_create"),
    path("sessions/<int:pk>/finish/", checkins.session_finish, name="session_finish"),
    path("sessions/<int:pk>/next-morning/", checkins.next_morning, name="next_morning"),
    path("sets/<int:pk>/edit/", sets.set_edit, name="set_edit"),
    path("sets/<int:pk>/delete/", sets.set_delete, name="set_delete"),
    path("pain/<int:pk>/delete/", sets.pain_delete, name="pain_delete"),
    path("settings/", preferences.settings_page, name="settings"),
    path("welcome/", preferences.first_run, name="first_run"),
    path("charts/", dashboard.dashboard, name="dashboard"),
    path("charts/<int:athlete>/", dashboard.dashboard, name="athlete_dashboard"),
    path("settings/import/", portability.import_upload, name="import"),
    path("settings/import/confirm/", portability.import_confirm, name="import_confirm"),
    path("settings/import/<uuid:job_id>/", portability.import_job, name="import_job"),
    path("settings/export/", exports.export_page, name="export"),
    path("settings/export/jobs/<uuid:job_id>/", exports.export_job, name="export_job"),
    path(
        "settings/export/jobs/<uuid:job_id>/status/",
        exports.export_job_status,
        name="export_job_status",
    ),
    path("settings/export/jobs/<uuid:job_id>/file/", exports.export_file, name="export_file"),
    path("settings/export/<str:kind>/", exports.export_download, name="export_download"),
    path("settings/delete-account/", portability.account_delete, name="account_delete"),
]
