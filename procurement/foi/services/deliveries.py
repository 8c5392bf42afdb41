"""Retrying deliveries given up after DELIVERY_MAX_ATTEMPTS, from the workspace or the admin.

Editors of the requesting organisation retry its reminders and e-mails; organisation admins
retry its invitations. Anything else in the ids is ignored, exactly like a row that does not
exist, so nobody learns about another organisation's rows.
"""

from collections.abc import Iterable

from procurement.accounts.services.memberships import retry_invitations
from procurement.core import permissions
from procurement.foi.services.mail_out import retry_messages
from procurement.foi.services.notifications import retry_emails
from procurement.foi.services.reminders import retry_reminders
from procurement.models import Invitation, Notification, OutgoingMessage, Reminder, User


def retry_failed(
    *,
    actor: User,
    reminder_ids: Iterable[int] = (),
    notification_ids: Iterable[int] = (),
    invitation_ids: Iterable[int] = (),
    message_ids: Iterable[int] = (),
) -> int:
    """Take the actor's organisations' failed reminders, e-mails, invitations and messages to
    authorities back: a
    fresh budget of attempts each, published now. Returns how many rows were retried."""
    editing = permissions.organisation_ids(actor, permissions.Role.EDITOR)
    administering = permissions.organisation_ids(actor, permissions.Role.ADMIN)
    retried = retry_reminders(
        Reminder.objects.filter(
            pk__in=list(reminder_ids), request__requester_organisation_id__in=editing
        )
    )
    retried += retry_emails(
        Notification.objects.filter(
            pk__in=list(notification_ids), request__requester_organisation_id__in=editing
        )
    )
    retried += retry_messages(
        OutgoingMessage.objects.filter(
            pk__in=list(message_ids), request__requester_organisation_id__in=editing
        )
    )
    retried += retry_invitations(
        Invitation.objects.filter(pk__in=list(invitation_ids), organisation_id__in=administering)
    )
    return retried
