"""Account page, organisation members, invitations by email link, through the browser's eyes."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from procurement.accounts.services import memberships
from procurement.accounts.services.memberships import invitation_token, send_invitation
from procurement.models import AuditLog, Invitation, Membership, User
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_account_page_lists_organisations_and_the_feed_address(
    client, people, django_assert_num_queries
):
    client.force_login(people.editor_a)
    with django_assert_num_queries(3):  # session, user, memberships with their organisations
        html = client.get(reverse("account")).content.decode()
    assert "Watchdog A" in html and "editor" in html and "Watchdog B" not in html
    assert f"/calendar/{people.editor_a.feed_token}.ics" in html
    for _ in range(3):
        MembershipFactory(user=people.editor_a)
    with django_assert_num_queries(3):
        html = client.get(reverse("account")).content.decode()
    assert html.count(">Calendar</a>") == 4


def test_regenerating_the_feed_address_revokes_the_old_one(client, people):
    old = people.editor_a.feed_token
    client.force_login(people.editor_a)
    assert client.get(reverse("calendar-feed", args=[old])).status_code == 200
    response = client.post(reverse("account-regenerate-feed"), follow=True)
    people.editor_a.refresh_from_db()
    assert people.editor_a.feed_token != old
    assert "old one no longer works" in response.content.decode()
    assert client.get(reverse("calendar-feed", args=[old])).status_code == 404
    assert (
        client.get(reverse("calendar-feed", args=[people.editor_a.feed_token])).status_code == 200
    )
    assert AuditLog.objects.filter(action="calendar.feed_token_regenerated").count() == 1


def test_members_page(client, people, django_assert_num_queries):
    url = reverse("organisation-members", args=[people.org_a.pk])
    client.force_login(people.member_a)
    # session, user, roles, organisation, members, open invitations
    with django_assert_num_queries(6):
        html = client.get(url).content.decode()
    assert "member_a" in html and "admin_a" in html and "Invite someone" not in html
    client.force_login(people.admin_a)
    for n in range(5):
        MembershipFactory(organisation=people.org_a, role="member")
        memberships.invite_member(
            organisation_id=people.org_a.pk,
            email=f"x{n}@example.org",
            role="member",
            actor=people.admin_a,
        )
    with django_assert_num_queries(6):
        html = client.get(url).content.decode()
    assert "Invite someone" in html and "Change role" in html
    client.force_login(people.member_b)
    assert client.get(url).status_code == 404


def test_invite_accept_with_a_new_account(client, people, django_capture_on_commit_callbacks):
    client.force_login(people.admin_a)
    url = reverse("organisation-invite", args=[people.org_a.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url, {"email": "fresh@example.org", "role": "editor"}, follow=True)
    assert "Invitation sent to fresh@example.org" in response.content.decode()
    assert len(callbacks) == 1
    invitation = Invitation.objects.get()
    send_invitation(invitation.pk)  # what the worker does (tested with a real worker elsewhere)
    link = re.search(r"https?://[^/]+(/invitations/\S+/)", mail.outbox[0].body).group(1)

    client.post(reverse("logout"))
    page = client.get(link)
    assert page.status_code == 200 and "Join Watchdog A" in page.content.decode()
    bad = client.post(link, {"username": "fresh", "password1": "short", "password2": "short"})
    assert bad.status_code == 400 and "too short" in bad.content.decode()
    assert not User.objects.filter(username="fresh").exists()
    joined = client.post(
        link,
        {
            "username": "fresh",
            "password1": "long enough passphrase",
            "password2": "long enough passphrase",
        },
    )
    assert joined.status_code == 302 and joined.url == reverse("account")
    user = User.objects.get(username="fresh")
    assert user.email == "fresh@example.org"
    assert Membership.objects.get(user=user).role == "editor"
    assert AuditLog.objects.filter(action="auth.login", actor=user).exists()
    used = client.get(link)
    assert used.status_code == 410 and "already been accepted" in used.content.decode()


def test_a_signed_in_user_accepts(client, people):
    client.force_login(people.admin_a)
    client.post(
        reverse("organisation-invite", args=[people.org_a.pk]),
        {"email": people.member_b.email, "role": "member"},
    )
    invitation = Invitation.objects.get()
    client.force_login(people.member_b)
    response = client.post(
        reverse("invitation-accept", args=[invitation_token(invitation)]), follow=True
    )
    assert "Welcome to Watchdog A" in response.content.decode()
    assert people.member_b.memberships.count() == 2


def test_bad_invitations_say_why_and_change_nothing(client, people):
    client.force_login(people.admin_a)
    url = reverse("organisation-invite", args=[people.org_a.pk])
    bad_email = client.post(url, {"email": "not an email", "role": "member"})
    assert bad_email.status_code == 400 and "valid email address" in bad_email.content.decode()
    member = client.post(url, {"email": people.member_a.email, "role": "member"})
    assert member.status_code == 400 and "already a member" in member.content.decode()
    assert not Invitation.objects.exists()
    client.force_login(people.editor_a)
    assert client.post(url, {"email": "x@example.org", "role": "member"}).status_code == 404


def test_roles_change_and_members_leave_through_the_page(client, people):
    client.force_login(people.admin_a)
    membership = people.member_a.memberships.get()
    url = reverse("organisation-change-role", args=[people.org_a.pk, membership.pk])
    client.post(url, {"role": "editor"})
    membership.refresh_from_db()
    assert membership.role == "editor"
    assert client.post(url, {"role": "owner"}, follow=True).status_code == 200
    membership.refresh_from_db()
    assert membership.role == "editor"
    own = people.admin_a.memberships.get()
    response = client.post(
        reverse("organisation-remove-member", args=[people.org_a.pk, own.pk]), follow=True
    )
    assert "at least one admin" in response.content.decode()
    client.post(reverse("organisation-remove-member", args=[people.org_a.pk, membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    other = people.member_b.memberships.get()  # of B: not reachable through A's URL
    assert (
        client.post(
            reverse("organisation-remove-member", args=[people.org_a.pk, other.pk])
        ).status_code
        == 404
    )
