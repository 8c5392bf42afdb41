"""Reading a received e-mail (pure): its identity, addresses, text, attachments, and whether it
is a reply written by a person, a bounce (a delivery status notification) or an auto-reply.

Nothing here trusts the message: headers that do not parse are left out, HTML is turned into
plain text (scripts, styles and markup dropped, never rendered), and every size is bounded.
"""

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from html.parser import HTMLParser

from procurement.core.folding import fold

TEXT_MAX = 100_000
SUBJECT_MAX = 500
HEADER_MAX = 5000


@dataclass(frozen=True)
class Attachment:
    name: str
    content: bytes
    content_type: str


@dataclass(frozen=True)
class Bounce:
    """What a delivery status notification says about the message it returns."""

    recipient: str
    status: str
    detail: str
    original_message_id: str


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str
    in_reply_to: list[str]
    references: list[str]
    from_name: str
    from_address: str
    recipients: list[str]  # To, Cc, Delivered-To, X-Original-To, Envelope-To (lower case)
    subject: str
    date: datetime | None
    text: str
    attachments: list[Attachment] = field(default_factory=list)
    kind: str = "reply"  # "reply", "bounce" or "auto_reply"
    bounce: Bounce | None = None


# --- identity ---------------------------------------------------------------------------------

_MESSAGE_ID = re.compile(r"<[^<>\s]{1,490}>")


def message_ids(value: str) -> list[str]:
    """The <message-id>s in a header value, in order, without repeats."""
    seen: dict[str, None] = {}
    for found in _MESSAGE_ID.findall(value or ""):
        seen.setdefault(found, None)
    return list(seen)


def fallback_message_id(raw: bytes) -> str:
    """A Message-ID for a message without one: the same bytes always get the same id."""
    return f"<{hashlib.sha256(raw).hexdigest()}@no-message-id.invalid>"


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # a header the policy cannot parse: treated as absent
        return ""
    return str(value or "")[:HEADER_MAX]


def _addresses(message: Message, *names: str) -> list[str]:
    values = []
    for name in names:
        try:
            values += [str(value) for value in message.get_all(name) or []]
        except Exception:  # noqa: S112 - an address header that does not parse is left out
            continue
    return [address.lower() for _name, address in getaddresses(values) if "@" in address]


def _date(message: Message) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(_header(message, "Date"))
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed and parsed.tzinfo else None


# --- text -------------------------------------------------------------------------------------

_BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table"}
_SKIP = {"script", "style", "head", "title", "noscript", "template"}


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n- " if tag == "li" else "\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The readable text of an HTML body: no markup, scripts or styles; one blank line at most."""
    parser = _TextOfHtml()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: S110 - broken markup: what was read so far is kept
        pass
    return tidy_text("".join(parser.parts))


def tidy_text(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy).strip()[:TEXT_MAX]


def _content(part: Message) -> str:
    try:
        content = part.get_content()
    except Exception:
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace")
    return content if isinstance(content, str) else ""


def _is_attachment(part: Message) -> bool:
    if part.is_multipart():
        return False
    disposition = (part.get_content_disposition() or "").lower()
    if disposition == "attachment":
        return True
    return bool(part.get_filename()) and part.get_content_maintype() not in ("text", "multipart")


def _body_text(message: Message) -> str:
    plain = html = ""
    for part in message.walk():
        if part.is_multipart() or _is_attachment(part):
            continue
        if part.get_content_type() == "text/plain" and not plain:
            plain = _content(part)
        elif part.get_content_type() == "text/html" and not html:
            html = _content(part)
    return tidy_text(plain) if plain.strip() else html_to_text(html)


def _attachments(message: Message) -> list[Attachment]:
    found = []
    for index, part in enumerate(message.walk()):
        if part.get_content_type() == "message/rfc822" and index:
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            if isinstance(inner, Message):
                found.append(Attachment(f"message-{index}.eml", inner.as_bytes(), "message/rfc822"))
            continue
        if not _is_attachment(part):
            continue
        content = part.get_payload(decode=True) or b""
        name = (part.get_filename() or f"attachment-{index}").strip()
        found.append(Attachment(name[:255], content, part.get_content_type()))
    return found


# --- bounces and auto-replies -------------------------------------------------------------------

_AUTO_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Autoresponder")
# Subjects of vacation and out-of-office replies, folded (both scripts, no diacritics).
_AUTO_SUBJECTS = re.compile(
    r"\b(out of (the )?office|automatic reply|auto ?reply|autoresponse|away from|vacation"
    r"|abwesenheit|automatski odgovor|avtomatski odgovor|odsutan|odsutna|odsustvo"
    r"|van kancelarije|izvan ureda|nisam u kancelariji|godisnji odmor|nadvor od kancelarija"
    r"|otsuten|otsutna|pergjigje automatike|pergjigja automatike|jashte zyres|ne pushim)\b"
)
_BOUNCE_SUBJECTS = re.compile(
    r"\b(undeliver|undelivered|delivery status notification|delivery failure|mail delivery "
    r"failed|returned mail|failure notice|delivery has failed|nedostavljen|nedostavljiv"
    r"|isporuka nije uspela|dostava nije uspjela)"
)
_DAEMONS = ("mailer-daemon", "postmaster", "mail-daemon")


def _dsn(message: Message, subject_bounce: bool) -> Bounce | None:
    """The failed recipient of a delivery status notification (RFC 3464), if it reports one."""
    if message.get_content_type() != "multipart/report":
        return None
    recipient = status = detail = ""
    failed = False
    original = ""
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            for block in part.get_payload() if isinstance(part.get_payload(), list) else []:
                action = str(block.get("Action", "")).strip().lower()
                if action == "failed":
                    failed = True
                    recipient = parseaddr(str(block.get("Final-Recipient", "")).split(";")[-1])[1]
                    status = str(block.get("Status", "")).strip()[:20]
                    detail = " ".join(str(block.get("Diagnostic-Code", "")).split())[:400]
        elif kind in ("text/rfc822-headers", "message/rfc822") and not original:
            headers = part.get_payload()
            if isinstance(headers, list) and headers:
                original = _header(headers[0], "Message-ID")
            elif isinstance(headers, Message):
                original = _header(headers, "Message-ID")
            else:
                text = _content(part)
                match = re.search(r"(?im)^message-id:\s*(<[^>]+>)", text)
                original = match.group(1) if match else ""
    if not failed and not subject_bounce:
        return None
    ids = message_ids(original)
    return Bounce(recipient.lower(), status, detail, ids[0] if ids else "")


def _plain_bounce(message: Message, from_address: str, subject: str) -> Bounce | None:
    """A non-standard bounce: a mail daemon's "undeliverable" with X-Failed-Recipients."""
    local = from_address.partition("@")[0]
    failed = _addresses(message, "X-Failed-Recipients")
    if not (failed or (local in _DAEMONS and _BOUNCE_SUBJECTS.search(subject))):
        return None
    text = _body_text(message)
    match = re.search(r"(?im)^message-id:\s*(<[^>]+>)", text)
    status = re.search(r"\b([45]\.\d{1,3}\.\d{1,3})\b", text)
    return Bounce(
        failed[0] if failed else "",
        status.group(1) if status else "",
        " ".join(text.split())[:400],
        match.group(1) if match else "",
    )


def classify(message: Message, from_address: str, subject: str) -> tuple[str, Bounce | None]:
    """("bounce", details) for a delivery failure, ("auto_reply", None) for a message a
    machine sent on a person's behalf (Auto-Submitted, X-Autoreply, a vacation subject, a
    delay notice), else ("reply", None)."""
    folded_subject = fold(subject)
    subject_bounce = bool(_BOUNCE_SUBJECTS.search(folded_subject))
    bounce = _dsn(message, subject_bounce) or _plain_bounce(message, from_address, folded_subject)
    if bounce is not None:
        return "bounce", bounce
    if message.get_content_type() == "multipart/report":
        return "auto_reply", None  # a delay or success notice: automatic, not a failure
    auto = _header(message, "Auto-Submitted").strip().lower()
    if auto and auto != "no":
        return "auto_reply", None
    if any(_header(message, name) for name in _AUTO_HEADERS):
        return "auto_reply", None
    if _header(message, "Precedence").strip().lower() == "auto_reply":
        return "auto_reply", None
    if _AUTO_SUBJECTS.search(folded_subject):
        return "auto_reply", None
    return "reply", None


# --- the whole message ---------------------------------------------------------------------------


def parse_message(raw: bytes) -> ParsedMessage:
    """Everything the tracker reads from a received message's bytes."""
    message: EmailMessage = email.message_from_bytes(raw, policy=email.policy.default)
    ids = message_ids(_header(message, "Message-ID"))
    from_name, from_address = parseaddr(_header(message, "From"))
    try:
        address = Address(addr_spec=from_address) if from_address else None
        from_address = address.addr_spec.lower() if address else ""
    except (ValueError, IndexError):
        from_address = from_address.lower()
    subject = " ".join(_header(message, "Subject").split())[:SUBJECT_MAX]
    kind, bounce = classify(message, from_address, subject)
    return ParsedMessage(
        message_id=ids[0] if ids else fallback_message_id(raw),
        in_reply_to=message_ids(_header(message, "In-Reply-To")),
        references=message_ids(_header(message, "References")),
        from_name=from_name[:300],
        from_address=from_address[:320],
        recipients=_addresses(
            message, "To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "Resent-To"
        ),
        subject=subject,
        date=_date(message),
        text=_body_text(message),
        attachments=[] if kind == "bounce" else _attachments(message),
        kind=kind,
        bounce=bounce,
    )
