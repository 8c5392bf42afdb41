"""Raw e-mails as authorities' mail servers send them: replies with attachments, HTML-only
replies, delivery status notifications, non-standard bounces and auto-replies."""

from email.message import EmailMessage
from email.utils import format_datetime

from django.utils import timezone

from tests.uploads import PDF


def reply(
    *,
    to: str,
    text: str = "Poštovani, u prilogu dostavljamo tražene informacije.",
    subject: str = "Re: Zahtev za pristup informacijama",
    sender: str = "pisarnica@ministarstvo.gov.rs",
    message_id: str = "<reply-1@ministarstvo.gov.rs>",
    in_reply_to: str = "",
    attachments: list[tuple[str, bytes, str]] | None = None,
    html: str = "",
    headers: dict[str, str] | None = None,
    date=None,
) -> bytes:
    message = EmailMessage()
    message["From"] = f"Pisarnica <{sender}>"
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(date or timezone.now())
    if message_id:
        message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    for name, value in (headers or {}).items():
        message[name] = value
    if text:
        message.set_content(text)
    if html:
        if text:
            message.add_alternative(html, subtype="html")
        else:
            message.set_content(html, subtype="html")
    for name, content, mime in (
        attachments if attachments is not None else [("odgovor.pdf", PDF, "application/pdf")]
    ):
        maintype, subtype = mime.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))  # as on the wire


def dsn(*, to: str, failed: str, original_message_id: str, status: str = "5.1.1") -> bytes:
    """A delivery status notification (RFC 3464) as Postfix sends it."""
    return f"""From: MAILER-DAEMON@mx.gov.rs (Mail Delivery System)
To: {to}
Subject: Undelivered Mail Returned to Sender
Date: {format_datetime(timezone.now())}
Message-ID: <bounce-{status}@mx.gov.rs>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.gov.rs. Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.gov.rs

Final-Recipient: rfc822; {failed}
Original-Recipient: rfc822;{failed}
Action: failed
Status: {status}
Diagnostic-Code: smtp; 550 5.1.1 <{failed}>: Recipient address rejected: User unknown

--B
Content-Type: text/rfc822-headers

From: Demo <{to}>
To: {failed}
Subject: Zahtev
Message-ID: {original_message_id}

--B--
""".replace("\n", "\r\n").encode()
