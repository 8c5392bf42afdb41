"""Formatting of the tracker's values: money (or "undisclosed") and dates of known precision."""

from datetime import date
from decimal import Decimal

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from procurement.core.currencies import stated_amount

register = template.Library()


def format_amount(amount: Decimal, currency: str) -> str:
    """'EUR 150,000,000' — whole amounts without decimals, others with two, or with as many
    as the source stated ('MXN 259,658.286')."""
    if amount == amount.to_integral_value():
        return f"{currency} {format(amount, ',.0f')}"
    places = len(stated_amount(amount).partition(".")[2])
    return f"{currency} {format(amount, f',.{places}f')}"


@register.filter
def money(record) -> str:
    """A record's value, or a visible "undisclosed" — never 0 for a value nobody disclosed."""
    if getattr(record, "value_status", "undisclosed") != "disclosed":
        return format_html('<span class="undisclosed">{}</span>', _("undisclosed"))
    text = format_amount(record.value_amount, record.value_currency)
    if record.value_is_approximate:
        return format_html(
            '<span title="{}">{} {}</span>', _("approximate value"), _("about"), text
        )
    return format_html("<span>{}</span>", text)


@register.simple_tag
def partial_date(value: date | None, precision: str = "day") -> str:
    """A date shown only as precisely as its source states it: 2009, April 2019, 4 Sep 2020."""
    if value is None:
        return _("date not stated")
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "j M Y")


@register.simple_tag
def amount(value: Decimal | None, currency: str) -> str:
    """A total in its currency ('EUR 150,000,000'); a dash when there is none."""
    return format_amount(value, currency) if value is not None else "—"


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
