"""URLs of documents: the download (as the record allows) and the upload form."""

from django.urls import path

from procurement.documents import views

urlpatterns = [
    path("documents/<int:pk>/download/", views.download, name="document-download"),
    path("documents/upload/<str:kind>/<int:pk>/", views.upload, name="document-upload"),
]
