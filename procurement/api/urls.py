"""API URLs of the award history (issue 4). Other areas add their own module beside this one
(e.g. issue 3's /api/deadlines/), included under the same /api/ prefix."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from procurement.api import docs, views

urlpatterns = [
    path("awards/", views.AwardList.as_view(), name="api-award-list"),
    path("awards/<int:pk>/", views.AwardDetail.as_view(), name="api-award-detail"),
    path("agreements/", views.AgreementList.as_view(), name="api-agreement-list"),
    path("agreements/<int:pk>/", views.AgreementDetail.as_view(), name="api-agreement-detail"),
    path("organisations/", views.OrganisationList.as_view(), name="api-organisation-list"),
    path(
        "organisations/<int:pk>/",
        views.OrganisationDetail.as_view(),
        name="api-organisation-detail",
    ),
    path("requests/", views.RequestList.as_view(), name="api-request-list"),
    path("requests/<int:pk>/", views.RequestDetail.as_view(), name="api-request-detail"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", docs.api_docs, name="api-docs"),
]
