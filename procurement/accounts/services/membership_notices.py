"""Telling an organisation's admins of every change to who is in it (in-app, and by e-mail to
those who want each at once), stored as the change and its facts: worded in the reader's
language by templates/procurement/notices/membership.txt."""

from django.conf import settings
from django.urls import reverse

from procurement.core import enqueue
from procurement.core.notices import EMAIL_TASK, encoded, to_email_now
from procurement.models import Membership, Notification, Organisation, User


def notify_membership_change(
    organisation: Organisation, actor: User | None, change: str, **facts
) -> list[Notification]:
    """Tell the organisation's admins (except whoever made it) of a change to who is in it —
    an invitation, someone joining, a role changed, a member removed; their e-mails are
    deferred as rows. Call inside the transaction of the change."""
    admins = User.objects.filter(
        is_active=True,
        memberships__organisation=organisation,
        memberships__role=Membership.Role.ADMIN,
    )
    if actor is not None:
        admins = admins.exclude(pk=actor.pk)
    users = list(admins.distinct())
    if not users:
        return []
    params = encoded(
        {
            "change": change,
            "actor": actor.get_username() if actor is not None else "",
            "organisation": organisation.name,
            "link": settings.SITE_URL + reverse("organisation-members", args=[organisation.pk]),
            **facts,
        }
    )
    rows = [Notification(user=user, kind="membership", params=params) for user in users]
    Notification.objects.bulk_create(rows)
    enqueue.defer(EMAIL_TASK, Notification, to_email_now(rows))
    return rows
