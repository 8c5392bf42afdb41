"""In-app notifications and their emails: immediately, or once a day in a digest.

A notification row is the truth (one per user and reminder, by a unique constraint); its
`emailed_at` says whether its email went out. Handing an e-mail to SMTP is at-least-once by
nature, so a duplicate is made harmless and rare: every message of a row carries the same
Message-ID (mail clients collapse a resend), and the attempt is committed on the row before
the hand-off, so another delivery of the task sends nothing while that attempt may still be
under way; only after REMINDER_REDELIVER_MINUTES without an outcome (its worker died between
the hand-off and recording it) is it sent again — with the same Message-ID.
"""

import logging
from collections.abc import Iterable
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from procurement.core import enqueue
from procurement.core.mail import send_email, stable_message_id
from procurement.core.notices import (
    EMAIL_TASK,
    encoded,
    recipient_language,
    render,
    to_email_now,
)
from procurement.foi.rules.workflow import AWAITING
from procurement.foi.selectors.requests import (
    appeal_addressee,
    appeal_window,
    can_see_request,
    followers_to_notify,
    letters_for,
    visible_requests,
)
from procurement.models import InfoRequest, Notification, Reminder, RequestEvent, User

log = logging.getLogger(__name__)
Delivery = User.Delivery


def request_link(info_request: InfoRequest) -> str:
    """Where a message sends its reader: the request's page in the workspace (deadlines,
    letters, what to record next), which checks that the reader is a member."""
    return settings.SITE_URL + reverse("workspace-request-detail", args=[info_request.pk])


def account_url() -> str:
    """Where a reader chooses how (and whether) notifications are e-mailed."""
    return settings.SITE_URL + reverse("account")


def window_facts(info_request: InfoRequest, today: date) -> dict:
    """The appeal window as it stands `today` (selectors.requests.appeal_window): when it
    opens and closes (None: no closing date) and its state — or none at all."""
    window = appeal_window(info_request, today)
    if window is None:
        return {"window": "", "window_opens_on": None, "window_closes_on": None}
    return {
        "window": window.state(today),
        "window_opens_on": window.opens_on,
        "window_closes_on": window.closes_on,
    }


def request_facts(info_request: InfoRequest, today: date) -> dict:
    """What every message about a request may say, as it stands `today`."""
    law = info_request.law
    return {
        "request": info_request.pk,
        "link": request_link(info_request),
        "subject": info_request.subject,
        "authority": info_request.authority.name,
        "status": info_request.status,
        "today": today,
        "answer_due_on": info_request.extended_due_on or info_request.due_on,
        "appeal_body": appeal_addressee(info_request),
        # the 2025 law's periods not yet confirmed: every date from them is provisional
        "provisional": bool(law and law.provisional),
        "provisional_year": law.gazette_year if law and law.provisional else "",
        **window_facts(info_request, today),
    }


def _awards(info_request: InfoRequest) -> list[dict]:
    """The awards the request asks about, with their values (shown in the reader's format)."""
    return [
        {
            "title": award.title,
            "amount": award.value_amount if award.value_status == "disclosed" else None,
            "currency": award.value_currency,
            "approximate": award.value_is_approximate,
        }
        for award in info_request.awards.order_by("pk")[:5]
    ]


def reminder_params(reminder: Reminder, today: date) -> dict:
    """The facts a reminder is written from, as they stand when it is sent: the deadline, the
    appeal window (open, closed, or with no closing date), the jurisdiction's options after a
    classified refusal, the awards asked about, and the letters that fit (in every language
    seeded: the reader gets theirs, else English)."""
    info_request = reminder.request
    law = info_request.law
    fitting = [letter for letter in letters_for(info_request, today) if not letter.error]
    if window_facts(info_request, today)["window"] == "closed":
        # A complaint would be out of time: no complaint letter is offered as if it were not.
        fitting = [letter for letter in fitting if letter.kind == "reminder"]
    # A complaint when one fits; else the reminder to the authority (before the deadline, the
    # polite one asking whether the answer is on its way).
    kind = next((lt.kind for lt in fitting if lt.kind != "reminder"), None) or next(
        (lt.kind for lt in fitting), None
    )
    letters: dict = {}
    for letter in fitting:  # the first route of the kind (FBiH: the objection before the rest)
        if letter.kind == kind:
            letters.setdefault(
                letter.language,
                {"kind": letter.kind, "subject": letter.subject, "body": letter.body},
            )
    return encoded(
        {
            **request_facts(info_request, today),
            "due_on": reminder.due_on,
            "decision_delivered_on": info_request.decision_delivered_on,
            "appealed_on": info_request.appealed_on,
            "classified_outside_law": bool(law and law.classified_outside_law),
            "classified_note": law.classified_note if law else "",
            "classified_advice": law.classified_advice if law else "",
            "awards": _awards(info_request),
            "letters": letters,
        }
    )


def notify(
    users: Iterable[User],
    *,
    info_request: InfoRequest | None,
    kind: str,
    params: dict,
    reminder: Reminder | None = None,
) -> list[Notification]:
    """One in-app notification per user, stored as its kind and facts (rendered when shown
    or sent, in the reader's language); at most one per user and reminder, ever."""
    now = timezone.now()
    rows = [
        Notification(
            user=user,
            request=info_request,
            reminder=reminder,
            kind=kind,
            params=encoded(params),
            enqueued_at=now,  # its e-mail is on its way (the caller publishes or sends it)
        )
        for user in users
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=reminder is not None)
    if reminder is None:
        return rows
    # ignore_conflicts leaves no ids on some databases: read back what this reminder has.
    return list(Notification.objects.filter(reminder=reminder).select_related("user"))


def notify_status_change(
    info_request: InfoRequest, event: RequestEvent, actor: User | None
) -> list[Notification]:
    """Tell the request's followers (except whoever made the change) that its status changed;
    immediate emails are published after commit. Call inside the workflow transaction."""
    users = [user for user in followers_to_notify(info_request) if user != actor]
    if not users:
        return []
    params = {
        **request_facts(info_request, timezone.localdate()),
        "to_status": event.to_status,
        "occurred_on": event.occurred_on,
        "note": event.note,
        "awaiting": info_request.status in AWAITING,
    }
    notifications = notify(users, info_request=info_request, kind="status", params=params)
    enqueue.defer(EMAIL_TASK, Notification, to_email_now(notifications))
    return notifications


def _under_current_choice(notification: Notification, user: User) -> bool:
    """Made since the user chose how to receive e-mails (not while they wanted none)."""
    since = user.notification_delivery_since
    return since is None or notification.created_at >= since


def _claim_email(notification_id: int, now: datetime) -> Notification | None:
    """Lock the notification, decide whether its e-mail is owed now, and record the attempt
    (committed before the hand-off). None: already e-mailed, given up, in flight elsewhere,
    or not wanted (the digest will carry it, no address, or no longer theirs to see)."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user", "request")
            .filter(pk=notification_id, emailed_at__isnull=True, failed_at__isnull=True)
            .first()
        )
        if notification is None or enqueue.in_flight(notification, now):
            return None
        user = notification.user
        if user.notification_delivery != Delivery.IMMEDIATE or not user.email:
            return None
        if not _under_current_choice(notification, user):
            return None
        if not user.is_active:
            return None
        if notification.request and not can_see_request(user, notification.request):
            notification.delete()  # they left its organisation: private news is not sent
            return None
        enqueue.begin_attempt(notification, now)
    return notification


def email_notification(*, notification_id: int, now=None) -> bool:
    """E-mail one notification to a user who wants e-mails at once; True if it was sent now.
    The attempt is on the row before the hand-off; an error is recorded with a backoff."""
    now = now or timezone.now()
    notification = _claim_email(notification_id, now)
    if notification is None:
        return False
    user = notification.user
    language = recipient_language(user)
    message = render(notification, language)
    context = {"message": message, "user": user, "account_url": account_url()}
    with translation.override(language):
        html = render_to_string("procurement/email/notification.html", context)
    try:
        send_email(
            user.email,
            message.subject,
            message.text,
            html,
            message_id=stable_message_id("notification", notification.pk, notification.created_at),
        )
    except Exception as error:  # SMTP refused or unreachable: on the row, retried later
        enqueue.record_failure(Notification, notification.pk, error, timezone.now())
        if notification.reminder_id:
            Reminder.objects.filter(pk=notification.reminder_id).update(
                last_error=f"e-mail to {user.username}: {type(error).__name__}: {error}"[
                    : enqueue.ERROR_LENGTH
                ],
                last_attempt_at=now,
            )
        return False
    enqueue.record_success(Notification, notification.pk, timezone.now(), emailed_at=now)
    return True


def send_digest(*, user_id: int, now=None) -> int:
    """One email with every notification of a digest user not yet emailed; returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
        if user is None:
            return 0
        unsent = Notification.objects.filter(user=user, emailed_at__isnull=True)
        if user.notification_delivery_since:
            unsent = unsent.filter(created_at__gte=user.notification_delivery_since)
        # About requests they can no longer see (they left the organisation): dropped.
        unsent.exclude(request__isnull=True).exclude(request__in=visible_requests(user)).delete()
        notifications = list(
            unsent.select_for_update(of=("self",))
            .select_related("request")
            .order_by("created_at", "id")
        )
        if not notifications:
            return 0  # another run sent them
        language = recipient_language(user)
        context = {
            "user": user,
            "messages": [render(notification, language) for notification in notifications],
            "account_url": account_url(),
        }
        with translation.override(language):
            subject = ngettext(
                "Your daily FOI digest: %(n)d update",
                "Your daily FOI digest: %(n)d updates",
                len(notifications),
            ) % {"n": len(notifications)}
            text = render_to_string("procurement/email/digest.txt", context)
            html = render_to_string("procurement/email/digest.html", context)
        send_email(
            user.email,
            subject,
            text,
            html,
            # The same notifications give the same Message-ID if tomorrow's run resends it.
            message_id=stable_message_id(
                f"digest.{user.pk}", notifications[0].pk, notifications[-1].created_at
            ),
        )
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now)
    return len(notifications)


def send_digests(*, now=None) -> int:
    """The daily digest to every user who chose it and has notifications not yet emailed."""
    now = now or timezone.now()
    user_ids = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            user__notification_delivery=Delivery.DIGEST,
            user__is_active=True,
        )
        .exclude(user__email="")
        .filter(
            Q(user__notification_delivery_since__isnull=True)
            | Q(created_at__gte=F("user__notification_delivery_since"))
        )
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    sent = 0
    for user_id in list(user_ids):
        try:
            sent += send_digest(user_id=user_id, now=now)
        except Exception:  # one bad address must not hold back everyone else's digest
            log.exception("digest for user %s failed; it will be retried tomorrow", user_id)
    return sent


def owed_emails():
    """Notifications whose immediate e-mail is still owed (not sent, not given up)."""
    return (
        Notification.objects.filter(
            emailed_at__isnull=True,
            failed_at__isnull=True,
            user__notification_delivery=Delivery.IMMEDIATE,
            user__is_active=True,
        )
        .exclude(user__email="")
        .filter(
            Q(user__notification_delivery_since__isnull=True)
            | Q(created_at__gte=F("user__notification_delivery_since"))
        )
    )


def sweep_unemailed(*, now=None) -> int:
    """Publish an e-mail task for immediate notifications still owed whose task was never
    published or was published more than REMINDER_REDELIVER_MINUTES ago (its worker died, the
    broker lost it), and for those whose backoff has run out: none is lost."""
    now = now or timezone.now()
    return enqueue.republish_owed(EMAIL_TASK, owed_emails(), now=now)


def retry_emails(queryset) -> int:
    """Take given-up e-mails back: a fresh budget of attempts, published now."""
    return enqueue.retry_now(EMAIL_TASK, queryset)


def mark_read(*, user: User, notification_ids: Iterable[int], now=None) -> int:
    """Mark a user's own notifications as read; others' ids are ignored."""
    return Notification.objects.filter(
        user=user, pk__in=list(notification_ids), read_at__isnull=True
    ).update(read_at=now or timezone.now())
