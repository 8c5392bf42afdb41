from django.conf import settings
from django.utils import translation

from procurement.core import languages


def site(request) -> dict:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "SITE_URL": settings.SITE_URL,
        "LANGUAGE_TAG": languages.BCP47.get(language, language),  # <html lang>, hreflang
        "LANGUAGE_ALTERNATES": languages.alternates(request),
    }
