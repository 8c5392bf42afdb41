"""FilterSets of the public lists (HTML, API, CSV and OCDS exports share them).

A FilterSet only narrows the queryset it is given: visibility is decided by the selectors.
Other areas may add filters without editing this module with `register_award_filter`; the
search page shows the new field, and the API schema, the exports and the facets' links honour
it.
"""

import copy
from collections.abc import Callable

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from procurement.awards.search import query_words
from procurement.awards.selectors.countries import (
    published_award_countries,
    published_supplier_countries,
)
from procurement.awards.selectors.groups import group_supplier_links
from procurement.awards.selectors.public import organisations_visible_to
from procurement.awards.selectors.search import search_awards
from procurement.core.bounds import EARLIEST_DATE, LATEST_DATE, BoundedDateField, IdField
from procurement.core.currencies import CURRENCY_CHOICES
from procurement.core.form_fields import ListedModelChoiceFilter
from procurement.core.search_summaries import current_version
from procurement.core.widgets import FastSelect, country_choices, country_codes
from procurement.models import (
    Agreement,
    Award,
    AwardSupplier,
    Confidentiality,
    Method,
    Organisation,
    ReviewStatus,
    Sector,
)
from procurement.redflags.selectors.flags import filter_awards_by_flags, indicator_choices

NO_METHOD = "none"
ANY = _("any")  # awards outside any procurement procedure (grants, private purchases)


def _filter_by(function: Callable[[QuerySet, str], QuerySet], value_type: type = str):
    """A django-filter `method` that ignores the field name and takes only the value
    (`value_type` documents the parameter's type in the API schema)."""

    def method(queryset, name, value):
        return function(queryset, value) if value not in (None, "") else queryset

    method.__annotations__ = {"value": value_type, "return": QuerySet}
    return method


class AwardFilterForm(forms.Form):
    """Cross-field rules: an amount means nothing without its currency."""

    def clean(self):
        data = super().clean()
        low, high = data.get("value_min"), data.get("value_max")
        if (low is not None or high is not None) and not data.get("currency"):
            raise forms.ValidationError(
                _(
                    "Choose a currency for the value range: amounts in different currencies "
                    "are not comparable."
                ),
                code="currency_required",
            )
        if low is not None and high is not None and low > high:
            raise forms.ValidationError(
                _("The smallest value is above the largest."), code="bad_range"
            )
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(
                _("The first date is after the last date."), code="bad_dates"
            )
        return data


def _organisations_for(request) -> QuerySet[Organisation]:
    """The organisations a buyer or supplier filter may name: those the requester may see,
    so that a filter never shows the name of one known only from an unpublished import."""
    return organisations_visible_to(getattr(request, "user", None))


def _supplier_or_group(queryset: QuerySet, organisation: Organisation) -> QuerySet:
    """Awards to this supplier or to any company of its group (Huawei → Huawei Serbia …)."""
    return queryset.filter(pk__in=group_supplier_links(organisation).values("award"))


def _supplier_from(queryset: QuerySet, country: str) -> QuerySet:
    links = AwardSupplier.objects.filter(organisation__country=country)
    return queryset.filter(pk__in=links.values("award"))


class IdFilter(django_filters.NumberFilter):
    """A record id, range-checked (procurement.core.bounds): 400 with the field, never a 500."""

    field_class = IdField


class DateFilter(django_filters.DateFilter):
    """A date, range-checked (procurement.core.bounds)."""

    field_class = BoundedDateField


class CodesField(forms.MultipleChoiceField):
    """Several codes, repeated (?red_flag=X001&red_flag=R063) or comma-separated
    (?red_flag=X001,R063), in any case."""

    def to_python(self, value):
        return [
            code.strip().upper()
            for item in super().to_python(value)
            for code in item.split(",")
            if code.strip()
        ]


class CodesFilter(django_filters.MultipleChoiceFilter):
    field_class = CodesField


COUNTRIES_SECONDS = 3600


def _present(name: str, codes: Callable[[], list[str]]) -> list[tuple[str, str]]:
    """The countries the published data holds (six today, not 250), by name in the current
    language; cached under the search-summary version, which every award write changes."""
    key = f"award-countries:{name}:{current_version()}"
    found = cache.get(key)
    if found is None:
        found = codes()
        cache.set(key, found, COUNTRIES_SECONDS)
    return sorted(((code, str(countries.name(code))) for code in found), key=lambda c: c[1])


def award_countries() -> list[tuple[str, str]]:
    """The countries of the published awards (the "Country" filter's options)."""
    return _present("award", published_award_countries)


def supplier_countries() -> list[tuple[str, str]]:
    """The home countries of the published awards' suppliers."""
    return _present("supplier", published_supplier_countries)


class CountryChoiceField(django_filters.fields.ChoiceField):
    def valid_value(self, value) -> bool:
        return str(value) in country_codes()  # not a walk through 250 translated names


class CountryFilter(django_filters.ChoiceFilter):
    field_class = CountryChoiceField


class ShallowFilters(dict):
    """`FilterSet.__init__` deep-copies its declared filters on every request, options
    (choices, querysets, labels) included. They are never changed once declared: a shallow
    copy of each filter, with its own form field and its own method binding, is enough."""

    def __deepcopy__(self, memo):
        copies = {}
        for name, declared in self.items():
            filter_ = copy.copy(declared)
            filter_.__dict__.pop("_field", None)  # its own form field, built on first use
            if declared.method is not None:
                filter_.method = declared.method  # a FilterMethod bound to the copy
            copies[name] = filter_
        return copies


class FreshFields(dict):
    """The form fields of one FilterSet instance, built for it alone: a form made from them
    need not deep-copy them again."""

    def __deepcopy__(self, memo):
        return dict(self)


class AwardFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method=_filter_by(search_awards), max_length=200
    )
    # The options are the countries in the data; any country code is accepted in a link.
    country = CountryFilter(
        label=_("Country"), choices=award_countries, widget=FastSelect, empty_label=ANY
    )
    buyer = django_filters.ModelChoiceFilter(
        label=_("Buyer"), queryset=_organisations_for, widget=forms.HiddenInput
    )
    supplier = django_filters.ModelChoiceFilter(
        label=_("Supplier or group"),
        queryset=_organisations_for,
        method=_filter_by(_supplier_or_group, int),
        widget=forms.HiddenInput,
    )
    supplier_country = CountryFilter(
        label=_("Supplier's home country"),
        choices=supplier_countries,
        widget=FastSelect,
        empty_label=ANY,
        method=_filter_by(_supplier_from),
    )
    method = django_filters.ChoiceFilter(
        label=_("Method"),
        choices=[*Method.choices, (NO_METHOD, _("no procurement procedure"))],
        widget=FastSelect(static=True),
        empty_label=ANY,
        method=_filter_by(lambda qs, v: qs.filter(method="" if v == NO_METHOD else v)),
    )
    legal_basis = django_filters.ChoiceFilter(
        label=_("Legal basis"),
        choices=Award.LegalBasis.choices,
        widget=FastSelect(static=True),
        empty_label=ANY,
    )
    agreement = ListedModelChoiceFilter(
        label=_("Agreement"),
        queryset=Agreement.objects.order_by("signed_on", "title").only(
            "id", "title", "short_title"
        ),
        widget=FastSelect,
        empty_label=ANY,
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"),
        choices=Sector.choices,
        widget=FastSelect(static=True),
        empty_label=ANY,
    )
    confidentiality = django_filters.ChoiceFilter(
        label=_("Confidentiality"),
        choices=Confidentiality.choices,
        widget=FastSelect(static=True),
        empty_label=ANY,
    )
    currency = django_filters.ChoiceFilter(
        label=_("Currency"),
        field_name="value_currency",
        choices=lambda: CURRENCY_CHOICES,  # callable: not deep-copied with every form
        widget=FastSelect(static=True),
        empty_label=ANY,
    )
    value_min = django_filters.NumberFilter(
        label=_("Value from"), field_name="value_amount", lookup_expr="gte", min_value=0
    )
    value_max = django_filters.NumberFilter(
        label=_("Value to"), field_name="value_amount", lookup_expr="lte", min_value=0
    )
    date_from = DateFilter(label=_("Awarded from"), field_name="award_date", lookup_expr="gte")
    date_to = DateFilter(label=_("Awarded until"), field_name="award_date", lookup_expr="lte")
    year = django_filters.NumberFilter(
        label=_("Year"),
        field_name="award_date",
        lookup_expr="year",
        min_value=EARLIEST_DATE.year,
        max_value=LATEST_DATE.year,
    )
    undisclosed = django_filters.BooleanFilter(
        label=_("Value"),
        widget=FastSelect(
            choices=[("", ANY), ("true", _("undisclosed only")), ("false", _("disclosed only"))],
            static=True,
        ),
        method=_filter_by(
            lambda qs, yes: qs.filter(value_status="undisclosed" if yes else "disclosed"), bool
        ),
    )
    red_flag = CodesFilter(
        label=_("Risk indicator"),
        choices=indicator_choices,  # callable: translated when the form is built
        widget=forms.CheckboxSelectMultiple,
        method=_filter_by(filter_awards_by_flags, str),  # str: each code, in the API schema
        help_text=_("Risk indicators point at what deserves scrutiny; they are not findings."),
    )
    review_status = django_filters.ChoiceFilter(
        label=_("Review status"),
        choices=ReviewStatus.choices,
        widget=FastSelect(static=True),
        empty_label=ANY,
    )

    class Meta:
        model = Award
        fields: list[str] = []
        form = AwardFilterForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        user = getattr(request, "user", None)
        if not getattr(user, "is_reviewer", False):
            # Only reviewers see, and filter by, anything but "published".
            self.filters.pop("review_status")

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.base_fields = FreshFields(form_class.base_fields)
        return form_class


AwardFilterSet.base_filters = ShallowFilters(AwardFilterSet.base_filters)


def register_award_filter(name: str, filter_: django_filters.Filter) -> None:
    """Add a filter to every award list (HTML, API, exports)."""
    AwardFilterSet.base_filters[name] = filter_
    AwardFilterSet.declared_filters[name] = filter_


def _search_key_filter() -> django_filters.CharFilter:
    """`q` over a folded `search_key` column (names and aliases, in either script)."""
    return django_filters.CharFilter(
        label=_("Search"),
        method=_filter_by(lambda qs, text: _words_in(qs, "search_key", text)),
        max_length=200,
    )


class AgreementFilterSet(django_filters.FilterSet):
    q = _search_key_filter()
    kind = django_filters.ChoiceFilter(choices=Agreement.Kind.choices)
    exempts_procurement = django_filters.BooleanFilter()
    party = IdFilter(field_name="parties__organisation", distinct=True)

    class Meta:
        model = Agreement
        fields: list[str] = []


class OrganisationFilterSet(django_filters.FilterSet):
    q = _search_key_filter()
    kind = django_filters.ChoiceFilter(choices=Organisation.Kind.choices)
    country = django_filters.ChoiceFilter(choices=country_choices)
    parent = IdFilter(field_name="parent")

    class Meta:
        model = Organisation
        fields: list[str] = []


def _words_in(queryset: QuerySet, column: str, text: str) -> QuerySet:
    """Every folded word of `text` starts a word of the folded `column` (both backends)."""
    for word in query_words(text):
        queryset = queryset.filter(
            Q(**{f"{column}__startswith": word}) | Q(**{f"{column}__contains": f" {word}"})
        )
    return queryset
