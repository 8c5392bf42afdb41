"""Names sorted as the reader's alphabet sorts them: č after c, љ after л, ë after e.

PostgreSQL compares with the ICU collation of the page's language (the `*-x-icu` collations
that initdb creates when PostgreSQL is built with ICU, as Debian's and the official images
are); SQLite, the embedded default, has no ICU, so it falls back to a plain case-blind order.
"""

from django.db import connection
from django.db.models import F, OrderBy
from django.db.models.functions import Collate, Lower
from django.utils import translation

ICU_COLLATIONS = {
    "en": "en-x-icu",
    "sr-latn": "sr-Latn-x-icu",
    "sr": "sr-Cyrl-x-icu",
    "mk": "mk-x-icu",
    "sq": "sq-x-icu",
    "bs": "bs-x-icu",
}


def collation_for(language: str | None = None) -> str | None:
    """The ICU collation of a language (the active one by default); None off PostgreSQL."""
    if connection.vendor != "postgresql":
        return None
    code = language or translation.get_language() or "en"
    return ICU_COLLATIONS.get(code, ICU_COLLATIONS["en"])


def by_name(field: str = "name", *, language: str | None = None) -> OrderBy:
    """An order_by() term: `field` in the collation of the reader's language."""
    collation = collation_for(language)
    if collation is None:
        return Lower(field).asc()
    return Collate(F(field), collation).asc()
