"""URLs of the public award history: home, records, search, exports, charts, organisations, red
flags."""

from django.urls import path

from procurement.awards.views import awards, charts, organisations, public

urlpatterns = [
    path("awards/export.csv", awards.export_csv, name="award-export-csv"),
    path("awards/export.xlsx", awards.export_xlsx, name="award-export-xlsx"),
]
# Under a language prefix (tracker/urls.py): /sr-latn/awards/?q=… opens in the sender's language.
public_urlpatterns = [
    path("", public.home, name="home"),
    path("awards/<int:pk>/", public.award_detail, name="award-detail"),
    path("agreements/", public.agreement_list, name="agreement-list"),
    path("agreements/<int:pk>/", public.agreement_detail, name="agreement-detail"),
    path("processes/<int:pk>/", public.process_detail, name="process-detail"),
    path("red-flags/", public.red_flags, name="red-flags"),
    path("awards/", awards.award_search, name="award-search"),
    path("charts/", charts.charts, name="charts"),
    path("organisations/", organisations.organisation_list, name="organisation-list"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation-detail"),
]
