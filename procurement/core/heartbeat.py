"""Records that a periodic task ran, so that /status/ can show the background chain is alive."""

import socket

from django.db.models import F
from django.utils import timezone

from procurement.models import TaskHeartbeat


def record_heartbeat(name: str) -> TaskHeartbeat:
    """Upsert the heartbeat row of `name` with the current time and one more run."""
    now = timezone.now()
    heartbeat, created = TaskHeartbeat.objects.get_or_create(
        name=name, defaults={"last_run_at": now, "runs": 1, "hostname": socket.gethostname()}
    )
    if not created:
        TaskHeartbeat.objects.filter(pk=heartbeat.pk).update(
            last_run_at=now, runs=F("runs") + 1, hostname=socket.gethostname()
        )
        heartbeat.refresh_from_db()
    return heartbeat
