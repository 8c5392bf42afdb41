"""Celery tasks: thin interfaces that take ids and call one service.

No task retries by itself: each deferred job is a row that records its attempts and errors
and backs off (procurement/core/enqueue.py); beat's sweep publishes it again when due.
"""

from celery import shared_task

from procurement.accounts.services.memberships import send_invitation, sweep_invitations
from procurement.core.heartbeat import record_heartbeat
from procurement.foi.services.mail_out import send_message, sweep_outgoing
from procurement.foi.services.mailbox import poll_mailbox
from procurement.foi.services.notifications import email_notification, send_digests, sweep_unemailed
from procurement.foi.services.reminders import send_reminder, sweep_due_reminders
from procurement.ocds.services import import_stored_run, sweep_import_runs
from procurement.redflags.services import (
    recompute_lapsed_requests,
    run_recomputation,
    sweep_recomputations,
)


@shared_task(ignore_result=True)
def heartbeat_task() -> None:
    """Beat → broker → worker → database: proves the whole background chain is alive."""
    record_heartbeat("heartbeat")


@shared_task(ignore_result=True, acks_late=True)
def send_invitation_task(invitation_id: int) -> None:
    """Email an organisation's invitation link (nothing if it was sent, revoked or used)."""
    send_invitation(invitation_id)


@shared_task(ignore_result=True, acks_late=True)
def import_ocds_task(run_id: int) -> None:
    """Import an uploaded OCDS file; a second delivery finds the run claimed and does nothing."""
    import_stored_run(run_id)


@shared_task(ignore_result=True, acks_late=True)
def recompute_red_flags_task(job_id: int) -> None:
    """Do one queued red-flag recomputation (idempotent: the result replaces the old)."""
    run_recomputation(job_id=job_id)


@shared_task(ignore_result=True, acks_late=True)
def recompute_lapsed_red_flags_task() -> None:
    """Daily: FOI requests that went unanswered past their due date change R063 without any
    write; recompute the processes they are about (idempotent)."""
    recompute_lapsed_requests()


@shared_task(ignore_result=True, acks_late=True)
def sweep_deferred_task() -> None:
    """Publish every due reminder and every deferred job still owed after its grace or
    backoff; mark crashed imports failed (idempotent: rows are the truth)."""
    sweep_due_reminders()
    sweep_unemailed()
    sweep_invitations()
    sweep_recomputations()
    sweep_import_runs()
    sweep_outgoing()
    record_heartbeat("deferred-sweep")


@shared_task(ignore_result=True, acks_late=True)
def send_reminder_task(reminder_id: int) -> None:
    """Deliver one reminder (nothing if already sent), then e-mail it to those who want it
    at once; attempts, errors and backoff live on the rows."""
    send_reminder(reminder_id=reminder_id)


@shared_task(ignore_result=True, acks_late=True)
def email_notification_task(notification_id: int) -> None:
    """Email one notification (does nothing if it was already emailed or is in flight)."""
    email_notification(notification_id=notification_id)


@shared_task(ignore_result=True, acks_late=True)
def send_digests_task() -> None:
    """The daily digest for users who chose it (idempotent: emailed rows are marked)."""
    send_digests()
    record_heartbeat("digest")


@shared_task(ignore_result=True, acks_late=True)
def send_foi_message_task(message_id: int) -> None:
    """E-mail one message from a request's address (nothing if sent or in flight); attempts,
    errors and backoff live on the row."""
    send_message(message_pk=message_id)


@shared_task(ignore_result=True, acks_late=True)
def poll_mailbox_task() -> None:
    """Store the FOI mailbox's unread messages, then mark them read (idempotent: one row per
    Message-ID)."""
    poll_mailbox()
    record_heartbeat("mailbox")
