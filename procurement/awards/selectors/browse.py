"""The award search as the public sees it: visibility, filters, sort, one page, count, facets."""

import hashlib
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from procurement.awards.filters import AwardFilterSet
from procurement.awards.selectors import keyset
from procurement.awards.selectors.counted import RankedFirstPage
from procurement.awards.selectors.facets import Facets, ResultCount, summarise, summary_key
from procurement.awards.selectors.keyset import (
    KeysetPage,
    Sort,
    choose_sort,
    keyset_page,
    sorted_awards,
)
from procurement.awards.selectors.public import organisations_visible_to, published_awards
from procurement.awards.selectors.search import suggest_organisations
from procurement.core.search_summaries import current_version
from procurement.models import Award, Organisation

PAGING = ("after", "before", "page")


def awards_visible_to(user) -> QuerySet[Award]:
    """Reviewers see every award (and may filter by review status); everyone else, published."""
    if getattr(user, "is_reviewer", False):
        return Award.objects.all()
    return published_awards()


# The columns a result row shows (procurement.templatetags.browse.award_rows), and nothing
# else: the search document, descriptions and notes stay in the database.
ROW_COLUMNS = (
    "title",
    "supplier_names",
    "legal_basis",
    "agreement_id",
    "buyer_id",
    "value_status",
    "value_amount",
    "value_currency",
    "value_is_approximate",
    "award_date",
    "award_date_precision",
    "buyer__name",
    "agreement__title",
    "agreement__short_title",
)


def result_rows(queryset: QuerySet[Award]) -> QuerySet[Award]:
    """What a result row shows (buyer, agreement, the suppliers' names column): one query,
    only the columns the row shows."""
    return queryset.select_related("buyer", "agreement").only(*ROW_COLUMNS)


def audience(request) -> str:
    """Whose view of the awards a cached summary holds."""
    return (
        "reviewers" if getattr(getattr(request, "user", None), "is_reviewer", False) else "public"
    )


def filtered_awards(params, request) -> AwardFilterSet:
    """The award FilterSet bound to `params` over what the requesting user may see."""
    user = getattr(request, "user", None)
    return AwardFilterSet(params, queryset=awards_visible_to(user), request=request)


def exported_awards(params, request) -> AwardFilterSet:
    """The award FilterSet of an export (CSV, OCDS) bound to `params`: published awards only,
    whoever asks, so that nothing unreviewed leaves the tracker in a file."""
    return AwardFilterSet(params, queryset=published_awards(), request=request)


def exported_in_page_order(filterset: AwardFilterSet, params) -> QuerySet[Award]:
    """A valid export filterset's awards in the search page's order: `sort=` when given, else
    by relevance for a query with few enough matches to rank, else newest first."""
    query = params.get("q", "")
    requested = params.get("sort")
    matches = filterset.qs
    ranked = query.strip() and requested not in ("date", "value")
    sort = choose_sort(requested, query, matches.count() if ranked else 0)
    return sorted_awards(matches, sort, query)


@dataclass
class AwardSearch:
    filterset: AwardFilterSet
    sort: Sort
    page: KeysetPage | None
    count: ResultCount | None
    facets: Facets | None
    suggestions: list[Organisation]
    error: str = ""
    unranked: bool = False  # too many matches to rank: newest first instead


def search_page(
    params, request, *, size: int | None = None, with_facets: bool = True
) -> AwardSearch:
    """One page of results with its count and facets; a fixed number of queries for any page
    size or depth. Invalid filters give no results and the form's errors."""
    filterset = filtered_awards(params, request)
    query = params.get("q", "")
    if not filterset.is_valid():
        return AwardSearch(filterset, choose_sort(params.get("sort"), query), None, None, None, [])
    matches = filterset.qs
    key = summary_key(filterset.form.cleaned_data, audience(request))
    size = size or keyset.DEFAULT_PAGE_SIZE
    after, before = params.get("after"), params.get("before")
    first = RankedFirstPage(matches, query, params.get("sort"), size, bool(after or before))
    count, facets = summarise(matches, key, with_facets=with_facets, counted=first)
    sort = choose_sort(params.get("sort"), query, count.value)
    try:
        page = keyset_page(
            result_rows(sorted_awards(matches, sort, query)),
            sort,
            after=after,
            before=before,
            size=size,
            number=_page_number(params.get("page")),
            narrow=keyset.sorts_every_match(query, count.value),
            first_ids=first.ids_for(sort),
        )
    except ValidationError as error:
        return AwardSearch(filterset, sort, None, None, None, [], error=error.messages[0])
    suggestions = (
        suggest_organisations(query, organisations_visible_to(getattr(request, "user", None)))
        if query and count.value == 0
        else []
    )
    unranked = (
        bool(query.strip())
        and sort.key != "relevance"
        and params.get("sort")
        in (
            None,
            "",
            "relevance",
        )
    )
    return AwardSearch(filterset, sort, page, count, facets, suggestions, unranked=unranked)


def _page_number(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


@dataclass(frozen=True)
class ActiveFilter:
    name: str
    label: str
    value: str


def active_filters(filterset: AwardFilterSet) -> list[ActiveFilter]:
    """The filters in force, in words ("Buyer: Ministry of Interior"), for removable chips."""
    if not filterset.is_bound or not filterset.is_valid():
        return []
    active = []
    for name, value in filterset.form.cleaned_data.items():
        if name == "q" or value in (None, "", []):
            continue
        field = filterset.form.fields[name]
        if isinstance(value, list):  # several choices, e.g. red_flag=X001&red_flag=R063
            labels = dict(field.choices)
            shown = ", ".join(str(labels.get(item, item)) for item in value)
        elif isinstance(value, bool):
            words = dict(getattr(field.widget, "choices", []))  # e.g. "undisclosed only"
            shown = words.get("true" if value else "false") or (_("yes") if value else _("no"))
        elif isinstance(field, forms.ModelChoiceField):
            shown = value  # the chosen object; never list every choice
        elif isinstance(field, forms.ChoiceField):
            shown = dict(field.choices).get(value, value)
        else:
            shown = value
        active.append(ActiveFilter(name, str(field.label), str(shown)))
    return active


def sidebar_key(params, request, result: AwardSearch) -> str | None:
    """The cache key of the filters and facets column: it depends only on the filters (not
    the page), the audience, the language and the data version. None when not cacheable."""
    if result.page is None or result.facets is None:
        return None
    filters = sorted((k, v) for k, values in params.lists() if k not in PAGING for v in values)
    raw = repr((current_version(), audience(request), get_language(), filters))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]
