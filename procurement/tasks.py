"""Celery tasks: thin interfaces that take ids and call one service."""

from smtplib import SMTPException

from celery import shared_task

from procurement.services.heartbeat import record_heartbeat
from procurement.services.memberships import send_invitation


@shared_task(ignore_result=True)
def heartbeat_task() -> None:
    """Beat → broker → worker → database: proves the whole background chain is alive."""
    record_heartbeat("heartbeat")


@shared_task(
    ignore_result=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
)
def send_invitation_task(invitation_id: int) -> None:
    """Email an organisation's invitation link (nothing if it was revoked or used meanwhile)."""
    send_invitation(invitation_id)
