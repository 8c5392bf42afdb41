"""FOI mail as the workspace reads it: a request's own address, what may be e-mailed from it
now and to whom, the letter each message starts from, the request's correspondence, and the
holding pen of messages no request claimed."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from procurement.foi.reference.letters import law_key
from procurement.foi.reference.request_letter import request_letter
from procurement.foi.rules import letters, mail_addresses
from procurement.foi.rules.workflow import AWAITING, S
from procurement.foi.selectors.requests import letter_languages_of
from procurement.models import (
    IncomingMessage,
    InfoRequest,
    LetterTemplate,
    Organisation,
    OutgoingMessage,
)

Kind = OutgoingMessage.Kind
COMPLAINTS = (
    LetterTemplate.Kind.COMPLAINT_SILENCE,
    LetterTemplate.Kind.COMPLAINT_REFUSAL,
    LetterTemplate.Kind.COMPLAINT_CLASSIFIED,
)


def request_address(request_id: int) -> str:
    """The address request `request_id` sends from and its replies come back to."""
    return mail_addresses.request_address(request_id, settings.SECRET_KEY, settings.FOI_MAIL_DOMAIN)


def request_id_for_address(address: str) -> int | None:
    return mail_addresses.request_id_from_address(
        address, settings.SECRET_KEY, settings.FOI_MAIL_DOMAIN
    )


@dataclass(frozen=True)
class Recipient:
    address: str
    organisation: Organisation | None
    suspect_reason: str = ""


def _recipient(organisation: Organisation | None) -> list[Recipient]:
    if organisation is None or not organisation.foi_email:
        return []
    reason = ""
    if organisation.foi_email_suspect:
        reason = organisation.foi_email_suspect_reason or _("Mail to this address bounced.")
    return [Recipient(organisation.foi_email.lower(), organisation, reason)]


def recipients(info_request: InfoRequest, kind: str) -> list[Recipient]:
    """Who a message of `kind` may go to: the request and messages to the authority go to its
    FOI e-mail (follow-ups also to an address the authority replied from); a complaint goes
    to the appeal body's. Nobody else: a private draft reaches the authority alone."""
    if kind == Kind.COMPLAINT:
        law = info_request.law
        route = complaint_route(info_request)
        if route == LetterTemplate.Route.OBJECTION:  # FBiH: to the head of the body itself
            return _recipient(info_request.authority)
        if route != LetterTemplate.Route.APPEAL:
            return []  # a court action is filed, not e-mailed; the Ombudsman's e-mail unknown
        return _recipient(law.appeal_body_organisation if law else None)
    found = _recipient(info_request.authority)
    if kind == Kind.FOLLOW_UP:
        known = {recipient.address for recipient in found}
        replies = sorted(
            (
                m
                for m in info_request.incoming_messages.all()
                if m.kind == IncomingMessage.Kind.REPLY
            ),
            key=lambda m: m.received_at,
            reverse=True,
        )
        for address in [m.from_address for m in replies if m.from_address]:
            if address.lower() not in known:
                known.add(address.lower())
                found.append(Recipient(address.lower(), info_request.authority))
    return found


def complaint_route(info_request: InfoRequest) -> str | None:
    """The first route a complaint about the request takes (the appeal body; Serbia's top
    bodies: the court; FBiH: the objection first); None when the law has no complaint."""
    law = info_request.law
    if law is None:
        return None
    available = {t.route for t in law.letter_templates.all() if t.kind in COMPLAINTS}
    found = letters.routes(law, info_request.authority.name, available)
    return found[0] if found else None


def complaint_kind(info_request: InfoRequest, today: date) -> str | None:
    """The complaint letter that fits the request now (silence, refusal, classified), if any."""
    law = info_request.law
    if law is None:
        return None
    kinds = letters.relevant_kinds(
        info_request.status,
        info_request.extended_due_on or info_request.due_on,
        today,
        law.classified_outside_law,
    )
    return next((kind for kind in kinds if kind in COMPLAINTS), None)


def request_email_pending(info_request: InfoRequest) -> OutgoingMessage | None:
    """The request's own e-mail, queued or sent (not given up)."""
    return next(
        (
            m
            for m in info_request.outgoing_messages.all()
            if m.kind == Kind.REQUEST and m.failed_at is None
        ),
        None,
    )


def sendable_kinds(info_request: InfoRequest, today: date) -> list[str]:
    """What may be e-mailed from the request now: the request itself while it is a draft (once),
    follow-ups once it went out, reminders while the authority has not answered, and a
    complaint when one fits and the appeal body has an e-mail address."""
    if info_request.status == S.DRAFT:
        return [] if request_email_pending(info_request) else [Kind.REQUEST]
    kinds = [Kind.FOLLOW_UP]
    if info_request.status in AWAITING:
        kinds.append(Kind.REMINDER)
    if complaint_kind(info_request, today) and recipients(info_request, Kind.COMPLAINT):
        kinds.append(Kind.COMPLAINT)
    return kinds


def letter_languages(info_request: InfoRequest) -> list[str]:
    """The languages letters of the request's law exist in (English always): the
    jurisdiction's official languages first (the first is the default), then English."""
    law = info_request.law
    found = {"en"}
    if law is None:
        return ["en"]
    found |= {template.language for template in law.letter_templates.all()}
    order = letter_languages_of(law, info_request)
    return sorted(
        found,
        key=lambda language: (order.index(language) if language in order else len(order), language),
    )


def _template(info_request: InfoRequest, kind: str, language: str) -> LetterTemplate | None:
    law = info_request.law
    if law is None:
        return None
    route = LetterTemplate.Route.APPEAL
    if kind in COMPLAINTS:
        route = complaint_route(info_request)
        if route is None:
            return None
    templates = {(t.kind, t.route, t.language): t for t in law.letter_templates.all()}
    for candidate in (language, "en"):
        if (kind, route, candidate) in templates:
            return templates[kind, route, candidate]
    if kind == "request":  # no request letter on record for this law: the shipped one
        code = (
            info_request.jurisdiction.code
            if info_request.jurisdiction_id == law.jurisdiction_id
            else law.jurisdiction.code
        )
        key = law_key(code, law.name)
        for candidate in (language, "en"):
            shipped = request_letter(key, candidate)
            if shipped:
                subject, body = shipped
                return LetterTemplate(
                    law=law, kind=kind, language=candidate, subject=subject, body=body
                )
    return None


def composed(info_request: InfoRequest, kind: str, language: str, today: date) -> tuple[str, str]:
    """The subject and text a message of `kind` starts from: the law's letter in `language`
    (the request, a reminder, the complaint that fits), or a reply line for a follow-up."""
    letter_kind = {
        Kind.REQUEST: "request",
        Kind.REMINDER: LetterTemplate.Kind.REMINDER,
        Kind.COMPLAINT: complaint_kind(info_request, today),
    }.get(kind)
    template = _template(info_request, letter_kind, language) if letter_kind else None
    if template is not None:
        letter = letters.render(template, info_request, info_request.law, today)
        if not letter.error:
            return letter.subject, letter.body
    reference = f" ({info_request.reference_number})" if info_request.reference_number else ""
    return f"Re: {info_request.subject}{reference}", ""


def correspondence_prefetch() -> list[Prefetch]:
    """The request's outgoing and incoming e-mails, oldest first (two queries)."""
    return [
        Prefetch(
            "outgoing_messages",
            queryset=OutgoingMessage.objects.select_related("created_by").order_by("pk"),
        ),
        Prefetch(
            "incoming_messages", queryset=IncomingMessage.objects.order_by("received_at", "pk")
        ),
    ]


def request_message(info_request: InfoRequest, message_pk: int) -> IncomingMessage | None:
    """One received e-mail of the request (None if it belongs to another)."""
    return info_request.incoming_messages.filter(pk=message_pk).first()


def holding_pen() -> QuerySet[IncomingMessage]:
    """Received e-mails no request claimed, newest first (staff assign them)."""
    return IncomingMessage.objects.filter(request__isnull=True).order_by("-received_at", "-pk")


def held_message(message_pk: int) -> IncomingMessage | None:
    """One message of the holding pen (None once it was assigned)."""
    return holding_pen().filter(pk=message_pk).first()


def suggested_step(info_request: InfoRequest, message_pk, step: str) -> tuple:
    """(message, the step form's initial values) when `message_pk` is a reply of this request
    whose pending suggestion is `step`; (None, {}) otherwise."""
    try:
        pk = int(message_pk)
    except (TypeError, ValueError):
        return None, {}
    message = (
        info_request.incoming_messages.filter(
            pk=pk, suggestion_state=IncomingMessage.Suggestion.PENDING
        )
        .select_related("event")
        .first()
    )
    if message is None or message.suggestion.get("status") != step:
        return None, {}
    note = _("E-mail from the authority of %(day)s: “%(subject)s”.") % {
        "day": message.event.occurred_on.isoformat() if message.event else "",
        "subject": message.subject,
    }
    if message.suggestion.get("extended_to"):
        note += " " + _("It announces the answer by %(day)s.") % {
            "day": message.suggestion["extended_to"]
        }
    initial = {
        "on": message.event.occurred_on if message.event else None,
        "note": note[:10000],
        **message.suggestion.get("facts", {}),
    }
    return message, initial
