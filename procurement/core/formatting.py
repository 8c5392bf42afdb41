"""Numbers, money and dates in the reader's language (Babel and CLDR): one module for pages
(the filters of `procurement.templatetags.tracker`), e-mails, letters, calendars and ICS feeds.

Every function takes an optional `language` (a Django code: `sr-latn`, `sr`, `mk`, `sq`, `bs`,
`en`); without it, the active one. So a page renders in its reader's language, and an e-mail
rendered under `translation.override(recipient.language)` in the recipient's.

- Money: `150.000.000 EUR` in Serbian, `EUR 150,000,000` in English — the ISO code, never a
  symbol (the region's readers compare EUR, RSD, BAM, MKD and ALL side by side); whole amounts
  without decimals. An undisclosed value is the words "undisclosed", never 0.
- Dates: English keeps the tracker's day-month order (`Fri 4 Sep 2026`); the region's
  languages use their CLDR forms (`pet, 4. sep 2026.`, `пет., 4 сеп. 2026 г.`,
  `pre, 4 sht 2026`), with their own month and weekday names.
"""

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_skeleton, format_time, get_day_names
from babel.numbers import format_currency, format_decimal, get_group_symbol
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from procurement.core.currencies import stated_amount

# Django's language code → the CLDR locale Babel formats with.
BABEL_LOCALES = {
    "en": "en",
    "sr-latn": "sr_Latn",
    "sr": "sr_Cyrl",
    "mk": "mk",
    "sq": "sq",
    "bs": "bs_Latn",
}

# style → (English pattern, CLDR skeleton or length for the other languages)
DATE_STYLES = {
    "medium": ("d MMM y", "yMMMd"),  # 4 Sep 2026
    "weekday": ("EEE d MMM y", "yMMMEd"),  # Fri 4 Sep 2026
    "long": ("d MMMM y", "long"),  # 4 September 2026
    "full": ("EEEE d MMMM y", "full"),  # Friday 4 September 2026
    "day": ("EEE d MMM", "MMMEd"),  # Fri 4 Sep (this year's calendar)
    "day_month": ("d MMM", "MMMd"),  # 4 Sep
    "month": ("MMMM y", "yMMMM"),  # September 2026
    "month_short": ("MMM y", "yMMM"),  # Sep 2026
    "weekday_name": ("EEEE", "=cccc"),  # Friday (= a CLDR pattern in every language)
    "weekday_short": ("EEE", "=ccc"),  # Fri
}
_LENGTHS = {"short", "medium", "long", "full"}


def _language(language: str | None) -> str:
    return language or translation.get_language() or settings.LANGUAGE_CODE


def babel_locale(language: str | None = None) -> Locale:
    """The CLDR locale of a Django language code (the active language by default)."""
    code = _language(language)
    return Locale.parse(BABEL_LOCALES.get(code, BABEL_LOCALES.get(code.split("-")[0], "en")))


def format_number(value: int | float | Decimal, *, language: str | None = None) -> str:
    """150000000 → 150,000,000 / 150.000.000 / 150 000 000, as the language groups digits."""
    if type(value) is int and value >= 0:  # counts: a page prints dozens
        return _grouped(str(value), *_integer_format(_language(language)))
    return format_decimal(value, locale=babel_locale(language))


@lru_cache(maxsize=16)
def _integer_format(language: str) -> tuple[str, int, int, str, str]:
    """The locale's group symbol, group sizes and affixes of a positive whole number."""
    locale = babel_locale(language)
    pattern = locale.decimal_formats[None]
    first, rest = pattern.grouping
    return get_group_symbol(locale), first, rest, pattern.prefix[0], pattern.suffix[0]


def _grouped(digits: str, symbol: str, first: int, rest: int, prefix: str, suffix: str) -> str:
    """Babel's own grouping (NumberPattern._format_int), without its per-call parsing: the
    same text (tests/core/test_formatting.py compares them), ~10 times faster."""
    groups, size = [], first
    while len(digits) > size:
        groups.append(digits[-size:])
        digits = digits[:-size]
        size = rest
    return prefix + symbol.join([digits, *reversed(groups)]) + suffix


def _money_pattern(locale: Locale, places: int) -> str:
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    pattern = pattern.replace("\xa0", " ").replace("¤", "¤¤")  # the ISO code, not a symbol
    # CLDR's currency spacing: a code directly before or after the digits gets a space.
    pattern = pattern.replace("¤¤#", "¤¤ #").replace("0¤¤", "0 ¤¤")
    return pattern.replace(".00", "." + "0" * places if places else "")


def format_money(amount: Decimal, currency: str, *, language: str | None = None) -> str:
    """'EUR 150,000,000' in English, '150.000.000 EUR' in Serbian; cents only when there are,
    and as many decimals as the source stated ('MXN 259,658.286')."""
    locale = babel_locale(language)
    whole = amount == amount.to_integral_value()
    places = 0 if whole else len(stated_amount(amount).partition(".")[2])
    return format_currency(
        amount,
        currency,
        format=_money_pattern(locale, places),
        locale=locale,
        currency_digits=False,
        decimal_quantization=not whole,
    )


def format_value(
    amount: Decimal | None, currency: str, disclosed: bool = True, *, language: str | None = None
) -> str:
    """A value as text: the amount in its currency, or "undisclosed" — never 0."""
    if not disclosed or amount is None:
        with translation.override(_language(language)):
            return gettext("undisclosed")
    return format_money(amount, currency, language=language)


def format_date(value: date | None, style: str = "medium", *, language: str | None = None) -> str:
    """A date in one of DATE_STYLES, with the language's month and weekday names."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    code = _language(language)
    english, regional = DATE_STYLES[style]
    locale = babel_locale(code)
    if code == "en":
        return babel_date(value, english, locale=locale)
    if regional in _LENGTHS:
        return babel_date(value, regional, locale=locale)
    if regional.startswith("="):
        return babel_date(value, regional[1:], locale=locale)
    return format_skeleton(regional, value, locale=locale)


def format_datetime(
    value: datetime | None,
    style: str = "medium",
    *,
    seconds: bool = False,
    language: str | None = None,
) -> str:
    """A moment in the site's time zone: its date (DATE_STYLES) and the time of day."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    code = _language(language)
    day = format_date(local.date(), style, language=code)
    if code == "en":
        clock = format_time(local, "HH:mm:ss" if seconds else "HH:mm", locale="en")
    else:
        clock = format_time(local, "medium" if seconds else "short", locale=babel_locale(code))
    return f"{day} {clock}"


def format_partial_date(
    value: date | None, precision: str = "day", *, language: str | None = None
) -> str:
    """A date only as precise as its source: 2009, April 2019, 4 Sep 2020."""
    if value is None:
        with translation.override(_language(language)):
            return gettext("date not stated")
    if precision == "year":
        return str(value.year)
    return format_date(value, "month" if precision == "month" else "medium", language=language)


def format_date_range(first: date, last: date, *, language: str | None = None) -> str:
    """'4–10 Sep' within a month, '28 Sep–3 Oct' across two (the days a period counted)."""
    if (first.year, first.month) == (last.year, last.month) and _language(language) == "en":
        return f"{first.day}–{format_date(last, 'day_month', language=language)}"
    return (
        f"{format_date(first, 'day_month', language=language)}–"
        f"{format_date(last, 'day_month', language=language)}"
    )


def weekday_names(width: str = "abbreviated", *, language: str | None = None) -> list[str]:
    """Monday first: ['Mon', … 'Sun'] / ['pon', … 'ned'] ('wide' for the whole names)."""
    names = get_day_names(width, locale=babel_locale(language))
    return [names[index] for index in range(7)]
