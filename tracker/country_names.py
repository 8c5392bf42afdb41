"""Country names in the reader's language from CLDR (Babel), for django-countries.

django-countries ships no Macedonian, Albanian or Bosnian catalogue, so its names would stay
English on those pages; every name is overridden with a lazy string that asks CLDR for the
active language. English keeps django-countries' own names (and the project's "Kosovo").
"""

from babel import Locale
from django.utils.functional import lazy
from django.utils.translation import get_language

# Django's language code → CLDR locale (procurement.core.formatting uses the same table).
CLDR = {"sr-latn": "sr_Latn", "sr": "sr_Cyrl", "mk": "mk", "sq": "sq", "bs": "bs_Latn"}


def _name(code: str, english) -> str:
    locale = CLDR.get(get_language() or "en")
    if locale is None:
        return str(english)
    return Locale.parse(locale).territories.get(code) or str(english)


def overrides(english_names: dict) -> dict:
    """{code: a lazy name in the active language} for every country django-countries knows."""
    lazy_name = lazy(_name, str)
    return {code: lazy_name(code, name) for code, name in english_names.items()}
