"""E-mail as the tracker hands it over: a Message-ID of its own choosing, the same on a resend."""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives


def stable_message_id(kind: str, pk: int, created: datetime) -> str:
    """The Message-ID of every e-mail of one row, the same on a resend (so a mail client
    shows a duplicate once): the row's kind, id and creation time, at the site's host."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{kind}.{pk}.{created:%Y%m%d%H%M%S}@{host}>"


def send_email(to: str, subject: str, text: str, html: str = "", *, message_id: str) -> None:
    """Hand one e-mail to the mail backend with a Message-ID of our choosing."""
    email = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers={"Message-ID": message_id}
    )
    if html:
        email.attach_alternative(html, "text/html")
    email.send()
