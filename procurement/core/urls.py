"""URLs of the site itself (the status page)."""

from django.urls import path

from procurement.core import views

urlpatterns = []
# Under a language prefix (tracker/urls.py): /en/status/, /sq/status/ …
public_urlpatterns = [
    path("status/", views.status, name="status"),
]
