"""Done when: a request is e-mailed to a test authority through a real SMTP server on this
machine (aiosmtpd, refusing at first: nothing is lost, the sweep sends it later), the
authority replies through the tracker's receiver (SMTP) and through an IMAP mailbox
(Dovecot) polled by beat, the reply shows on the request with its attachment and suggested
status, the editor confirms it, and an unknown reply lands in the holding pen.

Real processes throughout: a Celery worker and beat (intervals shortened through the
environment), `manage.py receive_mail`, Dovecot, aiosmtpd. Nothing is swept or polled by
calling a function in the test process."""

import email
import smtplib

import pytest
from django.urls import reverse
from django.utils import timezone

from procurement.models import (
    Document,
    IncomingMessage,
    InfoRequest,
    Organisation,
    OutgoingMessage,
)
from tests.factories import UserFactory
from tests.foi import builders
from tests.foi.mail.messages import reply
from tests.mail_servers import PrivateDovecot, Receiver
from tests.processes import wait_until
from tests.smtp_server import FlakySmtp
from tests.uploads import PDF

pytestmark = pytest.mark.celery_worker

DOMAIN = "foi.example.org"
AUTHORITY = "pristup@ministarstvo-test.gov.rs"
FAST = {
    "REMINDER_SWEEP_MINUTES": "0.02",  # a sweep every 1.2 s
    "REMINDER_REDELIVER_MINUTES": "0.1",
    "DELIVERY_BACKOFF_SECONDS": "1",
    "DELIVERY_MAX_ATTEMPTS": "8",
    "IMAP_POLL_SECONDS": "1",
}
CLASSIFIED_REPLY = (
    "Poštovani,\n\nRešenjem se vaš zahtev odbija jer su traženi ugovori označeni stepenom "
    "tajnosti STROGO POVERLJIVO u skladu sa članom 9. stav 1 Zakona o tajnosti podataka.\n"
    "U prilogu dostavljamo rešenje."
)


@pytest.fixture
def smtp():
    server = FlakySmtp()
    server.controller.start()
    yield server
    server.controller.stop()


@pytest.fixture
def dovecot():
    server = PrivateDovecot().start()
    yield server
    server.stop()


def test_send_reply_by_smtp_and_imap_confirm_and_the_holding_pen(
    start_celery, smtp, dovecot, reference, media_root, settings, client, tmp_path
):
    settings.FOI_MAIL_DOMAIN = DOMAIN
    org = builders.organisation()
    editor = builders.member(org)
    draft = builders.draft(org, editor, subject="Safe City camera contracts")
    Organisation.objects.filter(pk=draft.authority_id).update(foi_email=AUTHORITY)
    env = {
        **FAST,
        **dovecot.settings(),
        "FOI_MAIL_DOMAIN": DOMAIN,
        "MEDIA_ROOT": str(media_root),
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.controller.port}",
    }
    smtp.refuse_all = True  # the mail server is down when the editor presses "Send"
    start_celery("worker", "--concurrency=1", **env)
    start_celery("beat", **env)
    receiver = Receiver(tmp_path, FOI_MAIL_DOMAIN=DOMAIN, MEDIA_ROOT=str(media_root)).start()
    try:
        _run(client, smtp, dovecot, receiver, editor, draft)
    finally:
        receiver.stop()


def _run(client, smtp, dovecot, receiver, editor, draft):
    # 1. The editor sends the request from the tracker; SMTP refuses: nothing is lost.
    client.force_login(editor)
    send_url = reverse("workspace-request-send", args=[draft.pk])
    form = client.get(send_url).content.decode()
    assert AUTHORITY in form
    response = client.post(
        send_url,
        {
            "kind": "request",
            "language": "en",
            "to": AUTHORITY,
            "subject": "Request for access to information: camera contracts",
            "body": "Under the Law on Free Access to Information, please send the contracts.",
        },
    )
    assert response.status_code == 302
    outgoing = OutgoingMessage.objects.get(request=draft)
    wait_until(
        lambda: OutgoingMessage.objects.filter(pk=outgoing.pk, attempts__gte=2),
        60,
        what="two refused attempts recorded on the row",
    )
    outgoing.refresh_from_db()
    assert "451" in outgoing.last_error and outgoing.sent_at is None
    assert InfoRequest.objects.get(pk=draft.pk).status == "draft"  # not sent yet
    assert not smtp.accepted

    # 2. The mail server is back: beat's sweep sends it, once, with its Message-ID.
    smtp.refuse_all = False
    wait_until(
        lambda: OutgoingMessage.objects.filter(pk=outgoing.pk, sent_at__isnull=False),
        60,
        what="the request e-mailed after SMTP came back",
    )
    assert smtp.message_ids(AUTHORITY) == [outgoing.message_id]
    [envelope] = [e for e in smtp.accepted if AUTHORITY in e.rcpt_tos]
    sent = email.message_from_bytes(envelope.original_content)
    request_address = outgoing.from_address
    assert envelope.mail_from == request_address  # bounces come back to the request
    assert request_address in sent["From"] and sent["To"] == AUTHORITY
    assert sent["Cc"] is None and sent["Bcc"] is None
    info_request = InfoRequest.objects.get(pk=draft.pk)
    today = timezone.localdate()
    assert (info_request.status, info_request.sent_on, info_request.received_on) == (
        "sent",
        today,
        today,
    )
    assert info_request.due_on and "Sent by e-mail on" in info_request.deadline_explanation
    sent_event = info_request.events.get(to_status="sent")
    assert sent_event.data["message_id"] == outgoing.message_id

    # 3. The authority replies through the tracker's receiver (SMTP), with the decision.
    answer = reply(
        to=request_address,
        text=CLASSIFIED_REPLY,
        message_id="<decision-1@ministarstvo-test.gov.rs>",
        in_reply_to=outgoing.message_id,
        attachments=[("resenje-07-123.pdf", PDF, "application/pdf")],
    )
    with smtplib.SMTP("127.0.0.1", receiver.port, timeout=30) as connection:
        assert connection.sendmail(AUTHORITY, [request_address], answer) == {}
    decision = IncomingMessage.objects.get(message_id="<decision-1@ministarstvo-test.gov.rs>")
    assert decision.request_id == draft.pk and decision.source == "smtp"

    # 4. A second reply, only threaded by In-Reply-To, arrives in the IMAP mailbox; beat polls
    # it. The same decision delivered there too is stored once; an unknown one is held.
    dovecot.deliver(
        reply(
            to=f"mailbox@{DOMAIN}",
            text="Dostavljamo i dopis uz rešenje.",
            message_id="<letter-2@ministarstvo-test.gov.rs>",
            in_reply_to=outgoing.message_id,
            attachments=[],
        )
    )
    dovecot.deliver(answer)
    dovecot.deliver(
        reply(
            to=f"info@{DOMAIN}",
            subject="Pitanje građanina",
            message_id="<unknown-3@example.org>",
            attachments=[],
        )
    )
    wait_until(lambda: dovecot.unread() == 0, 60, what="beat polling the IMAP mailbox")
    letter = IncomingMessage.objects.get(message_id="<letter-2@ministarstvo-test.gov.rs>")
    assert letter.source == "imap" and letter.request_id == draft.pk
    assert letter.matched_by == "headers"
    assert IncomingMessage.objects.filter(message_id=decision.message_id).count() == 1
    held = IncomingMessage.objects.get(message_id="<unknown-3@example.org>")
    assert held.request is None

    # 5. The editor sees the reply with its attachment and the suggested status …
    detail = client.get(reverse("workspace-request-detail", args=[draft.pk])).content.decode()
    assert "suggested status to confirm" in detail
    page = client.get(reverse("workspace-request-message", args=[draft.pk, decision.pk]))
    html = page.content.decode()
    document = Document.objects.get(request=draft, event=decision.event)
    assert "resenje-07-123.pdf" in html and reverse("document-download", args=[document.pk]) in html
    assert "refused as classified" in html and "STROGO POVERLJIVO" in html
    assert "Check and confirm" in html
    download = client.get(reverse("document-download", args=[document.pk]))
    assert b"".join(download.streaming_content) == PDF

    # … and confirms it: the status changes only now, by a person.
    assert InfoRequest.objects.get(pk=draft.pk).status == "sent"
    record = reverse("workspace-request-record", args=[draft.pk, "classified"])
    prefilled = client.get(f"{record}?message={decision.pk}").content.decode()
    assert "članom 9. stav 1" in prefilled  # the article as the decision cites it
    response = client.post(
        record,
        {
            "message": decision.pk,
            "on": today.isoformat(),
            "classification_level": "STROGO POVERLJIVO",
            "classification_article": "član 9. stav 1",
            "harm_test_given": "no",
        },
    )
    assert response.status_code == 302
    info_request = InfoRequest.objects.get(pk=draft.pk)
    assert info_request.status == "classified"
    assert info_request.classification_level == "STROGO POVERLJIVO"
    decision.refresh_from_db()
    assert decision.suggestion_state == "confirmed" and decision.decided_by == editor

    # 6. Staff see the unknown reply in the holding pen; the editor cannot.
    assert client.get(reverse("mail-holding-pen")).status_code == 403
    client.force_login(UserFactory(is_staff=True))
    pen = client.get(reverse("mail-holding-pen")).content.decode()
    assert "Pitanje građanina" in pen
    assert receiver.process.poll() is None, receiver.log()
