"""In-app notifications as any subject writes them: one row per user, its e-mail deferred as
a row (core.enqueue) for the users who want each e-mail at once."""

from collections.abc import Iterable
from dataclasses import dataclass

from procurement.models import Notification, User

EMAIL_TASK = "procurement.tasks.email_notification_task"
Delivery = User.Delivery


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
