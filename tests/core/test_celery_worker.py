"""A task sent by the application reaches a real worker through the configured broker."""

import pytest

from procurement.models import TaskHeartbeat
from procurement.tasks import heartbeat_task
from tests.processes import wait_until

pytestmark = pytest.mark.celery_worker


def test_worker_executes_a_task_sent_through_the_broker(celery_worker):
    assert not TaskHeartbeat.objects.exists()
    heartbeat_task.delay()
    heartbeat = wait_until(
        lambda: TaskHeartbeat.objects.filter(name="heartbeat").first(), what="the heartbeat"
    )
    assert heartbeat.runs == 1
    assert "procurement.tasks.heartbeat_task" in celery_worker.log()
