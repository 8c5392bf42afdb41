"""Celery tasks: thin interfaces that take ids and call one service."""

import logging
from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError

from procurement.accounts.services.memberships import send_invitation
from procurement.core.heartbeat import record_heartbeat
from procurement.foi.services.notifications import email_notification, send_digests, sweep_unemailed
from procurement.foi.services.reminders import deliver_reminder, sweep_due_reminders

log = logging.getLogger(__name__)


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
    from procurement.ocds.services import import_stored_run

    import_stored_run(run_id)


@shared_task(
    ignore_result=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def recompute_red_flags_task(process_ids: list[int], country_years: list | None = None) -> None:
    """Recompute the red flags of these processes, and R013 of these [country, year] pairs
    besides theirs (idempotent: the result replaces the old)."""
    from procurement.redflags.services import compute_red_flags

    compute_red_flags(process_ids=process_ids, country_years=country_years or ())


@shared_task(ignore_result=True, acks_late=True)
def recompute_lapsed_red_flags_task() -> None:
    """Daily: FOI requests that went unanswered past their due date change R063 without any
    write; recompute the processes they are about (idempotent)."""
    from procurement.redflags.services import recompute_lapsed_requests

    recompute_lapsed_requests()


@shared_task(ignore_result=True, acks_late=True)
def sweep_reminders_task() -> None:
    """Publish a send task for every due reminder and every email still owed (idempotent)."""
    sweep_due_reminders()
    sweep_unemailed()
    record_heartbeat("reminder-sweep")


@shared_task(ignore_result=True, acks_late=True)
def send_reminder_task(reminder_id: int) -> None:
    """Deliver one reminder (does nothing if already sent), then email it to those who want
    emails at once; an email that fails is sent again by a later sweep, never lost."""
    for notification_id in deliver_reminder(reminder_id=reminder_id):
        try:
            email_notification(notification_id=notification_id)
        except (SMTPException, OSError):
            log.warning("email of notification %s failed; a sweep will retry", notification_id)


@shared_task(
    ignore_result=True,
    acks_late=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
)
def email_notification_task(notification_id: int) -> None:
    """Email one notification (does nothing if it was already emailed)."""
    email_notification(notification_id=notification_id)


@shared_task(ignore_result=True, acks_late=True)
def send_digests_task() -> None:
    """The daily digest for users who chose it (idempotent: emailed rows are marked)."""
    send_digests()
    record_heartbeat("digest")
