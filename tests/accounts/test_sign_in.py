"""Sign-in, sign-out, password reset and throttling, each recorded in the audit log."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from procurement.models import AuditLog
from tests.people import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_sign_in_and_out_are_audited(client, people):
    page = client.get(reverse("login"))
    assert page.status_code == 200 and "Forgotten your password?" in page.content.decode()
    assert "After 5 failed attempts, sign-in is paused" in page.content.decode()
    response = sign_in(client, "editor_a", REMOTE_ADDR="203.0.113.7")
    # Users land on their workspace (their requests and notifications), not the home page.
    assert response.status_code == 302 and response.url == reverse("workspace-dashboard")
    assert client.get(response.url).status_code == 200
    entry = AuditLog.objects.get(action="auth.login")
    assert (entry.actor, entry.ip_address) == (people.editor_a, "203.0.113.7")
    assert client.get(reverse("logout")).status_code == 405  # sign-out is a POST (CSRF)
    assert client.post(reverse("logout")).status_code == 302
    assert AuditLog.objects.get(action="auth.logout").actor == people.editor_a
    assert "_auth_user_id" not in client.session


def test_a_failed_sign_in_is_audited_without_the_password(client, people):
    response = sign_in(client, "editor_a", "wrong password", REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 200
    assert "enter a correct username and password" in response.content.decode()
    entry = AuditLog.objects.get(action="auth.login_failed")
    assert entry.details == {"username": "editor_a"} and entry.ip_address == "198.51.100.9"
    assert "wrong password" not in str(AuditLog.objects.values_list("details", flat=True))


def test_sign_in_is_paused_after_the_failure_limit(client, people, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "editor_a", "guess").status_code == 200
    locked = sign_in(client, "editor_a", "guess")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Sign-in paused" in html and "failed sign-ins" in html
    assert "Try again in" in html
    # Even the right password is refused while paused, with the same clear page.
    again = sign_in(client, "editor_a")
    assert again.status_code == 429 and "_auth_user_id" not in client.session
    assert AuditLog.objects.filter(action="auth.locked_out").exists()
    assert AuditLog.objects.filter(action="auth.login").count() == 0
    # Someone else, and the same person from another address, are not affected.
    assert sign_in(client, "member_a").status_code == 302
    client.post(reverse("logout"))
    assert sign_in(client, "editor_a", REMOTE_ADDR="192.0.2.44").status_code == 302
    client.post(reverse("logout"))
    # After the cool-off the account signs in again.
    with time_machine.travel(
        timezone.now() + timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    ):
        assert sign_in(client, "editor_a").status_code == 302


def test_password_reset_by_email(client, people):
    response = client.post(reverse("password_reset"), {"email": people.member_a.email})
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    assert (
        client.post(reverse("password_reset"), {"email": "nobody@example.org"}).status_code == 302
    )
    assert len(mail.outbox) == 1  # nothing tells an outsider which addresses have accounts
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a fresh passphrase 77", "new_password2": "a fresh passphrase 77"},
    )
    assert done.status_code == 302
    assert sign_in(client, "member_a", "a fresh passphrase 77").status_code == 302
    reused = client.get(link, follow=True)
    assert "not valid any more" in reused.content.decode()
