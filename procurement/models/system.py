"""Operational state: proof that the scheduler and workers are alive."""

from django.db import models


class TaskHeartbeat(models.Model):
    """Last time a periodic task ran in a worker; /status/ shows it."""

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField()
    runs = models.PositiveBigIntegerField(default=0)
    hostname = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_run_at:%Y-%m-%d %H:%M:%S}"
