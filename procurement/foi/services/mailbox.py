"""IMAP polling (Froide's way): a mailbox at any provider that receives the FOI mail domain's
messages; beat runs `poll_mailbox` every IMAP_POLL_SECONDS.

Each unread message is fetched without marking it read (BODY.PEEK), stored and filed by
`mail_in.receive_message` (committed), and only then marked read or moved to
IMAP_DONE_FOLDER. A poll that dies half-way leaves the rest unread for the next one, and a
message fetched twice is stored once (by its Message-ID): nothing is lost, nothing doubled.
"""

import imaplib
import logging

from django.conf import settings

from procurement.foi.services.mail_in import receive_message
from procurement.models import IncomingMessage

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 30


def connect() -> imaplib.IMAP4:
    """A signed-in connection to the configured mailbox (TLS unless IMAP_SSL is off)."""
    kind = imaplib.IMAP4_SSL if settings.IMAP_SSL else imaplib.IMAP4
    imap = kind(settings.IMAP_HOST, settings.IMAP_PORT, timeout=TIMEOUT_SECONDS)
    imap.login(settings.IMAP_USER, settings.IMAP_PASSWORD)
    return imap


def _done(imap: imaplib.IMAP4, uid: bytes) -> None:
    if settings.IMAP_DONE_FOLDER:
        status, _data = imap.uid("COPY", uid, settings.IMAP_DONE_FOLDER)
        if status == "OK":
            imap.uid("STORE", uid, "+FLAGS", "(\\Deleted \\Seen)")
            return
        log.warning("could not move message %s to %s", uid, settings.IMAP_DONE_FOLDER)
    imap.uid("STORE", uid, "+FLAGS", "(\\Seen)")


def poll_mailbox() -> int:
    """Store every unread message of IMAP_FOLDER, then mark it read (or move it); returns
    how many new messages were stored. Does nothing unless IMAP_HOST is set."""
    if not settings.IMAP_HOST:
        return 0
    stored = 0
    imap = connect()
    try:
        status, _data = imap.select(settings.IMAP_FOLDER)
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot open the folder {settings.IMAP_FOLDER!r}")
        _status, found = imap.uid("SEARCH", None, "UNSEEN")
        for uid in (found[0] or b"").split():
            _status, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((part[1] for part in fetched if isinstance(part, tuple)), None)
            if raw is None:
                continue
            if len(raw) > settings.MAIL_MAX_BYTES:
                log.warning(
                    "message %s is %d bytes, over MAIL_MAX_BYTES: left unread", uid, len(raw)
                )
                continue
            _message, new = receive_message(raw, source=IncomingMessage.Source.IMAP)
            stored += new
            _done(imap, uid)
        if settings.IMAP_DONE_FOLDER:
            imap.expunge()
        imap.close()
    finally:
        try:
            imap.logout()
        except (imaplib.IMAP4.error, OSError):
            log.debug("IMAP logout failed", exc_info=True)
    return stored
