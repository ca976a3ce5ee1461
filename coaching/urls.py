from django.urls import path

from coaching import thread_views, views

app_name = "coaching"

urlpatterns = [
    path("", views.roster, name="roster"),
    path("invitations/", views.invitation_create, name="invitation_create"),
    path("invitations/<int:pk>/", views.invitation_detail, name="invitation"),
    path("invitations/<int:pk>/cancel/", views.invitation_cancel, name="invitation_cancel"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join_code, name="join_code"),
    path("coaches/", views.coaches, name="coaches"),
    path("links/<int:pk>/end/", views.link_end, name="link_end"),
    path("athletes/<int:athlete_id>/", views.athlete_detail, name="athlete"),
    path(
        "athletes/<int:athlete_id>/sessions/<int:pk>/",
        views.athlete_session,
        name="athlete_session",
    ),
    path("athletes/<int:athlete_id>/advice/", views.athlete_advice, name="athlete_advice"),
    path("athletes/<int:athlete_id>/notes/", views.note_create, name="note_create"),
    path("notes/", thread_views.inbox, name="inbox"),
    path("threads/<int:pk>/", thread_views.thread, name="thread"),
    path("threads/<int:pk>/read/", thread_views.thread_read, name="thread_read"),
]
