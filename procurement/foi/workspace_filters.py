"""Filters of the workspace's request list: those of the public list (status, jurisdiction,
overdue, appeal window), plus the organisation, visibility, words and "due within". Like every
FilterSet here, it only narrows the queryset a selector chose for the viewer."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from procurement.awards.search import query_words
from procurement.foi.filters import RequestFilter
from procurement.foi.selectors.workspace import due_within_q
from procurement.models import Organisation, Visibility


class WorkspaceRequestFilter(RequestFilter):
    q = django_filters.CharFilter(
        label=_("Words"), method="filter_words", max_length=200, help_text=_("Subject or reference")
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        field_name="requester_organisation",
        queryset=Organisation.objects.none(),
    )
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, label=_("Visibility"))
    due_within = django_filters.NumberFilter(
        label=_("Answer due within (days)"), method="filter_due_within", min_value=0, max_value=366
    )

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None and len(organisations) > 1:
            self.filters["organisation"].queryset = Organisation.objects.filter(
                pk__in=[o.pk for o in organisations]
            )
        else:
            del self.filters["organisation"]

    def filter_words(self, queryset, name: str, value: str):
        for word in value.split():
            queryset = queryset.filter(
                Q(subject__icontains=word)
                | Q(reference_number__icontains=word)
                | Q(authority__search_key__contains=" ".join(query_words(word)))
            )
        return queryset

    def filter_due_within(self, queryset, name: str, value):
        return queryset.filter(due_within_q(self.today, int(value)))
