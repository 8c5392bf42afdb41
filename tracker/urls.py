from django.contrib import admin
from django.urls import include, path

from procurement.awards.views import public

urlpatterns = [
    path("", public.home, name="home"),
    path("awards/<int:pk>/", public.award_detail, name="award-detail"),
    path("agreements/<int:pk>/", public.agreement_detail, name="agreement-detail"),
    path("processes/<int:pk>/", public.process_detail, name="process-detail"),
    path("requests/<int:pk>/", public.request_detail, name="request-detail"),
    path("red-flags/", public.red_flags, name="red-flags"),
    path("status/", public.status, name="status"),
    path("", include("procurement.awards.urls")),
    path("api/", include("procurement.api.urls")),
    path("imports/", include("procurement.ocds.urls")),
    path("", include("procurement.foi.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("procurement.accounts.urls")),
    path("workspace/", include("procurement.foi.workspace_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler404 = "procurement.api.docs.not_found"  # JSON under /api/, the site's page elsewhere
