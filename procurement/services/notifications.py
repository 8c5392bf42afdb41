"""In-app notifications and their emails: immediately, or once a day in a digest.

A notification row is the truth (one per user and reminder, by a unique constraint); its
`emailed_at` says whether its email went out. Each email is sent under a lock on its row and
marked in the same transaction, so a second delivery of the same task sends nothing.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.models import (
    InfoRequest,
    Membership,
    Notification,
    Organisation,
    Reminder,
    RequestEvent,
    User,
)
from procurement.selectors.requests import (
    can_see_request,
    followers_to_notify,
    letters_for,
    visible_requests,
)
from procurement.services import enqueue
from procurement.workflow import AWAITING

log = logging.getLogger(__name__)
EMAIL_TASK = "procurement.tasks.email_notification_task"
Delivery = User.Delivery


@dataclass(frozen=True)
class Message:
    subject: str
    text: str


def request_link(info_request: InfoRequest) -> str:
    """Where a message sends its reader: the request's page in the workspace (deadlines,
    letters, what to record next), which checks that the reader is a member."""
    return settings.SITE_URL + reverse("workspace-request-detail", args=[info_request.pk])


def reminder_message(reminder: Reminder, today: date) -> Message:
    """Subject and plain text of a reminder, with the facts of its kind: the deadline, the
    appeal window and to whom, the jurisdiction's options after a classified refusal, and the
    letter to send."""
    info_request = reminder.request
    law = info_request.law
    letters = [letter for letter in letters_for(info_request, today) if letter.language == "en"]
    context = {
        "reminder": reminder,
        "kind": reminder.kind,
        "info_request": info_request,
        "law": law,
        "appeal_body": (
            law.appeal_body_organisation.name
            if law and law.appeal_body_organisation
            else (law.appeal_body if law else "")
        ),
        "letter": next((lt for lt in letters if lt.kind != "reminder" and not lt.error), None),
        "link": request_link(info_request),
        "today": today,
    }
    subject = render_to_string("procurement/email/reminder_subject.txt", context)
    text = render_to_string("procurement/email/reminder.txt", context)
    return Message(" ".join(subject.split()), text.strip() + "\n")


def notify(
    users: Iterable[User],
    *,
    info_request: InfoRequest,
    kind: str,
    message: Message,
    reminder: Reminder | None = None,
) -> list[Notification]:
    """One in-app notification per user; at most one per user and reminder, ever."""
    rows = [
        Notification(
            user=user,
            request=info_request,
            reminder=reminder,
            kind=kind,
            subject=message.subject[:300],
            body=message.text,
        )
        for user in users
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=reminder is not None)
    if reminder is None:
        return rows
    # ignore_conflicts leaves no ids on some databases: read back what this reminder has.
    return list(Notification.objects.filter(reminder=reminder).select_related("user"))


def to_email_now(notifications: Iterable[Notification]) -> list[int]:
    """The notifications whose users want each email at once (and have an address)."""
    return [
        n.pk
        for n in notifications
        if n.emailed_at is None and n.user.notification_delivery == Delivery.IMMEDIATE
        if n.user.email
    ]


def notify_status_change(
    info_request: InfoRequest, event: RequestEvent, actor: User | None
) -> list[Notification]:
    """Tell the request's followers (except whoever made the change) that its status changed;
    immediate emails are published after commit. Call inside the workflow transaction."""
    users = [user for user in followers_to_notify(info_request) if user != actor]
    if not users:
        return []
    context = {
        "info_request": info_request,
        "event": event,
        "awaiting": info_request.status in AWAITING,
        "link": request_link(info_request),
    }
    message = Message(
        " ".join(render_to_string("procurement/email/status_subject.txt", context).split()),
        render_to_string("procurement/email/status.txt", context).strip() + "\n",
    )
    notifications = notify(users, info_request=info_request, kind="status", message=message)
    enqueue.publish_on_commit(EMAIL_TASK, to_email_now(notifications))
    return notifications


def _membership_change_text(change: str, facts: dict) -> str:
    role_names = dict(Membership.Role.choices)
    facts = {
        **facts,
        **{key: role_names.get(facts[key], "") for key in ("role", "previous") if key in facts},
    }
    return {
        "invited": _("%(actor)s invited %(email)s as %(role)s."),
        "revoked": _("%(actor)s withdrew the invitation to %(email)s."),
        "joined": _("%(user)s accepted an invitation and joined as %(role)s."),
        "role_changed": _("%(actor)s changed the role of %(user)s from %(previous)s to %(role)s."),
        "removed": _("%(actor)s removed %(user)s (%(role)s)."),
    }[change] % facts


def notify_membership_change(
    organisation: Organisation, actor: User | None, change: str, **facts
) -> list[Notification]:
    """Tell the organisation's admins (except whoever made it) of a change to who is in it —
    an invitation, someone joining, a role changed, a member removed; their e-mails are
    published after commit. Call inside the transaction of the change."""
    admins = User.objects.filter(
        is_active=True,
        memberships__organisation=organisation,
        memberships__role=Membership.Role.ADMIN,
    )
    if actor is not None:
        admins = admins.exclude(pk=actor.pk)
    users = list(admins.distinct())
    if not users:
        return []
    who = actor.get_username() if actor is not None else _("The site's administrators")
    text = _membership_change_text(change, {"actor": who, **facts})
    link = settings.SITE_URL + reverse("organisation-members", args=[organisation.pk])
    message = Message(
        _("Members of %(organisation)s: %(change)s")
        % {"organisation": organisation.name, "change": text},
        text
        + "\n\n"
        + _("If you did not expect this, check the members and invitations at %(link)s.")
        % {"link": link}
        + "\n",
    )
    rows = [
        Notification(user=user, kind="membership", subject=message.subject[:300], body=message.text)
        for user in users
    ]
    Notification.objects.bulk_create(rows)
    enqueue.publish_on_commit(EMAIL_TASK, to_email_now(rows))
    return rows


def _send(to: str, subject: str, text: str, html: str) -> None:
    email = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    email.attach_alternative(html, "text/html")
    email.send()


def email_notification(*, notification_id: int, now=None) -> bool:
    """Email one notification to a user who wants emails at once; True if it was sent now.
    The row stays locked while the mail goes out and is marked in the same transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user", "request")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None:
            return False  # already emailed (a duplicate delivery), or gone
        user = notification.user
        if user.notification_delivery != Delivery.IMMEDIATE or not user.email:
            return False  # the digest will carry it, or there is no address
        if not user.is_active:
            return False
        if notification.request and not can_see_request(user, notification.request):
            notification.delete()  # they left its organisation: private news is not sent
            return False
        context = {"notification": notification, "user": user, "site_url": settings.SITE_URL}
        _send(
            user.email,
            notification.subject,
            notification.body,
            render_to_string("procurement/email/notification.html", context),
        )
        notification.emailed_at = now
        notification.save(update_fields=["emailed_at"])
    return True


def send_digest(*, user_id: int, now=None) -> int:
    """One email with every notification of a digest user not yet emailed; returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
        if user is None:
            return 0
        unsent = Notification.objects.filter(user=user, emailed_at__isnull=True)
        # About requests they can no longer see (they left the organisation): dropped.
        unsent.exclude(request__isnull=True).exclude(request__in=visible_requests(user)).delete()
        notifications = list(
            unsent.select_for_update(of=("self",))
            .select_related("request")
            .order_by("created_at", "id")
        )
        if not notifications:
            return 0  # another run sent them
        context = {"user": user, "notifications": notifications, "site_url": settings.SITE_URL}
        subject = _("Your daily FOI digest: %(n)d update(s)") % {"n": len(notifications)}
        _send(
            user.email,
            subject,
            render_to_string("procurement/email/digest.txt", context),
            render_to_string("procurement/email/digest.html", context),
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


def sweep_unemailed(*, now=None, grace_minutes: float | None = None) -> int:
    """Publish an email task for immediate notifications still unemailed after a grace
    period (their worker died, or the broker or mail server was down): none is lost."""
    now = now or timezone.now()
    grace = settings.REMINDER_REDELIVER_MINUTES if grace_minutes is None else grace_minutes
    ids = list(
        Notification.objects.filter(
            emailed_at__isnull=True,
            created_at__lte=now - timedelta(minutes=grace),
            user__notification_delivery=Delivery.IMMEDIATE,
            user__is_active=True,
        )
        .exclude(user__email="")
        .order_by("pk")
        .values_list("pk", flat=True)[: settings.REMINDER_SWEEP_BATCH]
    )
    enqueue.publish(EMAIL_TASK, ids)
    return len(ids)


def mark_read(*, user: User, notification_ids: Iterable[int], now=None) -> int:
    """Mark a user's own notifications as read; others' ids are ignored."""
    return Notification.objects.filter(
        user=user, pk__in=list(notification_ids), read_at__isnull=True
    ).update(read_at=now or timezone.now())
