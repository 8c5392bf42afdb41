"""The charts page: awards per year by method, exempted versus tendered share per country,
top suppliers by value in one currency. SVG drawn on the server, each with its table."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from procurement.awards.charts import stacked_bars
from procurement.awards.selectors import charts as data
from procurement.models import Method
from procurement.redflags import CODES
from procurement.redflags.selectors.flags import INDICATOR_NAMES


def method_legend() -> list[tuple[str, str]]:
    return [*((k, str(v)) for k, v in Method.choices), ("none", _("no procurement procedure"))]


def per_year_chart():
    return stacked_bars(data.awards_per_year_by_method(), method_legend(), label_width=80)


def red_flags_chart():
    """Public risk indicators per country, one segment per indicator code."""
    rows = data.red_flags_by_country()
    present = {code for _country, counts in rows for code in counts}
    legend = [(code, f"{code} {INDICATOR_NAMES[code]}") for code in CODES if code in present]
    return stacked_bars(rows, legend, label_width=180)


def charts(request: HttpRequest) -> HttpResponse:
    currencies = data.currencies_in_use()
    currency = request.GET.get("currency", "EUR")
    if currency not in currencies:
        currency = currencies[0] if currencies else ""
    exempted = [
        ("exempted", _("under an agreement, outside procurement law")),
        ("tendered", _("open or selective tender")),
        ("other", _("other or not disclosed")),
    ]
    return render(
        request,
        "procurement/charts.html",
        {
            "per_year": per_year_chart(),
            "red_flags": red_flags_chart(),
            "exempted": stacked_bars(data.exempted_share_by_country(), exempted, percent=True),
            "top_suppliers": stacked_bars(
                data.top_suppliers_by_value(currency) if currency else [],
                [("value", _("disclosed value"))],
            ),
            "currency": currency,
            "currencies": currencies,
        },
    )
