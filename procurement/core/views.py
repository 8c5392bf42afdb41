"""The status page: liveness of the background chain, for operators and tests."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from procurement.models import TaskHeartbeat

STARTED_AT = timezone.now()  # when this web process loaded its views


def starting(now, started_at=None) -> bool:
    """Still in the first heartbeat interval of this web process (with the same again as a
    margin for the worker's start-up): no heartbeat yet is expected, not alarming."""
    grace = timedelta(seconds=2 * settings.HEARTBEAT_SECONDS)
    return now - (started_at or STARTED_AT) < grace


def status(request: HttpRequest) -> HttpResponse:
    """Liveness of the background chain (beat → broker → worker), for operators and tests."""
    heartbeats = list(TaskHeartbeat.objects.order_by("name"))
    now = timezone.now()
    return render(
        request,
        "procurement/status.html",
        {"heartbeats": heartbeats, "now": now, "starting": not heartbeats and starting(now)},
    )
