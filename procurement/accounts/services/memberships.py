"""Organisation membership: invitations by email link, roles, removal. Every change is
audited and told to the organisation's admins (in-app and by e-mail, after commit).

An organisation always keeps at least one organisation admin, so that someone can still
invite and remove members. Invitations work once, until they expire or are revoked, and only
for the address they were sent to: the link proves that its holder reads that mailbox, so it
is accepted by the account with that e-mail address or by a new account created with it.
The link's secret is never stored (an HMAC of a stored nonce under SECRET_KEY, found by its
SHA-256), so neither the database nor the admin can show it. Organisation admins invite;
staff, who are not members, invite only an organisation's first admin.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from procurement.accounts.selectors import token_hash
from procurement.accounts.services.membership_notices import notify_membership_change
from procurement.core import enqueue, permissions
from procurement.core.audit import record_audit
from procurement.core.mail import send_email, stable_message_id
from procurement.models import Invitation, Membership, Organisation, User
from procurement.models.parties import new_feed_token

Role = Membership.Role
INVITATION_TASK = "procurement.tasks.send_invitation_task"
_LINK_SALT = "procurement.invitation"


def invitation_token(invitation: Invitation) -> str:
    """The secret of the invitation's link, derived from its nonce under SECRET_KEY."""
    return salted_hmac(_LINK_SALT, invitation.token_nonce, algorithm="sha256").hexdigest()


def _new_secret(invitation: Invitation) -> None:
    invitation.token_nonce = new_feed_token()
    invitation.token_hash = token_hash(invitation_token(invitation))


def same_address(first: str, second: str) -> bool:
    return bool(first) and first.strip().lower() == second.strip().lower()


def invitation_state(invitation: Invitation, now=None) -> str:
    """open, accepted, revoked or expired."""
    if invitation.accepted_at:
        return "accepted"
    if invitation.revoked_at:
        return "revoked"
    if invitation.expires_at <= (now or timezone.now()):
        return "expired"
    return "open"


def _require_admin(actor: User, organisation_id: int) -> None:
    if not permissions.can_administer_organisation(actor, organisation_id):
        raise PermissionDenied(_("Only the organisation's admins may manage its members."))


def _locked_organisation(organisation_id: int) -> Organisation:
    # One membership change per organisation at a time: the last-admin rule reads, then writes.
    return Organisation.objects.select_for_update().get(pk=organisation_id)


@transaction.atomic
def invite_member(*, organisation_id: int, email: str, role: str, actor: User) -> Invitation:
    """An organisation admin (or staff, for its first admin) invites someone by email; the
    link is valid for INVITATION_VALID_DAYS days and is sent after the invitation is saved."""
    if not permissions.can_invite_to_organisation(actor, organisation_id):
        raise PermissionDenied(
            _("Only the organisation's admins may invite; staff only invite its first admin.")
        )
    organisation = _locked_organisation(organisation_id)
    if organisation.kind != Organisation.Kind.CIVIL_SOCIETY:
        raise ValidationError(_("Only civil-society organisations have members."))
    if role not in Role.values:
        raise ValidationError(_("Choose a role: member, editor or organisation admin."))
    email = email.strip().lower()
    if same_address(actor.email, email):
        raise ValidationError(_("You cannot invite yourself."))
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(_("%(email)s is already a member.") % {"email": email})
    now = timezone.now()
    pending = organisation.invitations.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    )
    if pending.exists():
        raise ValidationError(
            _("%(email)s already has an open invitation; revoke it to send a new one.")
            % {"email": email}
        )
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=actor,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    _new_secret(invitation)
    invitation.save()
    record_audit("invitation.created", actor=actor, subject=invitation, email=email, role=role)
    notify_membership_change(organisation, actor, "invited", email=email, role=role)
    enqueue.defer(INVITATION_TASK, Invitation, [invitation.pk])
    return invitation


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("invitation-accept", args=[invitation_token(invitation)])


def _claim_invitation(invitation_id: int, now) -> Invitation | None:
    """Lock the invitation, decide whether its e-mail is owed now (open, not sent, not given
    up, no attempt in flight) and record the attempt, committed before the hand-off."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("organisation", "invited_by")
            .filter(pk=invitation_id, sent_at__isnull=True, failed_at__isnull=True)
            .first()
        )
        if invitation is None or invitation_state(invitation, now) != "open":
            return None
        if enqueue.in_flight(invitation, now):
            return None
        enqueue.begin_attempt(invitation, now)
    return invitation


def send_invitation(invitation_id: int) -> bool:
    """Email the invitation link, unless it was accepted, revoked or expired meanwhile; an
    error is recorded on the invitation and tried again after a backoff."""
    now = timezone.now()
    invitation = _claim_invitation(invitation_id, now)
    if invitation is None:
        return False
    if not invitation.token_nonce:  # made before secrets were derived: give it one now
        _new_secret(invitation)
        invitation.save(update_fields=["token_nonce", "token_hash"])
    context = {"invitation": invitation, "url": invitation_url(invitation)}
    try:
        send_email(
            invitation.email,
            render_to_string("procurement/email/invitation_subject.txt", context).strip(),
            render_to_string("procurement/email/invitation.txt", context),
            message_id=stable_message_id("invitation", invitation.pk, invitation.created_at),
        )
    except Exception as error:  # SMTP refused or unreachable: on the row, retried later
        enqueue.record_failure(Invitation, invitation.pk, error, timezone.now())
        return False
    enqueue.record_success(Invitation, invitation.pk, timezone.now(), sent_at=now)
    record_audit("invitation.sent", subject=invitation, email=invitation.email)
    return True


def owed_invitations(now):
    """Open invitations whose e-mail has not gone out and was not given up."""
    return Invitation.objects.filter(
        sent_at__isnull=True,
        failed_at__isnull=True,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
    )


def sweep_invitations(*, now=None) -> int:
    """Publish the e-mail task of open invitations still unsent after their grace (the broker
    was down, a worker died) or whose backoff has run out."""
    now = now or timezone.now()
    return enqueue.republish_owed(INVITATION_TASK, owed_invitations(now), now=now)


def retry_invitations(queryset) -> int:
    """Take given-up invitation e-mails back: a fresh budget of attempts, published now."""
    return enqueue.retry_now(INVITATION_TASK, queryset)


@transaction.atomic
def revoke_invitation(*, invitation_id: int, actor: User) -> Invitation:
    """An organisation admin withdraws an invitation not yet accepted; its link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
    _require_admin(actor, invitation.organisation_id)
    if invitation_state(invitation) != "open":
        raise ValidationError(_("This invitation is no longer open."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record_audit("invitation.revoked", actor=actor, subject=invitation, email=invitation.email)
    notify_membership_change(invitation.organisation, actor, "revoked", email=invitation.email)
    return invitation


def _open_invitation(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update().filter(token_hash=token_hash(token or "")).first()
    )
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."))
    state = invitation_state(invitation)
    if state != "open":
        messages = {
            "accepted": _("This invitation has already been accepted."),
            "revoked": _("This invitation was withdrawn by the organisation."),
            "expired": _("This invitation has expired; ask the organisation for a new one."),
        }
        raise ValidationError(messages[state])
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, user: User) -> Membership:
    """The account the invitation was sent to joins the organisation with the invited role;
    the link is used up. Any other account is refused, whoever holds the link."""
    invitation = _open_invitation(token)
    if not same_address(user.email, invitation.email):
        raise ValidationError(
            _(
                "This invitation was sent to another e-mail address. Sign in with the account "
                "that has that address, or sign out and create an account with it."
            )
        )
    if Membership.objects.filter(user=user, organisation_id=invitation.organisation_id).exists():
        raise ValidationError(_("You are already a member of this organisation."))
    membership = Membership.objects.create(
        user=user, organisation_id=invitation.organisation_id, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    permissions.forget_roles(user)
    _audit_membership(
        "membership.added", membership, user, role=membership.role, invitation=invitation.pk
    )
    notify_membership_change(
        invitation.organisation, user, "joined", user=user.get_username(), role=membership.role
    )
    return membership


@transaction.atomic
def register_and_accept(*, token: str, username: str, password: str) -> User:
    """Someone without an account accepts: the account is created with the invited email."""
    invitation = _open_invitation(token)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("That username is taken; choose another."))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("An account with this email exists: sign in to accept."))
    user = User(username=username, email=invitation.email)
    user.set_password(password)
    user.save()
    record_audit("account.created", actor=user, subject=user, invitation=invitation.pk)
    accept_invitation(token=token, user=user)
    return user


def _membership_for_admin(membership_id: int, actor: User) -> tuple[Membership, Organisation]:
    """The membership, its organisation locked, once the actor is found to administer it."""
    membership = Membership.objects.select_related("user").get(pk=membership_id)
    _require_admin(actor, membership.organisation_id)
    organisation = _locked_organisation(membership.organisation_id)
    membership.refresh_from_db(fields=["role"])
    return membership, organisation


def _keep_an_admin(organisation: Organisation, membership: Membership) -> None:
    others = organisation.memberships.filter(role=Role.ADMIN).exclude(pk=membership.pk)
    if membership.role == Role.ADMIN and not others.exists():
        raise ValidationError(_("An organisation needs at least one admin: appoint another first."))


def _audit_membership(action: str, membership: Membership, actor: User, **details) -> None:
    record_audit(
        action,
        actor=actor,
        subject=membership,
        user=membership.user_id,
        organisation=membership.organisation_id,
        **details,
    )


@transaction.atomic
def change_role(*, membership_id: int, role: str, actor: User) -> Membership:
    """An organisation admin changes a member's role; the last admin cannot step down."""
    membership, organisation = _membership_for_admin(membership_id, actor)
    if role not in Role.values:
        raise ValidationError(_("Choose a role: member, editor or organisation admin."))
    if membership.role == role:
        return membership
    _keep_an_admin(organisation, membership)
    previous, membership.role = membership.role, role
    membership._history_user = actor
    membership.save(update_fields=["role"])
    permissions.forget_roles(membership.user)
    _audit_membership("membership.role_changed", membership, actor, previous=previous, role=role)
    notify_membership_change(
        organisation,
        actor,
        "role_changed",
        user=membership.user.get_username(),
        previous=previous,
        role=role,
    )
    return membership


@transaction.atomic
def remove_member(*, membership_id: int, actor: User) -> None:
    """An organisation admin removes a member; from then on they see nothing private of it."""
    membership, organisation = _membership_for_admin(membership_id, actor)
    _keep_an_admin(organisation, membership)
    _audit_membership("membership.removed", membership, actor, role=membership.role)
    membership._history_user = actor
    membership._change_recorded = True  # the deletion receiver records the others
    membership.delete()
    permissions.forget_roles(membership.user)
    notify_membership_change(
        organisation, actor, "removed", user=membership.user.get_username(), role=membership.role
    )
