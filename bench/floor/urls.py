from django.urls import include, path

from bench.floor.views import insert_one

urlpatterns = [
    path("bench/floor/", insert_one, name="bench-floor"),
    path("", include("thrustlog.urls")),
]
