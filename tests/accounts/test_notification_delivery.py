"""The daily-digest choice on /account/ (issue 16; the e-mail footer promises it): e-mails at
once, a daily digest, or none (in-app only), honoured by the delivery code from the moment it
is chosen."""

import re
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from procurement.accounts.services import preferences
from procurement.core.formatting import format_date
from procurement.foi.services.notifications import (
    email_notification,
    owed_emails,
    send_digests,
)
from procurement.foi.services.reminders import deliver_reminder
from procurement.models import Notification
from tests.foi.builders import at, member, organisation, sent, step

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def follower(reference):
    org = organisation()
    editor = member(org)
    colleague = member(org)
    with time_machine.travel(at(D(2026, 2, 2)), tick=False):
        info_request = sent(
            org, editor, D(2026, 1, 30), received_on=D(2026, 1, 31), followers=[colleague]
        )
    Notification.objects.all().delete()  # the "sent" news: not this test's concern
    return colleague, editor, info_request


def test_the_account_page_offers_and_saves_the_choice(client, follower, django_assert_num_queries):
    colleague, _editor, _request = follower
    client.force_login(colleague)
    with django_assert_num_queries(3):  # session, user, memberships
        page = client.get(reverse("account")).content.decode()
    assert 'name="notification_delivery"' in page
    assert re.search(r'value="immediate"[^>]*checked', page)
    for value in ("digest", "none"):
        assert f'value="{value}"' in page
    response = client.post(reverse("account-delivery"), {"notification_delivery": "digest"})
    assert response.status_code == 302 and response["Location"] == reverse("account")
    colleague.refresh_from_db()
    assert colleague.notification_delivery == "digest"
    assert colleague.notification_delivery_since is not None


def test_a_bad_choice_is_refused_and_nothing_changes(client, follower):
    colleague, _editor, _request = follower
    client.force_login(colleague)
    response = client.post(reverse("account-delivery"), {"notification_delivery": "hourly"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    colleague.refresh_from_db()
    assert colleague.notification_delivery == "immediate"
    assert colleague.notification_delivery_since is None


def test_none_means_in_app_only_and_choosing_e_mails_again_sends_only_what_comes_next(
    client, follower
):
    colleague, editor, info_request = follower
    client.force_login(colleague)
    with time_machine.travel(at(D(2026, 2, 18), 7), tick=False):
        client.post(reverse("account-delivery"), {"notification_delivery": "none"})
    overdue = info_request.reminders.get(kind="overdue")
    with time_machine.travel(at(D(2026, 2, 19), 9), tick=False):
        to_email = deliver_reminder(reminder_id=overdue.pk)
    quiet = Notification.objects.get(user=colleague, reminder=overdue)
    assert quiet.read_at is None  # in the in-app list
    assert to_email == [Notification.objects.get(user=editor, reminder=overdue).pk]
    assert email_notification(notification_id=quiet.pk) is False
    assert send_digests(now=at(D(2026, 2, 20), 7)) == 0
    assert not owed_emails().filter(user=colleague).exists()

    # Back to a daily digest: what came while "none" was chosen is not e-mailed afterwards.
    with time_machine.travel(at(D(2026, 2, 20), 8), tick=False):
        client.post(reverse("account-delivery"), {"notification_delivery": "digest"})
    with time_machine.travel(at(D(2026, 2, 20), 9), tick=False):
        step(info_request, "acknowledged", D(2026, 2, 20), actor=editor)
    mail.outbox.clear()
    assert send_digests(now=at(D(2026, 2, 21), 7)) == 1
    assert [m.to for m in mail.outbox] == [[colleague.email]]
    assert "1 update" in mail.outbox[0].body and "did not answer" not in mail.outbox[0].body
    assert "/account/" in mail.outbox[0].body  # where the choice is made
    quiet.refresh_from_db()
    assert quiet.emailed_at is None

    # Back to immediate e-mails: the sweep owes nothing from before the choice.
    with time_machine.travel(at(D(2026, 2, 21), 8), tick=False):
        client.post(reverse("account-delivery"), {"notification_delivery": "immediate"})
    assert not owed_emails().filter(pk=quiet.pk).exists()
    assert email_notification(notification_id=quiet.pk, now=at(D(2026, 2, 21), 9)) is False


def test_the_digest_is_written_in_its_readers_language(follower):
    colleague, _editor, info_request = follower
    colleague.language = "mk"
    colleague.save(update_fields=["language"])
    preferences.set_delivery(user=colleague, delivery="digest", now=at(D(2026, 2, 18), 7))
    with time_machine.travel(at(D(2026, 2, 19), 9), tick=False):
        deliver_reminder(reminder_id=info_request.reminders.get(kind="overdue").pk)
    mail.outbox.clear()
    assert send_digests(now=at(D(2026, 2, 20), 7)) == 1
    (digest,) = mail.outbox
    with translation.override("mk"):
        title = gettext("Deadlines, explanation and letters:")
    assert digest.to == [colleague.email] and "FOI digest" not in digest.subject
    assert title in digest.body and "Deadlines, explanation and letters:" not in digest.body
    assert format_date(D(2026, 2, 18), "full", language="mk") in digest.body
