"""Organisations as their members see them: who is in them, with what role, who is invited."""

import hashlib

from django.db.models import QuerySet
from django.utils import timezone

from procurement.core.collation import by_name
from procurement.models import Invitation, Membership, Organisation


def memberships_of(user) -> QuerySet[Membership]:
    """The user's organisations with their role in each, by name."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by(by_name("organisation__name"), "pk")
    )


def members_page(organisation_id: int) -> tuple[Organisation, list[Membership], list[Invitation]]:
    """An organisation, its members (admins first) and its open invitations."""
    organisation = Organisation.objects.get(pk=organisation_id)
    members = list(organisation.memberships.select_related("user").order_by("user__username"))
    rank = {Membership.Role.ADMIN: 0, Membership.Role.EDITOR: 1, Membership.Role.MEMBER: 2}
    members.sort(key=lambda m: rank[m.role])
    invitations = list(
        organisation.invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        ).select_related("invited_by")
    )
    return organisation, members, invitations


def token_hash(token: str) -> str:
    """What the database keeps of an invitation link's secret: its SHA-256."""
    return hashlib.sha256((token or "").encode()).hexdigest()


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation whose link holds this secret."""
    return (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=token_hash(token))
        .first()
    )
