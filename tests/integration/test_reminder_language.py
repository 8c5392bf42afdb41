"""Issue 14: a reminder e-mail is rendered when it is sent, in its recipient's language —
through a real Celery worker (never eager), the real database and the e-mail backend that
writes what is sent into a directory (tests/mailbox.py)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from procurement.core.formatting import format_date, format_money
from procurement.foi.services.requests import follow_request
from procurement.models import Membership, Reminder
from procurement.tasks import send_reminder_task
from tests.factories import AwardFactory, UserFactory
from tests.foi.builders import member, organisation, sent
from tests.mailbox import delivered
from tests.processes import wait_until

pytestmark = pytest.mark.celery_worker
SUBJECT = "Договори за камерите"


def test_a_macedonian_follower_gets_the_reminder_in_macedonian(start_celery, mail_dir, reference):
    org = organisation()
    editor = member(org)  # no language chosen: the site's default, English
    info_request = sent(org, editor, timezone.localdate(), code="MK", subject=SUBJECT)
    award = AwardFactory(value_amount=Decimal("1234567.50"), value_currency="MKD")
    info_request.awards.add(award)
    follower = UserFactory(language="mk")
    Membership.objects.create(user=follower, organisation=org)
    follow_request(request_id=info_request.pk, user=follower)
    reminder = info_request.reminders.get(kind="due_soon")
    Reminder.objects.filter(pk=reminder.pk).update(send_at=timezone.now())

    start_celery("worker", "--concurrency=1")
    send_reminder_task.delay(reminder.pk)
    wait_until(lambda: len(delivered(mail_dir)) == 2, 90, what="two reminder e-mails")

    mails = {m["To"]: m for m in delivered(mail_dir)}
    macedonian, english = mails[follower.email], mails[editor.email]
    due = reminder.due_on
    assert (
        macedonian["Subject"] == f"Рок {format_date(due, 'day_month', language='mk')}: „{SUBJECT}“"
    )
    text = macedonian["text"]
    assert "мора да одговори на вашето барање" in text
    assert format_date(due, "full", language="mk") in text  # Macedonian day and month names
    assert format_money(Decimal("1234567.50"), "MKD", language="mk") in text
    assert "1.234.567,50 MKD" in text  # Macedonian grouping and decimal mark
    assert "Рокови, објаснување и дописи:" in text
    assert "must answer your request" not in text
    # The same reminder, to an English reader, in English formats.
    assert english["Subject"] == f"Due {format_date(due, 'day_month', language='en')}: “{SUBJECT}”"
    assert "must answer your request" in english["text"]
    assert "MKD 1,234,567.50" in english["text"]
