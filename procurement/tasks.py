"""Celery tasks: thin interfaces that take ids and call one service."""

from celery import shared_task

from procurement.services.heartbeat import record_heartbeat


@shared_task(ignore_result=True)
def heartbeat_task() -> None:
    """Beat → broker → worker → database: proves the whole background chain is alive."""
    record_heartbeat("heartbeat")
