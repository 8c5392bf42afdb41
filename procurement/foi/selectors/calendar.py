"""Deadlines for calendars: an organisation's month, and a user's feed across their
organisations. Only requests of organisations the user belongs to are ever read."""

from datetime import date

from django.db.models import Q, QuerySet

from procurement.core import permissions
from procurement.foi.rules.deadline_calendar import (
    DATE_FIELDS,
    CalendarEntry,
    deadlines_between,
    open_deadlines,
)
from procurement.models import InfoRequest, User


def _with_deadlines(queryset: QuerySet[InfoRequest]) -> QuerySet[InfoRequest]:
    has_date = Q()
    for name in DATE_FIELDS:
        has_date |= Q(**{f"{name}__isnull": False})
    # The law says whether its dates are provisional (Montenegro's 2025 law, issue 13).
    return queryset.filter(has_date).select_related("authority", "requester_organisation", "law")


def organisation_deadlines(organisation_id: int, first: date, last: date) -> list[CalendarEntry]:
    """The organisation's open deadlines falling on `first` … `last` (one query). Callers
    check permissions.can_read_organisation first."""
    in_range = Q()
    for name in DATE_FIELDS:
        in_range |= Q(**{f"{name}__range": (first, last)})
    requests = _with_deadlines(
        InfoRequest.objects.filter(in_range, requester_organisation_id=organisation_id)
    )
    return deadlines_between(requests, first, last)


def user_for_feed(token: str) -> User | None:
    """The active user whose calendar-feed secret this is."""
    return User.objects.filter(feed_token=token, is_active=True).first()


def feed_deadlines(user: User) -> list[CalendarEntry]:
    """Every open deadline of the requests of the user's organisations, by date."""
    requests = _with_deadlines(
        InfoRequest.objects.filter(requester_organisation_id__in=permissions.organisation_ids(user))
    )
    deadlines = [deadline for request in requests for deadline in open_deadlines(request)]
    return sorted(deadlines, key=lambda d: (d.day, d.kind, d.request.pk))
