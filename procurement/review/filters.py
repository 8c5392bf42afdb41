"""Filters of the review queue. They only narrow the queryset the selector hands them."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from procurement.core.folding import fold
from procurement.models import ReviewStatus
from procurement.review.selectors import awaiting_review, countries_in_data

AWAITING = "awaiting"
STATUS_CHOICES = [
    (AWAITING, _("awaiting review or correction")),
    *ReviewStatus.choices,
    ("all", _("any status")),
]
YES_NO_ANY = forms.Select(choices=[("", _("any")), ("true", _("yes")), ("false", _("no"))])
# The countries the tracker covers; the filter also offers every other country the data holds
# (imports from Paraguay, Mexico, Ukraine …), not all 250 (which cost more than the page).
COUNTRIES = ["AL", "BA", "ME", "MK", "RS", "XK"]


def _country_choices() -> list[tuple[str, str]]:
    codes = set(COUNTRIES) | countries_in_data()
    return sorted(((code, countries.name(code)) for code in codes), key=lambda c: str(c[1]))


# Where each kind of record keeps its country.
_COUNTRY = {"process": "country", "award": "country", "contract": "award__country"}


class ReviewQueueFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, method="filter_status", empty_label=None
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=_country_choices,
        method="filter_country",
    )
    flagged = django_filters.BooleanFilter(
        label=_("Has red flags"), field_name="flagged", widget=YES_NO_ANY
    )
    corrections = django_filters.BooleanFilter(
        label=_("Has open corrections"), field_name="corrections_open", widget=YES_NO_ANY
    )
    imported = django_filters.BooleanFilter(
        label=_("From an import"), field_name="imported", widget=YES_NO_ANY
    )
    q = django_filters.CharFilter(label=_("Words"), method="filter_title", max_length=200)

    def __init__(self, *args, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == AWAITING:
            return awaiting_review(queryset)
        if value == "all":
            return queryset
        return queryset.filter(review_status=value)

    def filter_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{_COUNTRY[self.kind]: value})

    def filter_title(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Every word must appear. Awards are matched on their folded search document (title,
        OCID, buyer, suppliers, in either script); other records on their title."""
        condition = Q()
        for word in value.split():
            if self.kind == "award":
                condition &= Q(search_document__contains=fold(word))
            else:
                condition &= Q(title__icontains=word)
        return queryset.filter(condition)
