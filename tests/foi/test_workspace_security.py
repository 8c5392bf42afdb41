"""CSRF on every form of the workspace, escaping of user text, the CSP on every page."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from procurement.models import RedFlag, SuggestedCorrection
from tests.factories import AwardFactory, InfoRequestFactory, MembershipFactory, UserFactory
from tests.processes import ROOT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]
XSS = '<script>alert("x")</script>'


def posts(people, award, invitation_token):
    org, membership = people.org_a.pk, people.member_a.memberships.get().pk
    return [
        (reverse("login"), {"username": "admin_a", "password": "x"}),
        (reverse("logout"), {}),
        (reverse("password_reset"), {"email": "a@example.org"}),
        (reverse("account-regenerate-feed"), {}),
        (reverse("organisation-invite", args=[org]), {"email": "n@example.org", "role": "member"}),
        (reverse("organisation-change-role", args=[org, membership]), {"role": "editor"}),
        (reverse("organisation-remove-member", args=[org, membership]), {}),
        (reverse("invitation-accept", args=[invitation_token]), {}),
        (reverse("review-bulk"), {"kind": "award", "ids": [award.pk], "action": "verify"}),
        (reverse("review-decide", args=["award", award.pk]), {"action": "verify"}),
        (reverse("review-resolve-correction", args=[1]), {"decision": "accept"}),
        (reverse("suggest-correction", args=["award", award.pk]), {"suggestion": "x"}),
        (reverse("document-upload", args=["award", award.pk]), {}),
    ]


def test_every_form_refuses_a_post_without_its_csrf_token(people):
    from procurement.accounts.services.memberships import invitation_token, invite_member

    award = AwardFactory()
    token = invitation_token(
        invite_member(
            organisation_id=people.org_a.pk,
            email="i@example.org",
            role="member",
            actor=people.admin_a,
        )
    )
    client = Client(enforce_csrf_checks=True)
    for user in (people.admin_a, people.staff):
        client.force_login(user)
        for url, data in posts(people, award, token):
            response = client.post(url, data)
            assert response.status_code == 403, url
            assert "This form has expired" in response.content.decode()


def test_templates_have_no_inline_script_or_style_the_csp_would_block():
    for template in (ROOT / "templates").rglob("*.html"):
        if "email" in template.parts:
            continue  # read in mail clients, never served under our CSP; they need inline style
        text = template.read_text()
        # Scripts only from a file of this site (script-src 'self'), never inline.
        assert not re.search(r"<script(?![^>]*\ssrc=)|\sstyle=|\son[a-z]+=", text, re.I), template


def test_workspace_pages_send_the_csp_and_escape_user_text(client, people):
    user = UserFactory(username="mallory", email="m@example.org", first_name=XSS)
    MembershipFactory(user=user, organisation=people.org_a, role="member")
    InfoRequestFactory(
        requester_organisation=people.org_a,
        subject=XSS,
        status="sent",
        sent_on=date(2025, 3, 1),
        due_on=date(2025, 3, 10),
    )
    award = AwardFactory(title=XSS)
    RedFlag.objects.create(
        key="X001:award:1",
        code="X001",
        rule_version="1",
        award=award,
        inputs={"agreement": XSS, "method": "direct"},  # rendered into the explanation
        computed_at=timezone.now(),
    )
    SuggestedCorrection.objects.create(
        award=award, suggestion=XSS, field=XSS, source_url="https://example.org/?q=<b>"
    )
    pages = [
        (people.admin_a, reverse("organisation-members", args=[people.org_a.pk])),
        (
            people.member_a,
            reverse("organisation-calendar", args=[people.org_a.pk]) + "?month=2025-03",
        ),
        (people.reviewer, reverse("review-queue") + "?status=all"),
        (people.reviewer, reverse("review-detail", args=["award", award.pk])),
        (people.member_a, reverse("suggest-correction", args=["award", award.pk])),
    ]
    for user, url in pages:
        client.force_login(user)
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert XSS not in html and "&lt;script&gt;" in html, url
        assert "default-src 'self'" in response["Content-Security-Policy"], url
        assert response["X-Frame-Options"] == "DENY"


def test_private_requests_do_not_leak_through_error_pages(client, people):
    draft = InfoRequestFactory(requester_organisation=people.org_a, subject="Secret subject")
    client.force_login(people.member_b)
    for url in [
        draft.get_absolute_url(),
        reverse("document-upload", args=["request", draft.pk]),
        reverse("organisation-calendar", args=[people.org_a.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 404 and "Secret subject" not in response.content.decode()
