"""Invitations, roles and removal: who may, what is recorded, and the last-admin rule."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from procurement.accounts.services import memberships
from procurement.core import permissions
from procurement.models import AuditLog, Invitation, Membership, User
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
Role = Membership.Role


def invite(people, email="new@example.org", role=Role.EDITOR, actor=None):
    return memberships.invite_member(
        organisation_id=people.org_a.pk, email=email, role=role, actor=actor or people.admin_a
    )


def test_an_admin_invites_and_the_email_is_sent_after_commit(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation = invite(people, email="  New@Example.org ")
    assert len(callbacks) == 1  # the send task is enqueued only once the row is committed
    assert invitation.email == "new@example.org"
    assert invitation.expires_at - timezone.now() > timedelta(days=6)
    assert AuditLog.objects.get(action="invitation.created").actor == people.admin_a

    assert memberships.send_invitation(invitation.pk) is True
    message = mail.outbox[0]
    assert message.to == ["new@example.org"]
    assert "Watchdog A" in message.subject
    assert f"/invitations/{memberships.invitation_token(invitation)}/" in message.body
    assert "admin_a invites you" in message.body


@pytest.mark.parametrize("who", ["member_a", "editor_a", "member_b", "reviewer", "staff"])
def test_only_organisation_admins_invite(people, who):
    with pytest.raises(PermissionDenied):
        invite(people, actor=getattr(people, who))
    assert invite(people, actor=people.admin_a).invited_by == people.admin_a


def test_staff_invite_only_the_first_admin_of_an_organisation_without_one(people):
    newcomer = OrganisationFactory(kind="civil_society")
    invitation = memberships.invite_member(
        organisation_id=newcomer.pk, email="first@example.org", role=Role.ADMIN, actor=people.staff
    )
    assert invitation.invited_by == people.staff
    with pytest.raises(ValidationError, match="cannot invite yourself"):
        memberships.invite_member(
            organisation_id=newcomer.pk,
            email=people.staff.email,
            role=Role.ADMIN,
            actor=people.staff,
        )


def test_invitations_that_make_no_sense_are_refused(people):
    with pytest.raises(ValidationError, match="already a member"):
        invite(people, email=people.member_a.email.upper())
    invite(people)
    with pytest.raises(ValidationError, match="open invitation"):
        invite(people)
    with pytest.raises(ValidationError, match="Choose a role"):
        invite(people, email="x@example.org", role="owner")
    company = OrganisationFactory()  # no admins: staff may try, and are told why not
    with pytest.raises(ValidationError, match="civil-society"):
        memberships.invite_member(
            organisation_id=company.pk, email="x@example.org", role=Role.MEMBER, actor=people.staff
        )
    assert Invitation.objects.count() == 1


def test_accepting_adds_the_membership_once(people):
    invitation = invite(people, email=people.member_b.email, role=Role.MEMBER)
    assert not permissions.can_read_organisation(people.member_b, people.org_a.pk)
    membership = memberships.accept_invitation(
        token=memberships.invitation_token(invitation), user=people.member_b
    )
    assert (membership.organisation, membership.role) == (people.org_a, Role.MEMBER)
    assert permissions.can_read_organisation(people.member_b, people.org_a.pk)  # cache dropped
    invitation.refresh_from_db()
    assert invitation.accepted_by == people.member_b and invitation.accepted_at
    with pytest.raises(ValidationError, match="already been accepted"):
        memberships.accept_invitation(
            token=memberships.invitation_token(invitation), user=people.reviewer
        )
    assert AuditLog.objects.filter(action="membership.added").count() == 1


def test_expired_revoked_and_unknown_links_do_nothing(people):
    expired = invite(people, email="late@example.org")
    revoked = invite(people, email="gone@example.org")
    memberships.revoke_invitation(invitation_id=revoked.pk, actor=people.admin_a)
    later = time_machine.travel(timezone.now() + timedelta(days=8))
    with later, pytest.raises(ValidationError, match="expired"):
        memberships.accept_invitation(
            token=memberships.invitation_token(expired), user=people.reviewer
        )
    with pytest.raises(ValidationError, match="withdrawn"):
        memberships.accept_invitation(
            token=memberships.invitation_token(revoked), user=people.reviewer
        )
    with pytest.raises(ValidationError, match="not valid"):
        memberships.accept_invitation(token="x" * 43, user=people.reviewer)
    assert not people.reviewer.memberships.exists()
    assert memberships.send_invitation(revoked.pk) is False and not mail.outbox


def test_accepting_without_an_account_creates_it_with_the_invited_email(people):
    invitation = invite(people, email="newcomer@example.org")
    user = memberships.register_and_accept(
        token=memberships.invitation_token(invitation),
        username="newcomer",
        password="a long passphrase 2025",
    )
    assert user.email == "newcomer@example.org" and user.check_password("a long passphrase 2025")
    assert user.memberships.get().role == Role.EDITOR
    second = invite(people, email="someone@example.org")
    with pytest.raises(ValidationError, match="username is taken"):
        memberships.register_and_accept(
            token=memberships.invitation_token(second), username="NEWCOMER", password="x"
        )
    UserFactory(email="someone@example.org")
    with pytest.raises(ValidationError, match="sign in to accept"):
        memberships.register_and_accept(
            token=memberships.invitation_token(second), username="other", password="x"
        )
    assert User.objects.filter(username="other").count() == 0


def test_role_changes_are_audited_with_the_previous_role(people):
    membership = people.member_a.memberships.get()
    memberships.change_role(membership_id=membership.pk, role=Role.EDITOR, actor=people.admin_a)
    entry = AuditLog.objects.get(action="membership.role_changed")
    assert entry.actor == people.admin_a
    assert entry.details["previous"] == Role.MEMBER and entry.details["role"] == Role.EDITOR
    assert membership.history.first().history_user == people.admin_a
    with pytest.raises(PermissionDenied):
        memberships.change_role(membership_id=membership.pk, role=Role.ADMIN, actor=people.editor_a)


def test_the_last_admin_cannot_step_down_or_be_removed(people):
    admin = people.admin_a.memberships.get()
    with pytest.raises(ValidationError, match="at least one admin"):
        memberships.change_role(membership_id=admin.pk, role=Role.MEMBER, actor=people.admin_a)
    with pytest.raises(ValidationError, match="at least one admin"):
        memberships.remove_member(membership_id=admin.pk, actor=people.admin_a)
    editor = people.editor_a.memberships.get()
    memberships.change_role(membership_id=editor.pk, role=Role.ADMIN, actor=people.admin_a)
    memberships.change_role(membership_id=admin.pk, role=Role.MEMBER, actor=people.admin_a)
    assert Membership.objects.get(pk=admin.pk).role == Role.MEMBER


def test_a_removed_member_loses_access_at_once(people):
    assert permissions.can_read_organisation(people.member_a, people.org_a.pk)
    membership = people.member_a.memberships.get()
    memberships.remove_member(membership_id=membership.pk, actor=people.admin_a)
    next_request_user = User.objects.get(pk=people.member_a.pk)  # roles are read per request
    assert not permissions.can_read_organisation(next_request_user, people.org_a.pk)
    entry = AuditLog.objects.get(action="membership.removed")
    assert entry.details["user"] == people.member_a.pk
