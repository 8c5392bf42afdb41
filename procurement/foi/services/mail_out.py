"""E-mailing from a request's own address: the request itself, follow-ups and reminders to the
authority, complaints to the appeal body.

Asking to send writes an `OutgoingMessage` row (with its Message-ID) and defers it
(`core.enqueue`): a worker hands it to Django's mail backend, the attempt committed on the row
first; an SMTP server that is down costs a retry with backoff, never the message, and beat's
sweep publishes whatever is still owed. Only once the mail server took it is it on the
timeline: the request's e-mail marks the request sent that day (received the same day: the
deadlines run from it), a complaint records the appeal as lodged when the workflow allows,
every other message is an "e-mail sent" event. Nothing is sent to anyone but the recipient
the request allows (`selectors.mail.recipients`): no copy, no blind copy.
"""

import logging
import uuid
from datetime import datetime
from email.utils import formataddr

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.core import enqueue
from procurement.core.audit import record_audit
from procurement.foi.rules.workflow import allowed_transitions
from procurement.foi.selectors import mail as mail_selectors
from procurement.foi.selectors.requests import can_edit_request
from procurement.foi.services.requests import request_transition
from procurement.models import InfoRequest, OutgoingMessage, RequestEvent, RequestStatus, User
from procurement.models.mail import BODY_MAX

log = logging.getLogger(__name__)
SEND_TASK = "procurement.tasks.send_foi_message_task"
Kind = OutgoingMessage.Kind
SUBJECT_MAX = OutgoingMessage._meta.get_field("subject").max_length


def new_message_id(request_id: int) -> str:
    """A Message-ID at the FOI mail domain, chosen once per message and kept for every attempt."""
    return f"<request.{request_id}.{uuid.uuid4().hex}@{settings.FOI_MAIL_DOMAIN}>"


def _errors(info_request: InfoRequest, kind: str, to: str, subject: str, body: str) -> dict:
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if kind not in mail_selectors.sendable_kinds(info_request, today):
        errors["kind"] = [_("This message cannot be e-mailed from the request now.")]
    allowed = {r.address for r in mail_selectors.recipients(info_request, kind)}
    if not allowed:
        errors["to"] = [
            _("No e-mail address is on record for the recipient; send it by post or add one.")
        ]
    elif (to or "").strip().lower() not in allowed:
        errors["to"] = [_("Choose one of the addresses offered.")]
    if not (subject or "").strip():
        errors["subject"] = [_("Give the message a subject.")]
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = [_("A subject is at most %(n)d characters.") % {"n": SUBJECT_MAX}]
    if not (body or "").strip():
        errors["body"] = [_("The message has no text.")]
    elif len(body) > BODY_MAX:
        errors["body"] = [_("The text is at most %(n)d characters.") % {"n": BODY_MAX}]
    return errors


@transaction.atomic
def queue_message(
    *,
    request_id: int,
    kind: str,
    to: str,
    subject: str,
    body: str,
    actor: User,
    language: str = "",
) -> OutgoingMessage:
    """An editor asks the tracker to e-mail `kind` from the request's address to `to` (one of
    the recipients the request allows); it is sent by a worker after commit."""
    info_request = (
        InfoRequest.objects.select_for_update(of=("self",))
        .select_related("authority", "law__appeal_body_organisation")
        .get(pk=request_id)
    )
    if not can_edit_request(actor, info_request):
        raise PermissionDenied(_("Only the organisation's editors can e-mail from its requests."))
    errors = _errors(info_request, kind, to, subject, body)
    if errors:
        raise ValidationError(errors)
    last_reply = info_request.incoming_messages.order_by("-received_at").first()
    try:
        with transaction.atomic():
            message = OutgoingMessage.objects.create(
                request=info_request,
                kind=kind,
                to_address=to.strip().lower(),
                from_address=mail_selectors.request_address(info_request.pk),
                subject=" ".join(subject.split()),
                body=body.strip() + "\n",
                language=language[:10],
                message_id=new_message_id(info_request.pk),
                in_reply_to=last_reply.message_id if last_reply and kind != Kind.REQUEST else "",
                created_by=actor,
            )
    except IntegrityError:
        raise ValidationError({"kind": [_("This request is already being sent.")]}) from None
    record_audit("foi_mail.queued", actor=actor, subject=message, kind=kind)
    enqueue.defer(SEND_TASK, OutgoingMessage, [message.pk])
    return message


def _claim(message_pk: int, now: datetime) -> OutgoingMessage | None:
    """Lock the row, decide whether it is owed now, record the attempt (committed before the
    hand-off). None: sent, given up, in flight elsewhere, or gone with its request."""
    with transaction.atomic():
        message = (
            OutgoingMessage.objects.select_for_update(of=("self",))
            .select_related("request__requester_organisation")
            .filter(pk=message_pk, sent_at__isnull=True, failed_at__isnull=True)
            .first()
        )
        if message is None or enqueue.in_flight(message, now):
            return None
        enqueue.begin_attempt(message, now)
    return message


def email_of(message: OutgoingMessage) -> EmailMessage:
    """The e-mail as handed over: from the request's address (also the envelope sender, so
    bounces come back to the request), to the one recipient, with its own Message-ID."""
    organisation = message.request.requester_organisation.name
    headers = {"Message-ID": message.message_id, "Reply-To": message.from_address}
    if message.in_reply_to:
        headers.update({"In-Reply-To": message.in_reply_to, "References": message.in_reply_to})
    return EmailMessage(
        message.subject,
        message.body,
        formataddr((organisation, message.from_address)),
        [message.to_address],
        headers=headers,
    )


def send_message(*, message_pk: int, now: datetime | None = None) -> bool:
    """Hand one queued message to the mail backend; True if it went out now. An error is
    recorded on the row with a backoff (given up after DELIVERY_MAX_ATTEMPTS)."""
    now = now or timezone.now()
    message = _claim(message_pk, now)
    if message is None:
        return False
    try:
        email_of(message).send()
    except Exception as error:  # SMTP refused or unreachable: on the row, retried later
        enqueue.record_failure(OutgoingMessage, message.pk, error, timezone.now())
        return False
    with transaction.atomic():
        enqueue.record_success(OutgoingMessage, message.pk, timezone.now(), sent_at=now)
        _record_sent(message.pk, timezone.localdate(now))
    return True


def _record_sent(message_pk: int, day) -> None:
    """The message is on the timeline: the request marked sent, a complaint lodged, or an
    "e-mail sent" event."""
    message = OutgoingMessage.objects.select_related("request").get(pk=message_pk)
    info_request = message.request
    data = {"message_id": message.message_id, "outgoing": message.pk, "to": message.to_address}
    event = None
    if message.kind == Kind.REQUEST and info_request.status == RequestStatus.DRAFT:
        event = _transition(
            message,
            to=RequestStatus.SENT,
            on=day,
            received_on=day,
            channel=InfoRequest.Channel.EMAIL,
            note=_("Sent by e-mail from the tracker; taken as received the same day."),
        )
    elif message.kind == Kind.COMPLAINT and RequestStatus.APPEALED in allowed_transitions(
        info_request.status
    ):
        event = _transition(
            message,
            to=RequestStatus.APPEALED,
            on=day,
            note=_("Complaint e-mailed to the appeal body from the tracker."),
        )
    if event is None:
        event = RequestEvent.objects.create(
            request=info_request,
            kind=RequestEvent.Kind.MAIL_OUT,
            occurred_on=day,
            actor=message.created_by,
            data=data,
        )
    else:
        event.data = {**event.data, **data}
        event.actor = message.created_by
        event.save(update_fields=["data", "actor"])
    OutgoingMessage.objects.filter(pk=message.pk).update(event=event)


def _transition(
    message: OutgoingMessage, *, to: str, on, note: str, **facts
) -> RequestEvent | None:
    """Record the step the message was (sent, appeal lodged); None if the workflow refuses it
    now (someone recorded another step meanwhile): then it is only an "e-mail sent" event."""
    # The editor who sent it records the step (and is not told of it), while still an editor.
    actor = message.created_by
    if actor is not None and not can_edit_request(actor, message.request):
        actor = None
    try:
        with transaction.atomic():
            request_transition(
                request_id=message.request_id, to=to, actor=actor, on=on, note=note, **facts
            )
    except ValidationError as error:
        log.info("message %s sent; step %s not recorded: %s", message.pk, to, error.messages)
        return None
    return (
        RequestEvent.objects.filter(request_id=message.request_id, kind=RequestEvent.Kind.STATUS)
        .order_by("-pk")
        .first()
    )


def owed_messages():
    """Messages still owed (not sent, not given up)."""
    return OutgoingMessage.objects.filter(sent_at__isnull=True, failed_at__isnull=True)


def sweep_outgoing(*, now: datetime | None = None) -> int:
    """Publish a send task for every message still owed whose task was never published or
    was published more than REMINDER_REDELIVER_MINUTES ago, or whose backoff ran out."""
    return enqueue.republish_owed(SEND_TASK, owed_messages(), now=now or timezone.now())


def retry_messages(queryset) -> int:
    """Take given-up messages back: a fresh budget of attempts, published now."""
    return enqueue.retry_now(SEND_TASK, queryset)
