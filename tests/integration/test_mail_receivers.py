"""The two ways replies come in, each against a real server on this machine: the tracker's
own receiver (`manage.py receive_mail`) spoken to over SMTP and LMTP with smtplib, and IMAP
polling of a private Dovecot (Debian's dovecot-imapd)."""

import smtplib

import pytest

from procurement.foi.selectors.mail import request_address
from procurement.foi.services.mailbox import poll_mailbox
from procurement.models import Document, IncomingMessage, Organisation
from tests.foi import builders
from tests.foi.mail.messages import reply
from tests.mail_servers import PrivateDovecot, Receiver

DOMAIN = "foi.example.org"


@pytest.fixture
def sent_request(transactional_db, reference, media_root, settings):
    settings.FOI_MAIL_DOMAIN = DOMAIN
    org = builders.organisation()
    editor = builders.member(org)
    info_request = builders.draft(org, editor)
    Organisation.objects.filter(pk=info_request.authority_id).update(
        foi_email="pristup@ministarstvo.gov.rs"
    )
    return builders.step(info_request, "sent", builders.timezone_today(), actor=editor)


@pytest.fixture
def receivers(tmp_path, media_root):
    started: list[Receiver] = []

    def start(**options) -> Receiver:
        receiver = Receiver(
            tmp_path, FOI_MAIL_DOMAIN=DOMAIN, MEDIA_ROOT=str(media_root), **options
        ).start()
        started.append(receiver)
        return receiver

    yield start
    for receiver in started:
        receiver.stop()


@pytest.fixture
def dovecot():
    server = PrivateDovecot().start()
    yield server
    server.stop()


def test_the_smtp_receiver_stores_a_reply_once_and_relays_nothing(sent_request, receivers):
    receiver = receivers()
    address = request_address(sent_request.pk)
    raw = reply(to=address, message_id="<smtp-1@ministarstvo.gov.rs>")
    with smtplib.SMTP("127.0.0.1", receiver.port, timeout=30) as smtp:
        assert smtp.sendmail("pisarnica@ministarstvo.gov.rs", [address], raw) == {}
        # delivered again (the MTA retried after a lost answer): stored once
        assert smtp.sendmail("pisarnica@ministarstvo.gov.rs", [address], raw) == {}
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            smtp.sendmail("spammer@example.com", ["victim@example.com"], raw)
        assert refused.value.recipients["victim@example.com"][0] == 550
    message = IncomingMessage.objects.get()  # answered 250 only once committed
    assert message.source == "smtp" and message.request_id == sent_request.pk
    assert message.matched_by == "address"
    assert Document.objects.filter(request=sent_request, event=message.event).count() == 1
    assert message.suggestion["status"] == "answered"


def test_the_lmtp_receiver_stores_what_an_mta_hands_over(sent_request, receivers):
    receiver = receivers(lmtp=True)
    address = request_address(sent_request.pk)
    raw = reply(to=address, message_id="<lmtp-1@ministarstvo.gov.rs>", attachments=[])
    with smtplib.LMTP("127.0.0.1", receiver.port, timeout=30) as lmtp:
        assert lmtp.sendmail("pisarnica@ministarstvo.gov.rs", [address], raw) == {}
    message = IncomingMessage.objects.get()
    assert message.source == "lmtp" and message.request_id == sent_request.pk
    # mail for the domain that matches no request: kept in the holding pen, not refused
    with smtplib.LMTP("127.0.0.1", receiver.port, timeout=30) as lmtp:
        lmtp.sendmail(
            "x@example.com", [f"info@{DOMAIN}"], reply(to=f"info@{DOMAIN}", message_id="<lmtp-2@x>")
        )
    assert IncomingMessage.objects.get(message_id="<lmtp-2@x>").request is None


def test_imap_polling_stores_unread_mail_once_then_marks_it_read(sent_request, dovecot, settings):
    for name, value in dovecot.settings().items():
        setattr(settings, name, value if name != "IMAP_PORT" else int(value))
    settings.IMAP_SSL = False
    address = request_address(sent_request.pk)
    dovecot.deliver(reply(to=address, message_id="<imap-1@ministarstvo.gov.rs>"))
    dovecot.deliver(reply(to=address, message_id="<imap-1@ministarstvo.gov.rs>"))  # a copy
    dovecot.deliver(reply(to=f"unknown@{DOMAIN}", message_id="<imap-2@elsewhere>", attachments=[]))
    assert dovecot.unread() == 3
    assert poll_mailbox() == 2, dovecot.log()
    assert dovecot.unread() == 0
    matched = IncomingMessage.objects.get(message_id="<imap-1@ministarstvo.gov.rs>")
    assert matched.source == "imap" and matched.request_id == sent_request.pk
    assert IncomingMessage.objects.get(message_id="<imap-2@elsewhere>").request is None
    assert poll_mailbox() == 0  # nothing unread: nothing new
    assert IncomingMessage.objects.count() == 2
