from django.urls import path

from advice import views

app_name = "advice"

urlpatterns = [
    path("", views.advice_page, name="advice"),
    path("red-flags/gone/", views.resolve, name="resolve"),
]
