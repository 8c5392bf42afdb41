"""One include per subject (each subject's urls.py names its full paths), then Django's own.

Public pages are served under a language prefix (`/sr-latn/awards/`), each subject's
`public_urlpatterns`; the API, exports, feeds, the workspace, sign-in and the admin are not.
An unprefixed public URL answers too, in the reader's language (procurement/core/languages.py).
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from procurement.awards import urls as awards
from procurement.core import urls as core
from procurement.foi import urls as foi
from procurement.review import urls as review

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
    path("admin/", admin.site.urls),
    *i18n_patterns(
        path("", include(core.public_urlpatterns)),
        path("", include(awards.public_urlpatterns)),
        path("", include(foi.public_urlpatterns)),
        path("", include(review.public_urlpatterns)),
        prefix_default_language=True,
    ),
]

# JSON under /api/, the site's pages elsewhere.
handler400 = "procurement.api.docs.bad_request"
handler403 = "procurement.api.docs.permission_denied"
handler404 = "procurement.api.docs.not_found"
handler500 = "procurement.api.docs.server_error"
