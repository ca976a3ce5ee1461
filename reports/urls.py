from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("report/", views.report_page, name="report"),
    path("report/pdf/", views.report_pdf, name="report_pdf"),
    path("settings/share/", views.share_links, name="share_links"),
    path(
        "settings/share/<uuid:public_id>/revoke/",
        views.share_link_revoke,
        name="share_link_revoke",
    ),
    # A token in the path (a link to paste in a message); the pages send no referrer.
    path("shared/<str:token>/", views.shared_report, name="shared_report"),
    path("shared/<str:token>/pdf/", views.shared_pdf, name="shared_pdf"),
    path("shared/<str:token>/charts/", views.shared_charts, name="shared_charts"),
    path("experiments/", views.experiment_create, name="experiment_create"),
    path("experiments/<int:pk>/remove/", views.experiment_remove, name="experiment_remove"),
]
