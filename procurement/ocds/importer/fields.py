"""Conversions of OCDS fields to the model's values: text, dates, money, countries.

A value the schema accepts but the tracker cannot hold raises MappingError with its path.
"""

import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django_countries import countries

from procurement.core.currencies import CURRENCY_CODES
from procurement.core.folding import fold
from procurement.models import ValueStatus

UNDISCLOSED = {"value_status": ValueStatus.UNDISCLOSED, "value_amount": None, "value_currency": ""}
MAX_AMOUNT = Decimal("1e18")
AMOUNT_PLACES = Decimal("0.000001")  # the model keeps six decimals: what publishers state
# Languages whose country names the importer recognises in address.countryName (those
# django-countries translates): "Україна", "Украина", "México", "Հայաստան" …
COUNTRY_NAME_LANGUAGES = [
    "en",
    "bg",
    "bs",
    "ca",
    "cs",
    "da",
    "de",
    "el",
    "es",
    "et",
    "fi",
    "fr",
    "hr",
    "hu",
    "hy",
    "it",
    "lt",
    "lv",
    "mk",
    "nb",
    "nl",
    "pl",
    "pt_BR",
    "pt_PT",
    "ro",
    "ru",
    "sk",
    "sl",
    "sq",
    "sr",
    "sr_Latn",
    "sv",
    "tr_TR",
    "uk",
]


class MappingError(ValueError):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def clip(text: object, length: int) -> str:
    text = str(text or "").strip()
    return text if len(text) <= length else text[: length - 1] + "…"


def to_datetime(value: object) -> datetime | None:
    """An RFC 3339 date-time (validated by the schema) as an aware datetime."""
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def to_date(value: object) -> date | None:
    """The calendar date as written in the source's own offset (not converted)."""
    moment = to_datetime(value)
    return moment.date() if moment else None


def timestamps(**values: object) -> dict[str, str]:
    """The timestamps given, as the source wrote them (offset and precision kept), by OCDS
    field; those it does not give are left out."""
    return {key: value for key, value in values.items() if isinstance(value, str) and value}


def money(value: object, path: str) -> dict:
    """An OCDS Value as the model's money fields; omitted, null or 0 means undisclosed."""
    if not isinstance(value, dict) or value.get("amount") is None or not value.get("currency"):
        return dict(UNDISCLOSED)
    try:
        amount = Decimal(str(value["amount"]))
    except InvalidOperation as error:
        raise MappingError(f"{path}.amount", "not a number") from error
    if not amount.is_finite():
        raise MappingError(f"{path}.amount", "not a number")
    if amount < 0:
        raise MappingError(f"{path}.amount", f"negative amount {amount}")
    if amount >= MAX_AMOUNT:
        raise MappingError(f"{path}.amount", f"amount {amount} is out of range")
    # Float noise beyond the sixth decimal (72349.20000000001) goes; stated decimals stay.
    amount = amount.quantize(AMOUNT_PLACES).normalize()
    amount = amount if amount.as_tuple().exponent <= 0 else amount.quantize(Decimal(1))
    currency = value["currency"]
    if currency not in CURRENCY_CODES:
        raise MappingError(f"{path}.currency", f"{currency!r} is not a current ISO 4217 code")
    if amount == 0:  # publishers write 0 for "not known": never shown as a value
        return dict(UNDISCLOSED)
    return {
        "value_status": ValueStatus.DISCLOSED,
        "value_amount": amount,
        "value_currency": currency,
    }


def _name_key(text: str) -> str:
    """A country name's key: folded (Latin and Cyrillic alike), or in another script (Armenian,
    Greek) cased and stripped of marks; blank for a blank name."""
    folded = fold(text)
    if folded:
        return folded
    plain = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).casefold().split())


def _country_names() -> dict[str, str]:
    """Country names in every language of COUNTRY_NAME_LANGUAGES by key, and the codes."""
    names = {fold(code): code for code, _ in countries}
    for language in COUNTRY_NAME_LANGUAGES:
        with translation.override(language):
            for code, name in countries:
                if key := _name_key(str(name)):
                    names.setdefault(key, code)
    names.update({"kosovo": "XK", "kosova": "XK", "kosovo i metohija": "XK", "xk": "XK"})
    return names


_COUNTRIES: dict[str, str] = {}


def country_of_party(party: dict) -> str:
    """ISO 3166 code from address.countryName (a name in any of COUNTRY_NAME_LANGUAGES, or a
    code), else from the identifier scheme's country prefix (org-id.guide: "RS-MB" → RS,
    "UA-EDR" → UA); blank when neither tells."""
    if not _COUNTRIES:
        _COUNTRIES.update(_country_names())
    address = party.get("address") or {}
    for text in (address.get("countryCode"), address.get("countryName")):
        key = _name_key(text) if isinstance(text, str) else ""
        if key in _COUNTRIES:
            return _COUNTRIES[key]
    scheme = str((party.get("identifier") or {}).get("scheme") or "")
    prefix = scheme.split("-")[0]
    if len(prefix) == 2 and prefix.isalpha() and fold(prefix) in _COUNTRIES:
        return _COUNTRIES[fold(prefix)]
    return ""
