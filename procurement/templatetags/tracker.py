"""Formatting of the tracker's values in the reader's language: money (or "undisclosed"),
numbers, and dates of known precision. The rules live in procurement.core.formatting."""

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from procurement.core import formatting, languages

register = template.Library()


@register.filter
def money(record) -> str:
    """A record's value, or a visible "undisclosed" — never 0 for a value nobody disclosed."""
    if getattr(record, "value_status", "undisclosed") != "disclosed":
        return format_html('<span class="undisclosed">{}</span>', _("undisclosed"))
    text = formatting.format_money(record.value_amount, record.value_currency)
    if record.value_is_approximate:
        return format_html(
            '<span title="{}">{} {}</span>', _("approximate value"), _("about"), text
        )
    return format_html("<span>{}</span>", text)


@register.simple_tag
def partial_date(value: date | None, precision: str = "day") -> str:
    """A date shown only as precisely as its source states it: 2009, April 2019, 4 Sep 2020."""
    return formatting.format_partial_date(value, precision)


@register.simple_tag
def amount(value: Decimal | None, currency: str) -> str:
    """A total in its currency ('EUR 150,000,000', '150.000.000 EUR'); a dash when none."""
    return formatting.format_money(value, currency) if value is not None else "—"


@register.filter
def number(value) -> str:
    """A count or a figure grouped as the reader's language groups digits (1,000 / 1.000)."""
    if value is None or value == "":
        return ""
    return formatting.format_number(value)


@register.filter
def local_date(value: date | None, style: str = "medium") -> str:
    """A date in the reader's language: medium (4 Sep 2026), weekday, long, full, day
    (Fri 4 Sep), day_month, month (September 2026), month_short."""
    return formatting.format_date(value, style)


@register.filter
def local_datetime(value: datetime | None, style: str = "medium") -> str:
    """A moment in the site's time zone and the reader's language (4 Sep 2026 14:05);
    style "seconds" adds the seconds."""
    if style == "seconds":
        return formatting.format_datetime(value, seconds=True)
    return formatting.format_datetime(value, style)


@register.filter
def in_script(organisation) -> str:
    """The organisation's name in the page's script (Latin or Cyrillic), from its aliases
    when they are loaded (prefetch_related("aliases")); its own name otherwise."""
    if organisation is None:
        return ""
    aliases = getattr(organisation, "_prefetched_objects_cache", {}).get("aliases", ())
    return languages.name_in_script(organisation.name, aliases)


@register.filter
def indicator_name(code: str) -> str:
    """'X001' → 'Exempted from procurement law by an international agreement'."""
    from procurement.redflags.selectors.flags import INDICATOR_NAMES

    return str(INDICATOR_NAMES.get(code, code))


@register.filter
def flag_explanation(flag) -> str:
    """A red flag's explanation, rendered from its inputs in the reader's language."""
    from procurement.redflags.explanations import explain

    return explain(flag.code, flag.inputs)
