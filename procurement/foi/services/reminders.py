"""Reminder rows: planned from a request's deadlines, swept when due, delivered once.

- `sync_reminders` (inside the workflow or deadline transaction) creates the rows the request
  should have and cancels pending rows whose reason has gone;
- `sweep_due_reminders` (beat, every REMINDER_SWEEP_MINUTES) publishes one send task per due
  row (services/enqueue.py); a row published but still pending after
  REMINDER_REDELIVER_MINUTES (its worker died, Redis lost the message) is published again —
  the row, not the broker, is the truth; a failed attempt waits for its backoff;
- `deliver_reminder` (the send task) re-checks "pending" and the reason under row locks, so a
  second delivery of the same task, or two sweeps at once, send nothing more.
"""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.core import enqueue
from procurement.foi.rules import deadlines as rules
from procurement.foi.rules import reminders as plans
from procurement.foi.selectors.deadlines import calendar_span, work_calendar
from procurement.foi.selectors.requests import followers_to_notify
from procurement.foi.services.notifications import (
    email_notification,
    notify,
    reminder_params,
    to_email_now,
)
from procurement.models import DatePrecision, InfoRequest, Reminder, RequestEvent

SEND_TASK = "procurement.tasks.send_reminder_task"
State = Reminder.State


def at_send_hour(day: date) -> datetime:
    """The moment a reminder of `day` goes out: SEND_HOUR, local time."""
    return timezone.make_aware(datetime.combine(day, time(plans.SEND_HOUR)))


def reminder_state(info_request: InfoRequest) -> plans.ReminderState:
    return plans.ReminderState(
        status=info_request.status,
        due_on=info_request.extended_due_on or info_request.due_on,
        appeal_due_on=info_request.appeal_due_on,
        appeal_decision_due_on=info_request.appeal_decision_due_on,
        decision_delivered_on=info_request.decision_delivered_on,
        appealed_on=info_request.appealed_on,
        precise=info_request.sent_on_precision == DatePrecision.DAY,
    )


def sync_reminders(
    info_request: InfoRequest,
    *,
    calendar: rules.WorkCalendar | None,
    today: date,
    now: datetime,
    reason: str,
) -> list[int]:
    """Make the request's reminder rows match its deadlines: create what is missing,
    reschedule pending rows, revive cancelled ones wanted again, cancel pending ones whose
    reason has gone (a sent row is never touched). Returns the ids already due.
    Must run inside the transaction that holds the request's lock."""
    state = reminder_state(info_request)
    keys = plans.wanted(state, today)
    if keys and calendar is None:
        calendar = work_calendar(info_request.jurisdiction, *calendar_span(*(d for _, d in keys)))
    planned = (
        plans.plan(
            state,
            lead_days=info_request.requester_organisation.reminder_lead_days,
            calendar=calendar,
            today=today,
        )
        if keys
        else []
    )
    existing = {(r.kind, r.due_on): r for r in info_request.reminders.all()}
    due_ids = []
    for item in planned:
        row = existing.get((item.kind, item.due_on))
        send_at = at_send_hour(item.send_on)
        if item.kind == Reminder.Kind.CLASSIFIED:  # at once, even before SEND_HOUR today
            send_at = min(send_at, row.send_at if row and row.state == State.PENDING else now)
        if row is None:
            row = Reminder.objects.create(
                request=info_request, kind=item.kind, due_on=item.due_on, send_at=send_at
            )
        elif row.state == State.CANCELLED or (
            row.state == State.PENDING and row.send_at != send_at
        ):
            row.state, row.send_at, row.enqueued_at = State.PENDING, send_at, None
            row.cancelled_at, row.cancel_reason, row.next_attempt_at = None, "", None
            row.save(
                update_fields=[
                    "state",
                    "send_at",
                    "enqueued_at",
                    "cancelled_at",
                    "cancel_reason",
                    "next_attempt_at",
                ]
            )
        if row.state == State.PENDING and row.send_at <= now:
            due_ids.append(row.pk)
    wanted_keys = {(item.kind, item.due_on) for item in planned}
    stale = [
        r.pk for key, r in existing.items() if r.state == State.PENDING and key not in wanted_keys
    ]
    if stale:
        Reminder.objects.filter(pk__in=stale, state=State.PENDING).update(
            state=State.CANCELLED, cancelled_at=now, cancel_reason=reason[:200]
        )
    return due_ids


def publish_due_reminders(ids: list[int]) -> None:
    """After commit, publish a send task for each id; a failure leaves them to the sweep."""
    enqueue.defer(SEND_TASK, Reminder, ids)


def sweep_due_reminders(*, now: datetime | None = None, batch_size: int | None = None) -> int:
    """Publish one send task per due, pending reminder not queued within its grace and not
    waiting for a backoff, oldest next attempt first. Returns how many were published."""
    now = now or timezone.now()
    owed = Reminder.objects.filter(state=State.PENDING, send_at__lte=now)
    return enqueue.republish_owed(SEND_TASK, owed, now=now, batch_size=batch_size)


def send_reminder(*, reminder_id: int) -> None:
    """Deliver one reminder, then e-mail it to those who want e-mails at once. A failure is
    recorded on the row (time, error) with the next attempt after a backoff; after
    DELIVERY_MAX_ATTEMPTS the reminder is `failed`, shown in the workspace and the admin."""
    try:
        to_email = deliver_reminder(reminder_id=reminder_id)
    except Exception as error:  # the delivery rolled back: record it outside that transaction
        now = timezone.now()
        if enqueue.record_failure(Reminder, reminder_id, error, now, count=True):
            Reminder.objects.filter(pk=reminder_id, state=State.PENDING).update(state=State.FAILED)
        return
    for notification_id in to_email:
        email_notification(notification_id=notification_id)


def retry_reminders(queryset) -> int:
    """Take failed reminders back: pending again with a fresh budget of attempts, now."""
    return enqueue.retry_now(SEND_TASK, queryset.filter(state=State.FAILED), state=State.PENDING)


def deliver_reminder(*, reminder_id: int, now: datetime | None = None) -> list[int]:
    """Send one reminder if it is still pending, due and wanted: in-app notifications to the
    followers who may see the request, an event on its timeline. Returns the notifications to
    email at once (the caller emails each under its own lock). Does nothing the second time."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        request_id = Reminder.objects.filter(pk=reminder_id).values_list("request_id", flat=True)
        # Lock order: the request, then its reminder — as the workflow service does.
        info_request = (
            InfoRequest.objects.select_for_update(no_key=True, of=("self",))
            .select_related("law__appeal_body_organisation", "authority", "requester_organisation")
            .filter(pk__in=request_id)
            .first()
        )
        if info_request is None:
            return []
        reminder = Reminder.objects.select_for_update().filter(pk=reminder_id).first()
        if reminder is None or reminder.state != State.PENDING or reminder.send_at > now:
            return []
        reminder.request = info_request
        if not plans.still_wanted(
            reminder.kind, reminder.due_on, reminder_state(info_request), today
        ):
            reminder.state, reminder.cancelled_at = State.CANCELLED, now
            reminder.cancel_reason = _("its reason had gone when it fell due")
            reminder.save(update_fields=["state", "cancelled_at", "cancel_reason"])
            return []
        users = list(followers_to_notify(info_request))
        notifications = notify(
            users,
            info_request=info_request,
            kind=reminder.kind,
            params=reminder_params(reminder, today),
            reminder=reminder,
        )
        reminder.state, reminder.sent_at = State.SENT, now
        reminder.attempts += 1
        reminder.last_attempt_at, reminder.next_attempt_at = now, None
        reminder.attempt_log = [*reminder.attempt_log, {"at": now.isoformat(), "error": ""}]
        reminder.save(
            update_fields=[
                "state",
                "sent_at",
                "attempts",
                "last_attempt_at",
                "next_attempt_at",
                "attempt_log",
            ]
        )
        # Its words are rendered in the reader's language on the timeline (the notices tags).
        RequestEvent.objects.create(
            request=info_request,
            kind=RequestEvent.Kind.REMINDER,
            occurred_on=today,
            data={
                "reminder": reminder.pk,
                "reminder_kind": reminder.kind,
                "due_on": reminder.due_on.isoformat(),
                "followers": len(users),
            },
        )
    return to_email_now(notifications)
