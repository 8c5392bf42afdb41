"""The browse pages of organisations and agreements: filters (country, kind) with counts,
award counts and totals per row, keyset pages (by name, then id: page 40 costs what page 1
costs).

Organisations are those the viewer may see (`organisations_visible_to`: the public ones, and a
member's own); the awards counted and added up are published ones only. Agreements are public
records; what is counted under them is, again, published awards only.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from procurement.awards.selectors.public import organisations_visible_to, published_awards
from procurement.core.widgets import country_codes
from procurement.models import Agreement, AgreementParty, AwardSupplier, Organisation

PAGE_SIZE = 50


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    count: int


@dataclass
class Directory:
    rows: list
    total: int
    countries: list[Choice]
    kinds: list[Choice]
    country: str
    kind: str
    next_cursor: str | None
    first_page: bool
    error: str = ""


def encode_cursor(name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([name, pk]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, int] | None:
    """(name, id) of the last row of the previous page; None for anything not made here."""
    try:
        name, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(name, str) or not isinstance(pk, int):
            return None
        return name, pk
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        return None


def _count_of(queryset: QuerySet, field: str) -> Subquery:
    """How many rows of `queryset` point at the outer row through `field`."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _choices(rows, labels, chosen: str = "") -> list[Choice]:
    """The values present, with their counts, by label; the chosen one kept (0) if absent."""
    found = [Choice(str(value), str(labels(value)), n) for value, n in rows if value]
    if chosen and chosen not in {choice.value for choice in found}:
        found.append(Choice(chosen, str(labels(chosen)), 0))
    return sorted(found, key=lambda choice: choice.label)


def _country(params) -> str:
    """The country asked for: any ISO code (a link may name one the data does not hold)."""
    code = params.get("country", "").upper()
    return code if code in country_codes() else ""


def _page(queryset: QuerySet, name_field: str, params) -> tuple[list, str | None, str]:
    """One keyset page ordered by (name, id); the next page's cursor; an error in words."""
    cursor = params.get("after")
    error = ""
    if cursor:
        after = decode_cursor(cursor)
        if after is None:
            error = str(_("This page link is broken; start again."))
            return [], None, error
        name, pk = after
        queryset = queryset.filter(
            Q(**{f"{name_field}__gt": name}) | Q(**{name_field: name, "pk__gt": pk})
        )
    rows = list(queryset.order_by(name_field, "pk")[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    last = rows[-1] if rows else None
    next_cursor = encode_cursor(getattr(last, name_field), last.pk) if more and last else None
    return rows, next_cursor, error


def _valid(value: str, allowed: set[str]) -> str:
    return value if value in allowed else ""


def _bad_filter(params, kinds: set[str]) -> str:
    """A kind or a country the page cannot filter by, said in words (the page answers 400)."""
    kind, country = params.get("kind", ""), params.get("country", "")
    if kind and kind not in kinds:
        return str(_("“%(kind)s” is not a kind of this list.") % {"kind": kind})
    if country and country.upper() not in country_codes():
        return str(
            _("“%(country)s” is not a country code (ISO 3166, e.g. RS).") % {"country": country}
        )
    return ""


def organisation_directory(params, user) -> Directory:
    """The organisations the user may see, filtered by `country` and `kind`; per row the
    published awards as buyer and as supplier. Four queries, whatever the page."""
    visible = organisations_visible_to(user)
    kind = _valid(params.get("kind", ""), set(Organisation.Kind.values))
    country = _country(params)
    kinds_rows = (
        visible.filter(**({"country": country} if country else {}))
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    country_rows = (
        visible.filter(**({"kind": kind} if kind else {}))
        .order_by()
        .values_list("country")
        .annotate(n=Count("pk"))
    )
    matches = visible
    if kind:
        matches = matches.filter(kind=kind)
    if country:
        matches = matches.filter(country=country)
    published_links = AwardSupplier.objects.filter(award__in=published_awards())
    annotated = matches.annotate(
        buyer_awards=_count_of(published_awards(), "buyer"),
        supplier_awards=_count_of(published_links, "organisation"),
    )
    bad = _bad_filter(params, set(Organisation.Kind.values))
    rows, next_cursor, error = ([], None, bad) if bad else _page(annotated, "name", params)
    return Directory(
        rows=rows,
        total=matches.count(),
        countries=_choices(country_rows, countries.name, country),
        kinds=_choices(kinds_rows, lambda v: Organisation.Kind(v).label, kind),
        country=country,
        kind=kind,
        next_cursor=next_cursor,
        first_page=not params.get("after"),
        error=error,
    )


@dataclass(frozen=True)
class Total:
    currency: str
    amount: Decimal
    awards: int


def agreement_directory(params) -> Directory:
    """Agreements filtered by `country` (of a party) and `kind`; per row its parties, the
    published awards made under it and their disclosed values added up per currency (never
    across currencies). Seven queries, whatever the page."""
    kind = _valid(params.get("kind", ""), set(Agreement.Kind.values))
    country = _country(params)
    parties = AgreementParty.objects.order_by()
    country_rows = (
        parties.filter(**({"agreement__kind": kind} if kind else {}))
        .values_list("organisation__country")
        .annotate(n=Count("agreement", distinct=True))
    )
    with_country = Agreement.objects.all()
    if country:
        with_country = with_country.filter(
            pk__in=parties.filter(organisation__country=country).values("agreement")
        )
    kinds_rows = with_country.order_by().values_list("kind").annotate(n=Count("pk"))
    matches = with_country.filter(kind=kind) if kind else with_country
    annotated = matches.annotate(
        award_count=_count_of(published_awards(), "agreement")
    ).prefetch_related("parties__organisation")
    bad = _bad_filter(params, set(Agreement.Kind.values))
    rows, next_cursor, error = ([], None, bad) if bad else _page(annotated, "title", params)
    totals: dict[int, list[Total]] = {}
    sums = (
        published_awards()
        .filter(agreement__in=[row.pk for row in rows], value_status="disclosed")
        .order_by("agreement", "value_currency")
        .values_list("agreement", "value_currency")
        .annotate(amount=Sum("value_amount"), n=Count("pk"))
    )
    for agreement_id, currency, amount, n in sums if rows else []:
        totals.setdefault(agreement_id, []).append(Total(currency, amount, n))
    for row in rows:
        row.totals = totals.get(row.pk, [])
        # Awards whose value is not disclosed are said so, never added as 0.
        row.undisclosed = row.award_count - sum(total.awards for total in row.totals)
    return Directory(
        rows=rows,
        total=matches.count(),
        countries=_choices(country_rows, countries.name, country),
        kinds=_choices(kinds_rows, lambda v: Agreement.Kind(v).label, kind),
        country=country,
        kind=kind,
        next_cursor=next_cursor,
        first_page=not params.get("after"),
        error=error,
    )
