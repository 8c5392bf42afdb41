"""An email backend for real worker processes: each message becomes a file in TEST_MAIL_DIR,
so that a test in another process can count what was sent. While a file named HOLD exists
there, a send waits in the middle (after writing a `sending-<pid>` marker) — the moment a
test kills the worker to prove that nothing is lost."""

import email
import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

HOLD = "HOLD"


class DirectoryBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        directory = Path(os.environ["TEST_MAIL_DIR"])
        for message in email_messages:
            hold = directory / HOLD
            if hold.exists():
                (directory / f"sending-{os.getpid()}").write_text(message.subject)
                deadline = time.monotonic() + 300
                while hold.exists() and time.monotonic() < deadline:
                    time.sleep(0.1)
            final = directory / f"{uuid.uuid4().hex}.eml"
            partial = final.with_suffix(".part")
            partial.write_bytes(message.message().as_bytes())
            partial.rename(final)  # atomic: a reader never sees half a message
        return len(email_messages)


def delivered(directory: Path) -> list[email.message.Message]:
    """The messages delivered into `directory` so far."""
    return [email.message_from_bytes(path.read_bytes()) for path in sorted(directory.glob("*.eml"))]
