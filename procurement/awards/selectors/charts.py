"""Data of the public charts, over published awards; cached briefly (aggregates of the whole
table are costly on a million rows, and the history changes slowly)."""

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language
from django_countries import countries

from procurement.awards.selectors.public import published_awards
from procurement.models import AwardSupplier, Method
from procurement.redflags import CODES
from procurement.redflags.selectors.flags import flag_counts_by_country

CACHE_SECONDS = 600
YEARS = 15
TOP = 10


def _cached(key: str, compute):
    """Cached per language: rows hold country and method names in the reader's words."""
    return cache.get_or_set(f"charts:{get_language()}:{key}", compute, CACHE_SECONDS)


def awards_per_year_by_method() -> list[tuple[str, dict[str, int]]]:
    """(year, {method: number of awards}) for the latest YEARS years with dated awards."""

    def compute():
        rows = (
            published_awards()
            .filter(award_date__isnull=False)
            .annotate(year=ExtractYear("award_date"))
            .values("year", "method")
            .annotate(n=Count("pk"))
            .order_by("year")
        )
        years: dict[str, dict[str, int]] = {}
        for row in rows:
            years.setdefault(str(row["year"]), {})[row["method"] or "none"] = row["n"]
        return list(years.items())[-YEARS:]

    return _cached("per-year", compute)


def exempted_share_by_country() -> list[tuple[str, dict[str, int]]]:
    """(country, {exempted, tendered, other}): awards under an agreement (outside procurement
    law) against awards by open or selective tender."""

    def compute():
        rows = (
            published_awards()
            .values("country")
            .annotate(
                exempted=Count("pk", filter=Q(legal_basis="agreement")),
                tendered=Count(
                    "pk",
                    filter=~Q(legal_basis="agreement")
                    & Q(method__in=[Method.OPEN, Method.SELECTIVE]),
                ),
                total=Count("pk"),
            )
            .order_by("country")
        )
        return [
            (
                str(countries.name(r["country"]) or r["country"]),
                {
                    "exempted": r["exempted"],
                    "tendered": r["tendered"],
                    "other": r["total"] - r["exempted"] - r["tendered"],
                },
            )
            for r in rows
        ]

    return _cached("exempted", compute)


def currencies_in_use() -> list[str]:
    def compute():
        return list(
            published_awards()
            .filter(value_status="disclosed")
            .values_list("value_currency", flat=True)
            .distinct()
            .order_by("value_currency")
        )

    return _cached("currencies", compute)


def top_suppliers_by_value(currency: str) -> list[tuple[str, dict[str, float]]]:
    """(supplier, {value}) by the disclosed value of their awards in one currency; an award
    with several suppliers counts in full for each (the sources rarely split it)."""

    def compute():
        rows = (
            AwardSupplier.objects.filter(
                award__in=published_awards()
                .filter(value_status="disclosed", value_currency=currency)
                .values("pk")
            )
            .values("organisation__name")
            .annotate(total=Sum("award__value_amount"))
            .order_by("-total", "organisation__name")[:TOP]
        )
        return [(r["organisation__name"], {"value": float(r["total"])}) for r in rows]

    return _cached(f"top-suppliers:{currency}", compute)


def red_flags_by_country() -> list[tuple[str, dict[str, int]]]:
    """(country, {indicator: public flags}), countries in name order."""

    def compute():
        table = flag_counts_by_country()
        named = [(str(countries.name(code) or code or "—"), row) for code, row in table.items()]
        return sorted(named)

    return _cached("red-flags", compute)


def red_flag_counts() -> dict[str, int]:
    """indicator → public flags, summed from the cached per-country table (no query of its
    own: counting millions of flags on every home page view would not do)."""
    counts = dict.fromkeys(CODES, 0)
    for _country, row in red_flags_by_country():
        for code, n in row.items():
            counts[code] = counts.get(code, 0) + n
    return counts
