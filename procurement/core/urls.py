"""URLs of the site itself (the status page)."""

from django.urls import path

from procurement.core import views

urlpatterns = [
    path("status/", views.status, name="status"),
]
