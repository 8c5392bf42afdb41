"""Celery tasks: thin interfaces that take ids and call one service."""

from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError

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


@shared_task(ignore_result=True, acks_late=True)
def import_ocds_task(run_id: int) -> None:
    """Import an uploaded OCDS file; a second delivery finds the run claimed and does nothing."""
    from procurement.services.ocds_import import import_stored_run

    import_stored_run(run_id)


@shared_task(
    ignore_result=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def recompute_red_flags_task(process_ids: list[int]) -> None:
    """Recompute the red flags of these processes (idempotent: the result replaces the old)."""
    from procurement.services.redflags import compute_red_flags

    compute_red_flags(process_ids=process_ids)
