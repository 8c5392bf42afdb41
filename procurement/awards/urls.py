"""URLs of the public award history (issue 4): search, exports, organisations, charts."""

from django.urls import path

from procurement.awards.views import awards, charts, organisations

urlpatterns = [
    path("awards/", awards.award_search, name="award-search"),
    path("awards/export.csv", awards.export_csv, name="award-export-csv"),
    path("awards/export.ocds.json", awards.export_ocds, name="award-export-ocds"),
    path("charts/", charts.charts, name="charts"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation-detail"),
]
