"""One include per subject (each subject's urls.py names its full paths), then Django's own."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("procurement.core.urls")),
    path("", include("procurement.awards.urls")),
    path("", include("procurement.foi.urls")),
    path("", include("procurement.review.urls")),
    path("", include("procurement.accounts.urls")),
    path("", include("procurement.authorities.urls")),
    path("", include("procurement.documents.urls")),
    path("", include("procurement.ocds.urls")),
    path("api/", include("procurement.api.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# JSON under /api/, the site's pages elsewhere.
handler400 = "procurement.api.docs.bad_request"
handler403 = "procurement.api.docs.permission_denied"
handler404 = "procurement.api.docs.not_found"
handler500 = "procurement.api.docs.server_error"
