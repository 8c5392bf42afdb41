"""Celery tasks: thin interfaces that take ids and call one service.

No task retries by itself: each deferred job is a row that records its attempts and errors
and backs off (procurement/core/enqueue.py); beat's sweep publishes it again when due.

Each task imports its service when it runs, never at the top of this module: services name
tasks by their string (core.enqueue) and never import this module, and this module pulls no
service into whatever imports it (tests/core/test_layout.py checks both).
"""

from celery import shared_task

from procurement.core.heartbeat import record_heartbeat


@shared_task(ignore_result=True)
def heartbeat_task() -> None:
    """Beat → broker → worker → database: proves the whole background chain is alive."""
    record_heartbeat("heartbeat")


@shared_task(ignore_result=True, acks_late=True)
def send_invitation_task(invitation_id: int) -> None:
    """Email an organisation's invitation link (nothing if it was sent, revoked or used)."""
    from procurement.accounts.services.memberships import send_invitation

    send_invitation(invitation_id)


@shared_task(ignore_result=True, acks_late=True)
def import_ocds_task(run_id: int) -> None:
    """Import an uploaded OCDS file; a second delivery finds the run claimed and does nothing."""
    from procurement.ocds.services import import_stored_run

    import_stored_run(run_id)


@shared_task(ignore_result=True, acks_late=True)
def recompute_red_flags_task(job_id: int) -> None:
    """Do one queued red-flag recomputation (idempotent: the result replaces the old)."""
    from procurement.redflags.services import run_recomputation

    run_recomputation(job_id=job_id)


@shared_task(ignore_result=True, acks_late=True)
def recompute_lapsed_red_flags_task() -> None:
    """Daily: FOI requests that went unanswered past their due date change R063 without any
    write; recompute the processes they are about (idempotent)."""
    from procurement.redflags.services import recompute_lapsed_requests

    recompute_lapsed_requests()


@shared_task(ignore_result=True, acks_late=True)
def sweep_deferred_task() -> None:
    """Publish every due reminder and every deferred job still owed after its grace or
    backoff; mark crashed imports failed (idempotent: rows are the truth)."""
    from procurement.accounts.services.memberships import sweep_invitations
    from procurement.foi.services.mail_out import sweep_outgoing
    from procurement.foi.services.notifications import sweep_unemailed
    from procurement.foi.services.reminders import sweep_due_reminders
    from procurement.ocds.services import sweep_import_runs
    from procurement.redflags.services import sweep_recomputations

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
    from procurement.foi.services.reminders import send_reminder

    send_reminder(reminder_id=reminder_id)


@shared_task(ignore_result=True, acks_late=True)
def email_notification_task(notification_id: int) -> None:
    """Email one notification (does nothing if it was already emailed or is in flight)."""
    from procurement.foi.services.notifications import email_notification

    email_notification(notification_id=notification_id)


@shared_task(ignore_result=True, acks_late=True)
def send_digests_task() -> None:
    """The daily digest for users who chose it (idempotent: emailed rows are marked)."""
    from procurement.foi.services.notifications import send_digests

    send_digests()
    record_heartbeat("digest")


@shared_task(ignore_result=True, acks_late=True)
def send_foi_message_task(message_id: int) -> None:
    """E-mail one message from a request's address (nothing if sent or in flight); attempts,
    errors and backoff live on the row."""
    from procurement.foi.services.mail_out import send_message

    send_message(message_pk=message_id)


@shared_task(ignore_result=True, acks_late=True)
def poll_mailbox_task() -> None:
    """Store the FOI mailbox's unread messages, then mark them read (idempotent: one row per
    Message-ID)."""
    from procurement.foi.services.mailbox import poll_mailbox

    poll_mailbox()
    record_heartbeat("mailbox")
