"""The status page: liveness of the background chain, for operators and tests."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from procurement.models import TaskHeartbeat


def status(request: HttpRequest) -> HttpResponse:
    """Liveness of the background chain (beat → broker → worker), for operators and tests."""
    heartbeats = list(TaskHeartbeat.objects.order_by("name"))
    return render(
        request, "procurement/status.html", {"heartbeats": heartbeats, "now": timezone.now()}
    )
