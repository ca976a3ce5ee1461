from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.devices, name="devices"),
    path("<uuid:public_id>/revoke/", views.device_revoke, name="device_revoke"),
    path("revoke-all/", views.devices_revoke_all, name="devices_revoke_all"),
]
