"""Telling an organisation's admins of every change to who is in it (in-app, and by e-mail to
those who want each at once)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from procurement.core import enqueue
from procurement.core.notices import EMAIL_TASK, Message, to_email_now
from procurement.models import Membership, Notification, Organisation, User


def _membership_change_text(change: str, facts: dict) -> str:
    role_names = dict(Membership.Role.choices)
    facts = {
        **facts,
        **{key: role_names.get(facts[key], "") for key in ("role", "previous") if key in facts},
    }
    return {
        "invited": _("%(actor)s invited %(email)s as %(role)s."),
        "revoked": _("%(actor)s withdrew the invitation to %(email)s."),
        "joined": _("%(user)s accepted an invitation and joined as %(role)s."),
        "role_changed": _("%(actor)s changed the role of %(user)s from %(previous)s to %(role)s."),
        "removed": _("%(actor)s removed %(user)s (%(role)s)."),
    }[change] % facts


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
    who = actor.get_username() if actor is not None else _("The site's administrators")
    text = _membership_change_text(change, {"actor": who, **facts})
    link = settings.SITE_URL + reverse("organisation-members", args=[organisation.pk])
    message = Message(
        _("Members of %(organisation)s: %(change)s")
        % {"organisation": organisation.name, "change": text},
        text
        + "\n\n"
        + _("If you did not expect this, check the members and invitations at %(link)s.")
        % {"link": link}
        + "\n",
    )
    rows = [
        Notification(user=user, kind="membership", subject=message.subject[:300], body=message.text)
        for user in users
    ]
    Notification.objects.bulk_create(rows)
    enqueue.defer(EMAIL_TASK, Notification, to_email_now(rows))
    return rows
