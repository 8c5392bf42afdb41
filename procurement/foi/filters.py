"""Filters of FOI request lists. A FilterSet only narrows the queryset it is given (which a
selector chose for the viewer); overdue and "appeal window open" are derived from dates."""

from datetime import date

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procurement.foi.selectors.requests import (
    appeal_decision_overdue_q,
    appeal_window_open_q,
    overdue_q,
)
from procurement.models import InfoRequest, Jurisdiction, RequestStatus

YES_NO = [("yes", _("yes")), ("no", _("no"))]


class RequestFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=RequestStatus.choices, label=_("Status"))
    jurisdiction = django_filters.ModelChoiceFilter(
        queryset=Jurisdiction.objects.order_by("code"),
        to_field_name="code",
        label=_("Jurisdiction"),
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
