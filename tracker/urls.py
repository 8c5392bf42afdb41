from django.contrib import admin
from django.urls import include, path

from procurement.views import accounts, awards, public

urlpatterns = [
    path("", public.home, name="home"),
    path("awards/<int:pk>/", public.award_detail, name="award-detail"),
    path("agreements/<int:pk>/", public.agreement_detail, name="agreement-detail"),
    path("processes/<int:pk>/", public.process_detail, name="process-detail"),
    path("processes/<int:pk>/ocds.json", awards.export_process_ocds, name="process-ocds"),
    path("requests/<int:pk>/", public.request_detail, name="request-detail"),
    path("red-flags/", public.red_flags, name="red-flags"),
    path("status/", public.status, name="status"),
    path("", include("procurement.history_urls")),
    path("api/", include("procurement.api.urls")),
    path("imports/", include("procurement.urls_imports")),
    path("", include("procurement.foi_urls")),
    # Before Django's own: the same URL and name, rate-limited.
    path("accounts/password_reset/", accounts.password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("procurement.workspace_urls")),
    path("workspace/", include("procurement.workspace_request_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# JSON under /api/, the site's pages elsewhere.
handler400 = "procurement.api.docs.bad_request"
handler403 = "procurement.api.docs.permission_denied"
handler404 = "procurement.api.docs.not_found"
handler500 = "procurement.api.docs.server_error"
