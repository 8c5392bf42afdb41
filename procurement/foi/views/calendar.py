"""Deadlines on a calendar: an organisation's month grid, and each user's secret ICS feed."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from procurement.core import permissions
from procurement.core.formatting import format_date
from procurement.foi.rules import ics
from procurement.foi.rules.deadline_calendar import (
    CalendarEntry,
    grid_range,
    parse_month,
    shift_month,
    weeks_of_month,
)
from procurement.foi.selectors import calendar as selectors
from procurement.models import Organisation


@login_required
def organisation_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_read_organisation(request.user, pk):
        raise Http404
    organisation = get_object_or_404(Organisation, pk=pk)
    today = timezone.localdate()
    error, status = "", 200
    try:
        first = parse_month(request.GET["month"]) if "month" in request.GET else None
    except ValueError:
        first, status = None, 400
        error = _("Choose a month written like 2025-03.")
    first = first or today.replace(day=1)
    start, end = grid_range(first)
    deadlines = selectors.organisation_deadlines(pk, start, end)
    return render(
        request,
        "procurement/calendar_month.html",
        {
            "organisation": organisation,
            "month": first,
            "weeks": weeks_of_month(first, deadlines),
            "in_month": [d for d in deadlines if d.day.month == first.month],
            "previous": shift_month(first, -1),
            "next": shift_month(first, 1),
            "today": today,
            "error": error,
        },
        status=status,
    )


def _event(deadline: CalendarEntry) -> ics.AllDayEvent:
    info_request = deadline.request
    description = "\n".join(
        part
        for part in [
            f"{info_request.requester_organisation.name} → {info_request.authority.name}",
            _("Due on %(day)s") % {"day": format_date(deadline.day, "full")},
            info_request.reference_number and _("Reference: %s") % info_request.reference_number,
            info_request.deadline_explanation,
        ]
        if part
    )
    request_url = reverse("workspace-request-detail", args=[info_request.pk])
    # Links and ids use the public origin, so that they are the same whichever host served it.
    return ics.AllDayEvent(
        uid=f"request-{info_request.pk}-{deadline.kind}@{urlsplit(settings.SITE_URL).hostname}",
        day=deadline.day,
        summary=f"{deadline.label.capitalize()}: {info_request.subject}",
        description=description,
        url=f"{settings.SITE_URL}{request_url}",
    )


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The deadlines of the requests of the token holder's organisations, as iCalendar.
    No session: calendar apps fetch it with the secret address alone."""
    user = selectors.user_for_feed(token)
    if user is None:
        raise Http404
    # Calendar apps send no session: the feed is in its owner's language when they chose one.
    with translation.override(user.language or translation.get_language()):
        events = [_event(deadline) for deadline in selectors.feed_deadlines(user)]
        body = ics.calendar(
            events,
            name=_("FOI deadlines — %(user)s") % {"user": user.get_username()},
            generated_at=timezone.now(),
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
