"""URLs of the reviewers' OCDS imports (included under /imports/)."""

from django.urls import path

from procurement.ocds import views as imports

urlpatterns = [
    path("", imports.import_list, name="import-list"),
    path("new/", imports.import_new, name="import-new"),
    path("<int:pk>/", imports.import_detail, name="import-detail"),
]
