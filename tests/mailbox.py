"""An email backend for real worker processes: each message becomes a file in TEST_MAIL_DIR,
so that a test in another process can count what was sent. While a file named HOLD exists
there, a send waits in the middle (after writing a `sending-<pid>` marker) — the moment a
test kills the worker to prove that nothing is lost. While HOLD_AFTER exists, a send waits
after the message was written (a `handed-<pid>` marker): the mail server has it, the worker
has not recorded it yet — the moment a test kills the worker to prove a resend is harmless."""

import email
import email.header
import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

HOLD = "HOLD"
HOLD_AFTER = "HOLD_AFTER"


def _hold(directory: Path, name: str, marker: str, subject: str) -> None:
    hold = directory / name
    if hold.exists():
        (directory / f"{marker}-{os.getpid()}").write_text(subject)
        deadline = time.monotonic() + 300
        while hold.exists() and time.monotonic() < deadline:
            time.sleep(0.1)


class DirectoryBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        directory = Path(os.environ["TEST_MAIL_DIR"])
        for message in email_messages:
            _hold(directory, HOLD, "sending", message.subject)
            final = directory / f"{uuid.uuid4().hex}.eml"
            partial = final.with_suffix(".part")
            partial.write_bytes(message.message().as_bytes())
            partial.rename(final)  # atomic: a reader never sees half a message
            _hold(directory, HOLD_AFTER, "handed", message.subject)
        return len(email_messages)


def _header(message: email.message.Message, name: str) -> str:
    raw = " ".join(str(message[name] or "").split())
    return str(email.header.make_header(email.header.decode_header(raw)))


def delivered(directory: Path) -> list[dict[str, str]]:
    """The messages delivered into `directory` so far: To, Subject (decoded), Message-ID and
    the text."""
    messages = []
    for path in sorted(directory.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes())
        text = next(
            (
                part.get_payload(decode=True).decode("utf-8")
                for part in message.walk()
                if part.get_content_type() == "text/plain"
            ),
            "",
        )
        messages.append(
            {
                "To": _header(message, "To"),
                "Subject": _header(message, "Subject"),
                "Message-ID": _header(message, "Message-ID"),
                "text": text,
            }
        )
    return messages
