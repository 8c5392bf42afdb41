"""Filters of FOI request lists: ONE FilterSet for the public list and `/api/requests/`, and
the workspace's (the same, plus the organisation, visibility, words and "due within"). A
FilterSet only narrows the queryset it is given (which a selector chose for the viewer);
overdue and "appeal window open" are derived from dates."""

from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procurement.awards.filters import CountryFilter, DateFilter, IdFilter
from procurement.awards.search import query_words
from procurement.core.form_fields import ListedModelChoiceFilter
from procurement.core.widgets import country_choices
from procurement.foi.selectors.requests import (
    appeal_decision_overdue_q,
    appeal_window_open_q,
    overdue_q,
)
from procurement.foi.selectors.workspace import due_within_q
from procurement.models import InfoRequest, Jurisdiction, Organisation, RequestStatus, Visibility

YES_NO = [("yes", _("yes")), ("no", _("no"))]
# The public lists never hold a draft (procurement.core.permissions.published_requests): their
# status filter does not offer it. A link asking for drafts is still valid; it matches none.
PUBLIC_STATUSES = [(value, label) for value, label in RequestStatus.choices if value != "draft"]


class AnyStatusField(django_filters.fields.MultipleChoiceField):
    def valid_value(self, value) -> bool:
        return str(value) in RequestStatus.values


class StatusFilter(django_filters.MultipleChoiceFilter):
    field_class = AnyStatusField


class RequestFilter(django_filters.FilterSet):
    """The filters of every list of requests: the public page, the API and the workspace.
    Links choose an authority, a requester, an award or a country (hidden in the page's form)."""

    status = StatusFilter(choices=PUBLIC_STATUSES, label=_("Status"))
    jurisdiction = ListedModelChoiceFilter(
        queryset=Jurisdiction.objects.order_by("code"),
        to_field_name="code",
        label=_("Jurisdiction"),
    )
    sent_from = DateFilter(
        field_name="sent_on",
        lookup_expr="gte",
        label=_("Sent from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sent_to = DateFilter(
        field_name="sent_on",
        lookup_expr="lte",
        label=_("Sent until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    authority = IdFilter(field_name="authority", label=_("Authority"), widget=forms.HiddenInput)
    requester = IdFilter(
        field_name="requester_organisation",
        label=_("Requesting organisation"),
        widget=forms.HiddenInput,
    )
    award = IdFilter(field_name="awards", distinct=True, label=_("Award"), widget=forms.HiddenInput)
    country = CountryFilter(
        field_name="jurisdiction__country",
        choices=country_choices,
        label=_("Country"),
        widget=forms.HiddenInput,
    )
    overdue = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_derived", label=_("Overdue")
    )
    appeal_window_open = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_derived", label=_("Appeal window open")
    )
    appeal_decision_overdue = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_derived", label=_("Appeal body's decision overdue")
    )

    class Meta:
        model = InfoRequest
        fields = ["status", "jurisdiction"]

    def __init__(self, *args, today: date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def filter_derived(self, queryset, name: str, value: str):
        condition = {
            "overdue": overdue_q,
            "appeal_window_open": appeal_window_open_q,
            "appeal_decision_overdue": appeal_decision_overdue_q,
        }[name](self.today)
        return queryset.filter(condition) if value == "yes" else queryset.exclude(condition)


class WorkspaceRequestFilter(RequestFilter):
    status = django_filters.MultipleChoiceFilter(choices=RequestStatus.choices, label=_("Status"))
    q = django_filters.CharFilter(
        label=_("Words"), method="filter_words", max_length=200, help_text=_("Subject or reference")
    )
    organisation = ListedModelChoiceFilter(
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
