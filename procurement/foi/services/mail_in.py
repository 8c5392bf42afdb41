"""Receiving FOI mail: storing each message once, finding its request, putting it on the
timeline with its attachments, reading what it says, and recognising bounces.

`receive_message` is what both receivers call (the SMTP/LMTP receiver, the IMAP poller); it
commits before they acknowledge, so a message is never lost: the same Message-ID delivered
again is the row already stored. Matching: the request's address (id + token) among the
recipients, then In-Reply-To/References against the Message-IDs the tracker sent or received;
otherwise the message waits in the holding pen for staff to assign it.

A reply becomes an "e-mail received" event; each attachment goes through the upload checks
(type by content, size, active content) and becomes a document of the request, or is listed
as refused with the reason. The tracker suggests the status the reply reports; nothing changes
status until an editor confirms it through the workflow. A bounce flags the address that
bounced as suspect on the authority (or appeal body) it belongs to.
"""

import logging
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.core import enqueue
from procurement.core.audit import record_audit
from procurement.core.mail_parsing import ParsedMessage, parse_message
from procurement.core.notices import EMAIL_TASK, to_email_now
from procurement.documents.file_types import EML_MIME
from procurement.documents.services import attach_received_file, store_file
from procurement.foi.rules import reply_status
from procurement.foi.selectors.mail import request_id_for_address
from procurement.foi.selectors.requests import can_edit_request, followers_to_notify
from procurement.foi.services import notifications
from procurement.foi.services.request_steps import record_step
from procurement.models import (
    Document,
    IncomingMessage,
    InfoRequest,
    Notification,
    Organisation,
    OutgoingMessage,
    RequestEvent,
    User,
)

log = logging.getLogger(__name__)
Kind = IncomingMessage.Kind
Suggestion = IncomingMessage.Suggestion


def _match(parsed: ParsedMessage, envelope_recipients) -> tuple[int | None, str]:
    """(request id, how) — by the request's address, then by the thread's Message-IDs."""
    for address in [*envelope_recipients, *parsed.recipients]:
        request_id = request_id_for_address(address)
        if request_id is not None and InfoRequest.objects.filter(pk=request_id).exists():
            return request_id, IncomingMessage.MatchedBy.ADDRESS
    thread = [*parsed.in_reply_to, *reversed(parsed.references)]
    if parsed.bounce and parsed.bounce.original_message_id:
        thread.insert(0, parsed.bounce.original_message_id)
    for message_id in thread:
        request_id = (
            OutgoingMessage.objects.filter(message_id=message_id)
            .values_list("request_id", flat=True)
            .first()
        ) or (
            IncomingMessage.objects.filter(message_id=message_id, request__isnull=False)
            .values_list("request_id", flat=True)
            .first()
        )
        if request_id:
            return request_id, IncomingMessage.MatchedBy.HEADERS
    return None, ""


def receive_message(
    raw: bytes, *, source: str, envelope_recipients=(), now: datetime | None = None
) -> tuple[IncomingMessage, bool]:
    """Store a received message once per Message-ID and file it (see the module); returns the
    row and whether it is new. Commits before returning: the caller may then acknowledge."""
    now = now or timezone.now()
    parsed = parse_message(raw)
    existing = IncomingMessage.objects.filter(message_id=parsed.message_id).first()
    if existing is not None:
        return existing, False
    stored = store_file(ContentFile(raw, name="message.eml"), mime_type=EML_MIME)
    request_id, matched_by = _match(parsed, [a.lower() for a in envelope_recipients])
    try:
        with transaction.atomic():
            message = IncomingMessage.objects.create(
                message_id=parsed.message_id,
                kind=parsed.kind,
                source=source,
                from_address=parsed.from_address,
                from_name=parsed.from_name,
                recipients=", ".join(dict.fromkeys([*envelope_recipients, *parsed.recipients])),
                subject=parsed.subject,
                date=parsed.date,
                received_at=now,
                in_reply_to=" ".join(parsed.in_reply_to),
                references=" ".join(parsed.references),
                text=parsed.text,
                raw=stored,
                bounce_detail=_bounce_detail(parsed),
            )
            if request_id is not None:
                _file(message, parsed, request_id, matched_by)
    except IntegrityError:
        # The same message delivered twice at once (both receivers): the other one stored it.
        return IncomingMessage.objects.get(message_id=parsed.message_id), False
    log.info("received %s (%s) → request %s", parsed.message_id, parsed.kind, request_id)
    return message, True


def _bounce_detail(parsed: ParsedMessage) -> str:
    if parsed.bounce is None:
        return ""
    bounce = parsed.bounce
    parts = [bounce.recipient, bounce.status, bounce.detail]
    return " — ".join(part for part in parts if part)[:500]


def _occurred_on(parsed: ParsedMessage, info_request: InfoRequest, now: datetime):
    """The day the message was sent (its Date), never before the request was sent nor after
    today (a wrong clock on the sender's side)."""
    today = timezone.localdate(now)
    day = timezone.localdate(parsed.date) if parsed.date else today
    if info_request.sent_on and day < info_request.sent_on:
        day = info_request.sent_on
    return min(day, today)


def _file(message: IncomingMessage, parsed: ParsedMessage, request_id: int, matched_by: str):
    """Put a matched message on its request: event, attachments, suggestion, bounce flag,
    and tell the request's followers. Runs inside the receiving transaction."""
    info_request = (
        InfoRequest.objects.select_for_update(no_key=True, of=("self",))
        .select_related("authority", "law__appeal_body_organisation", "requester_organisation")
        .get(pk=request_id)
    )
    now = message.received_at
    event = RequestEvent.objects.create(
        request=info_request,
        kind=RequestEvent.Kind.MAIL_IN,
        occurred_on=_occurred_on(parsed, info_request, now),
        note=_event_note(parsed),
        data={"incoming": message.pk, "message_id": message.message_id, "kind": parsed.kind},
    )
    message.request, message.matched_by, message.event = info_request, matched_by, event
    message.attachments = _attachments(info_request, event, parsed)
    if parsed.kind == Kind.BOUNCE:
        _bounced(message, parsed, info_request)
    elif parsed.kind == Kind.REPLY:
        suggestion = reply_status.suggest(
            parsed.text,
            parsed.subject,
            levels=list(info_request.law.classification_levels) if info_request.law else [],
            received=event.occurred_on,
            has_attachments=any("document" in entry for entry in message.attachments),
        )
        if suggestion is not None:
            message.suggestion = suggestion.as_data()
            message.suggestion_state = Suggestion.PENDING
    message.save()
    _notify(info_request, message)


def _event_note(parsed: ParsedMessage) -> str:
    if parsed.kind == Kind.BOUNCE:
        return _("Not delivered: %(detail)s") % {"detail": _bounce_detail(parsed) or "—"}
    if parsed.kind == Kind.AUTO_REPLY:
        return _("Automatic reply: %(subject)s") % {"subject": parsed.subject}
    return ""


def _attachments(info_request: InfoRequest, event: RequestEvent, parsed: ParsedMessage) -> list:
    """Each attachment as a document of the request, or refused with the reason."""
    entries = []
    for attachment in parsed.attachments:
        entry = {"name": attachment.name, "size": len(attachment.content)}
        upload = ContentFile(attachment.content, name=attachment.name)
        try:
            with transaction.atomic():
                document = attach_received_file(
                    info_request=info_request,
                    uploaded=upload,
                    event=event,
                    document_type=Document.Type.RESPONSE,
                )
        except ValidationError as error:
            entry["refused"] = " ".join(error.messages)
        else:
            entry["document"] = document.pk
        entries.append(entry)
    return entries


def _bounced(message: IncomingMessage, parsed: ParsedMessage, info_request: InfoRequest):
    """Find the message that bounced and flag the address that refused it as suspect."""
    bounce = parsed.bounce
    thread = [bounce.original_message_id, *parsed.in_reply_to, *parsed.references]
    outgoing = (
        info_request.outgoing_messages.filter(message_id__in=[m for m in thread if m]).first()
        or info_request.outgoing_messages.filter(
            Q(to_address__iexact=bounce.recipient) if bounce.recipient else Q(),
            sent_at__isnull=False,
        )
        .order_by("-sent_at")
        .first()
    )
    address = bounce.recipient or (outgoing.to_address if outgoing else "")
    if outgoing is not None:
        message.bounce_for = outgoing
        OutgoingMessage.objects.filter(pk=outgoing.pk).update(bounced_at=message.received_at)
    if not address:
        return
    law = info_request.law
    candidates = [info_request.authority_id]
    if law and law.appeal_body_organisation_id:
        candidates.append(law.appeal_body_organisation_id)
    reason = _("Mail to %(address)s bounced on %(day)s: %(detail)s") % {
        "address": address,
        "day": timezone.localdate(message.received_at).isoformat(),
        "detail": (bounce.status + " " + bounce.detail).strip()[:300] or "—",
    }
    flagged = Organisation.objects.filter(pk__in=candidates, foi_email__iexact=address)
    for organisation in flagged:
        organisation.foi_email_suspect = True
        organisation.foi_email_suspect_reason = reason[:500]
        organisation.save(
            update_fields=["foi_email_suspect", "foi_email_suspect_reason", "updated_at"]
        )
        record_audit("organisation.foi_email_suspect", actor=None, subject=organisation)


def _notify(info_request: InfoRequest, message: IncomingMessage) -> None:
    """Tell the request's followers (members only) that an e-mail arrived, after commit."""
    users = list(followers_to_notify(info_request))
    if not users:
        return
    rows = notifications.notify(
        users,
        info_request=info_request,
        kind=f"mail_{message.kind}",
        params={
            "request": info_request.pk,
            "subject": info_request.subject,
            "sender": message.from_address or "—",
            "mail_subject": message.subject or "—",
            "link": notifications.request_link(info_request),
        },
    )
    enqueue.defer(EMAIL_TASK, Notification, to_email_now(rows))


@transaction.atomic
def assign_message(*, message_pk: int, request_id: int, actor: User) -> IncomingMessage:
    """Staff file a message from the holding pen on request `request_id`: it is put on the
    request exactly as if it had been matched when it arrived."""
    if not (actor.is_active and actor.is_staff):
        raise PermissionDenied(_("Only staff assign messages from the holding pen."))
    message = (
        IncomingMessage.objects.select_for_update().filter(pk=message_pk, request__isnull=True)
    ).first()
    if message is None:
        raise ValidationError(_("This message was already assigned."))
    if not InfoRequest.objects.filter(pk=request_id).exclude(status="draft").exists():
        raise ValidationError(
            {"request": _("No request with this number has been sent; check the number.")}
        )
    with message.raw.file.open("rb") as raw:
        parsed = parse_message(raw.read())
    _file(message, parsed, request_id, IncomingMessage.MatchedBy.STAFF)
    message.assigned_by = actor
    message.save(update_fields=["assigned_by"])
    record_audit("foi_mail.assigned", actor=actor, subject=message, request=request_id)
    return message


def _pending(message_pk: int, request_id: int) -> IncomingMessage:
    message = (
        IncomingMessage.objects.select_for_update()
        .filter(pk=message_pk, request_id=request_id, suggestion_state=Suggestion.PENDING)
        .first()
    )
    if message is None:
        raise ValidationError(_("This suggestion was already confirmed or dismissed."))
    return message


@transaction.atomic
def dismiss_suggestion(*, message_pk: int, request_id: int, actor: User) -> IncomingMessage:
    """An editor sets the tracker's suggestion aside; the status stays as it is."""
    info_request = InfoRequest.objects.get(pk=request_id)
    if not can_edit_request(actor, info_request):
        raise PermissionDenied(_("Only the organisation's editors can change its requests."))
    message = _pending(message_pk, request_id)
    message.suggestion_state = Suggestion.DISMISSED
    message.decided_by, message.decided_at = actor, timezone.now()
    message.save(update_fields=["suggestion_state", "decided_by", "decided_at"])
    return message


@transaction.atomic
def confirm_suggestion(*, message_pk: int, request_id: int, **step) -> InfoRequest:
    """An editor records the step a reply reports (through `record_step`: the workflow checks
    it, the editor may have corrected the facts); the suggestion is then confirmed."""
    message = _pending(message_pk, request_id)
    info_request = record_step(request_id=request_id, **step)
    message.suggestion_state = Suggestion.CONFIRMED
    message.decided_by, message.decided_at = step["actor"], timezone.now()
    message.save(update_fields=["suggestion_state", "decided_by", "decided_at"])
    return info_request
