"""URLs of OCDS: the award search's OCDS export, and the reviewers' imports."""

from django.urls import path

from procurement.ocds import views

urlpatterns = [
    path("awards/export.ocds.json", views.export_ocds, name="award-export-ocds"),
    path("processes/<int:pk>/ocds.json", views.export_process_ocds, name="process-ocds"),
    path("imports/", views.import_list, name="import-list"),
    path("imports/new/", views.import_new, name="import-new"),
    path("imports/<int:pk>/", views.import_detail, name="import-detail"),
]
