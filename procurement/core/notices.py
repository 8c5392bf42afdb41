"""In-app notifications as any subject writes them: one row per user, its e-mail deferred as
a row (core.enqueue) for the users who want each e-mail at once.

A notification stores a kind and its facts (`params`, JSON), never text: its subject and body
are rendered from them in the reader's language when it is shown (the in-app list, in the
page's language) or sent (the e-mail, in the recipient's language: `recipient_language`).
The facts are those of the moment it was written (the request's state when the reminder was
sent), so the wording never changes tense afterwards. Templates:
`templates/procurement/notices/<template>.txt` and `<template>_subject.txt`, with the params
as context (dates are ISO strings in the JSON, dates again in the template: keys ending in
`_on`, and `today`; amounts are Decimal strings, Decimals again under `amount`).

Rows written before the facts were stored keep their English text in `subject`/`body`.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from procurement.core.languages import supported
from procurement.models import Notification, User

EMAIL_TASK = "procurement.tasks.email_notification_task"
Delivery = User.Delivery

# kind → the template family that words it
REMINDER_KINDS = frozenset(
    {"due_soon", "overdue", "classified", "appeal_closing", "appeal_decision_overdue"}
)
TEMPLATES = {"status": "status", "membership": "membership"}


@dataclass(frozen=True)
class Message:
    subject: str
    text: str


def to_email_now(notifications: Iterable[Notification]) -> list[int]:
    """The notifications whose users want each email at once (and have an address)."""
    return [
        n.pk
        for n in notifications
        if n.emailed_at is None and n.user.notification_delivery == Delivery.IMMEDIATE
        if n.user.email
    ]


def recipient_language(user: User) -> str:
    """The language a user's e-mails are written in: their choice, else the site's default."""
    return supported(user.language) or settings.LANGUAGE_CODE


def template_for(kind: str) -> str:
    if kind in REMINDER_KINDS:
        return "reminder"
    if kind.startswith("mail_"):
        return "mail"
    return TEMPLATES[kind]


def _decoded(value, key: str = ""):
    """JSON params back into dates and Decimals (by key), recursively."""
    if isinstance(value, dict):
        return {k: _decoded(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_decoded(v, key) for v in value]
    if isinstance(value, str) and value and (key.endswith("_on") or key == "today"):
        return date.fromisoformat(value)
    if isinstance(value, str) and value and key == "amount":
        return Decimal(value)
    return value


def encoded(value):
    """Params made JSON-safe: dates as ISO strings, Decimals as strings (exact)."""
    if isinstance(value, dict):
        return {k: encoded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [encoded(v) for v in value]
    if isinstance(value, date | Decimal):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    return value


def render(notification: Notification, language: str | None = None) -> Message:
    """Subject and plain text of a notification in `language` (the active one by default)."""
    if not notification.params:  # written before the facts were stored: as it was
        return Message(notification.subject, notification.body)
    name = template_for(notification.kind)
    context = {**_decoded(notification.params), "kind": notification.kind}
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        subject = render_to_string(f"procurement/notices/{name}_subject.txt", dict(context))
        text = render_to_string(f"procurement/notices/{name}.txt", dict(context))
    return Message(_DOUBLE_STOP.sub(".", " ".join(subject.split())), _tidy(text))


# A date that ends in a full stop ("18. februar 2026.", "18 февруари 2026 г.") at the end of
# a sentence: one full stop, not two (an ellipsis stays).
_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


def _tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, one full stop after a date that
    ends with one, a final newline."""
    lines: list[str] = []
    for line in (_DOUBLE_STOP.sub(".", line.rstrip()) for line in text.strip().splitlines()):
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines) + "\n"
