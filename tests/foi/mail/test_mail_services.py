"""Sending from a request's address and receiving its replies, through the services with the
real database (the receivers and a real SMTP server are in tests/integration/)."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from procurement.foi.services.mail_in import (
    assign_message,
    dismiss_suggestion,
    receive_message,
)
from procurement.foi.services.mail_out import queue_message, send_message, sweep_outgoing
from procurement.models import (
    Document,
    IncomingMessage,
    InfoRequest,
    Notification,
    Organisation,
    OutgoingMessage,
    RequestEvent,
)
from tests.foi.mail.messages import dsn, reply
from tests.uploads import EXE, PDF

pytestmark = pytest.mark.django_db


def _queue(foi, **overrides) -> OutgoingMessage:
    values = {
        "request_id": foi.draft.pk,
        "kind": "request",
        "to": "pristup@ministarstvo.gov.rs",
        "subject": "Zahtev za pristup informacijama",
        "body": "Tražimo ugovore o kamerama.",
        "actor": foi.editor,
    }
    return queue_message(**{**values, **overrides})


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- sending ---------------------------------------------------------------------------------


def test_the_request_goes_out_from_its_address_and_is_marked_sent_that_day(foi):
    message = _queue(foi)
    assert InfoRequest.objects.get(pk=foi.draft.pk).status == "draft"  # not before it is sent
    assert send_message(message_pk=message.pk) is True
    [email] = mail.outbox
    assert email.to == ["pristup@ministarstvo.gov.rs"]
    assert email.cc == [] and email.bcc == []  # nobody else gets a private draft
    assert email.from_email == f"{foi.org.name} <{foi.address}>"
    assert email.extra_headers["Message-ID"] == message.message_id
    assert message.message_id.endswith("@foi.example.org>")
    info_request = InfoRequest.objects.get(pk=foi.draft.pk)
    today = timezone.localdate()
    assert (info_request.status, info_request.sent_on, info_request.received_on) == (
        "sent",
        today,
        today,
    )
    assert info_request.channel == "email"
    assert info_request.due_on is not None  # the deadlines run from the sending day
    assert "Sent by e-mail on" in info_request.deadline_explanation
    assert "received by the authority the same day" in info_request.deadline_explanation
    event = info_request.events.get(kind=RequestEvent.Kind.STATUS, to_status="sent")
    assert event.data["message_id"] == message.message_id
    assert event.actor == foi.editor
    message.refresh_from_db()
    assert message.sent_at is not None and message.event == event
    assert send_message(message_pk=message.pk) is False  # a second delivery sends nothing
    assert len(mail.outbox) == 1


def test_smtp_down_loses_nothing_the_attempt_is_on_the_row_and_the_sweep_sends_it_later(
    foi, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        _closed_port(),
        2,
    )
    message = _queue(foi)
    assert send_message(message_pk=message.pk) is False
    message.refresh_from_db()
    assert message.attempts == 1 and message.sent_at is None and message.failed_at is None
    assert "ConnectionRefusedError" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert InfoRequest.objects.get(pk=foi.draft.pk).status == "draft"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = message.next_attempt_at + timedelta(seconds=1)
    OutgoingMessage.objects.filter(pk=message.pk).update(enqueued_at=None)
    assert sweep_outgoing(now=later) == 1  # owed again once the backoff ran out
    assert send_message(message_pk=message.pk) is True
    assert [e.extra_headers["Message-ID"] for e in mail.outbox] == [message.message_id]
    assert InfoRequest.objects.get(pk=foi.draft.pk).status == "sent"


def test_only_editors_send_and_only_to_the_addresses_the_request_allows(foi):
    with pytest.raises(PermissionDenied):
        _queue(foi, actor=foi.member)
    with pytest.raises(ValidationError) as refused:
        _queue(foi, to="someone@elsewhere.example")
    assert "to" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _queue(foi, kind="reminder")  # a draft has nothing to remind of
    assert "kind" in refused.value.message_dict
    _queue(foi)
    with pytest.raises(ValidationError):  # the request goes out once
        _queue(foi)
    assert OutgoingMessage.objects.count() == 1


def test_no_foi_email_on_record_means_no_e_mail(foi):
    Organisation.objects.filter(pk=foi.authority.pk).update(foi_email="")
    with pytest.raises(ValidationError) as refused:
        _queue(foi)
    assert "No e-mail address is on record" in str(refused.value)


def test_follow_ups_reply_in_the_thread_and_are_events(foi):
    send_message(message_pk=_queue(foi).pk)
    receive_message(
        reply(to=foi.address, message_id="<r1@ministarstvo.gov.rs>", attachments=[]),
        source="smtp",
    )
    follow_up = _queue(foi, kind="follow_up", subject="Re: Zahtev", body="Hvala; molimo i anekse.")
    assert follow_up.in_reply_to == "<r1@ministarstvo.gov.rs>"
    send_message(message_pk=follow_up.pk)
    assert mail.outbox[-1].extra_headers["In-Reply-To"] == "<r1@ministarstvo.gov.rs>"
    event = RequestEvent.objects.get(kind=RequestEvent.Kind.MAIL_OUT)
    assert event.data["outgoing"] == follow_up.pk


# --- receiving --------------------------------------------------------------------------------


def test_a_reply_to_the_request_address_lands_on_it_with_its_attachment_and_a_suggestion(foi):
    send_message(message_pk=_queue(foi).pk)
    raw = reply(
        to=foi.address,
        text=(
            "Rešenjem se zahtev odbija. Podaci su označeni stepenom tajnosti "
            "STROGO POVERLJIVO, član 9. stav 1."
        ),
        attachments=[
            ("resenje.pdf", PDF, "application/pdf"),
            ("setup.pdf", EXE, "application/pdf"),
        ],
    )
    message, new = receive_message(raw, source="smtp")
    assert new and message.request_id == foi.draft.pk and message.matched_by == "address"
    assert message.kind == "reply"
    document = Document.objects.get(request=foi.draft)
    assert document.event == message.event and document.document_type == "foiResponse"
    assert document.original_name == "resenje.pdf"
    refused = [entry for entry in message.attachments if "refused" in entry]
    assert [entry["name"] for entry in refused] == ["setup.pdf"]
    assert "not one we accept" in refused[0]["refused"]
    assert message.suggestion["status"] == "classified"
    assert message.suggestion["facts"] == {
        "classification_level": "STROGO POVERLJIVO",
        "classification_article": "član 9. stav 1",
    }
    assert message.suggestion_state == "pending"
    assert InfoRequest.objects.get(pk=foi.draft.pk).status == "sent"  # only a person changes it
    assert Notification.objects.filter(user=foi.member, request=foi.draft).exists()


def test_the_same_message_id_delivered_twice_is_stored_once(foi):
    raw = reply(to=foi.address)
    first, new = receive_message(raw, source="smtp")
    again, new_again = receive_message(raw, source="imap")
    assert new and not new_again and first.pk == again.pk
    assert IncomingMessage.objects.count() == 1
    assert Document.objects.filter(request=foi.draft).count() == 1
    assert RequestEvent.objects.filter(kind=RequestEvent.Kind.MAIL_IN).count() == 1


def test_a_reply_without_the_address_is_matched_by_in_reply_to(foi):
    outgoing = _queue(foi)
    send_message(message_pk=outgoing.pk)
    raw = reply(to="kancelarija@watchdog.example", in_reply_to=outgoing.message_id, attachments=[])
    message, _new = receive_message(raw, source="imap")
    assert message.request_id == foi.draft.pk and message.matched_by == "headers"


def test_a_forged_token_or_an_unknown_thread_lands_in_the_holding_pen_for_staff(foi):
    from tests.factories import UserFactory

    forged = foi.address.replace(foi.address.split(".")[1][:12], "0" * 12)
    message, _new = receive_message(reply(to=forged, attachments=[]), source="smtp")
    assert message.request is None and message.event is None
    assert not Document.objects.filter(request=foi.draft).exists()
    with pytest.raises(PermissionDenied):
        assign_message(message_pk=message.pk, request_id=foi.draft.pk, actor=foi.editor)
    staff = UserFactory(is_staff=True)
    with pytest.raises(ValidationError):  # a draft never received mail
        assign_message(message_pk=message.pk, request_id=foi.draft.pk, actor=staff)
    send_message(message_pk=_queue(foi).pk)
    assign_message(message_pk=message.pk, request_id=foi.draft.pk, actor=staff)
    message.refresh_from_db()
    assert message.request_id == foi.draft.pk and message.matched_by == "staff"
    assert message.event is not None and message.assigned_by == staff
    with pytest.raises(ValidationError):
        assign_message(message_pk=message.pk, request_id=foi.draft.pk, actor=staff)


def test_a_bounce_is_shown_as_such_and_flags_the_authority_address_as_suspect(foi):
    outgoing = _queue(foi)
    send_message(message_pk=outgoing.pk)
    raw = dsn(
        to=foi.address,
        failed="pristup@ministarstvo.gov.rs",
        original_message_id=outgoing.message_id,
    )
    message, _new = receive_message(raw, source="smtp")
    assert message.kind == "bounce" and message.bounce_for == outgoing
    assert message.suggestion == {} and message.suggestion_state == ""
    assert "User unknown" in message.event.note
    authority = Organisation.objects.get(pk=foi.authority.pk)
    assert authority.foi_email_suspect
    assert "pristup@ministarstvo.gov.rs" in authority.foi_email_suspect_reason
    assert "5.1.1" in authority.foi_email_suspect_reason
    outgoing.refresh_from_db()
    assert outgoing.bounced_at is not None


def test_an_auto_reply_is_recorded_without_a_suggestion(foi):
    send_message(message_pk=_queue(foi).pk)
    raw = reply(to=foi.address, subject="Automatski odgovor: odsutan sam", attachments=[])
    message, _new = receive_message(raw, source="imap")
    assert message.kind == "auto_reply" and message.suggestion_state == ""
    assert message.event.note.startswith("Automatic reply")
    assert not Organisation.objects.get(pk=foi.authority.pk).foi_email_suspect


def test_a_dismissed_suggestion_changes_nothing_and_only_editors_dismiss(foi):
    send_message(message_pk=_queue(foi).pk)
    message, _new = receive_message(reply(to=foi.address), source="smtp")
    with pytest.raises(PermissionDenied):
        dismiss_suggestion(message_pk=message.pk, request_id=foi.draft.pk, actor=foi.member)
    dismiss_suggestion(message_pk=message.pk, request_id=foi.draft.pk, actor=foi.editor)
    message.refresh_from_db()
    assert message.suggestion_state == "dismissed" and message.decided_by == foi.editor
    assert InfoRequest.objects.get(pk=foi.draft.pk).status == "sent"
    with pytest.raises(ValidationError):
        dismiss_suggestion(message_pk=message.pk, request_id=foi.draft.pk, actor=foi.editor)
