"""Reminder rows in the services (in-process; delivery through a real worker is proven in
tests/integration): sweeping, sending once, cancelling when the reason has gone, messages,
immediate emails and daily digests. Publishing is recorded at its boundary here."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from procurement.core import enqueue
from procurement.core.formatting import format_date
from procurement.core.notices import render
from procurement.foi.services.notifications import email_notification, send_digests, sweep_unemailed
from procurement.foi.services.reminders import deliver_reminder, sweep_due_reminders
from procurement.models import InfoRequest, Membership, Notification, Reminder
from procurement.templatetags.notices import reminder_note
from tests.foi.builders import CLASSIFIED_FACTS, at, member, organisation, sent, step

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def published(monkeypatch) -> list[tuple[str, list[int]]]:
    """What would have been published to the broker (the boundary of these tests)."""
    calls: list[tuple[str, list[int]]] = []

    def record(task_name, ids):
        calls.append((task_name, list(ids)))
        return []

    monkeypatch.setattr(enqueue, "publish", record)
    return calls


@pytest.fixture(autouse=True)
def _grace(settings):
    """These tests count in half hours: a row published is not published again for 30 min."""
    settings.REMINDER_REDELIVER_MINUTES = 30


@pytest.fixture
def team(reference):
    org = organisation()
    return org, member(org), member(org, role=Membership.Role.MEMBER)


def overdue_request(team, code="RS") -> InfoRequest:
    org, editor, colleague = team
    with time_machine.travel(at(D(2026, 2, 2)), tick=False):
        return sent(org, editor, D(2026, 1, 30), received_on=D(2026, 1, 31), followers=[colleague])


def sent_ids(calls, task="procurement.tasks.send_reminder_task") -> list[int]:
    return [pk for name, ids in calls if name == task for pk in ids]


def test_sweep_publishes_due_rows_once_per_lease(
    team, published, django_capture_on_commit_callbacks
):
    info_request = overdue_request(team)
    overdue = info_request.reminders.get(kind="overdue")  # due Thu 19 Feb 08:00
    morning = at(D(2026, 2, 19), 8)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_due_reminders(now=morning - timedelta(minutes=10)) == 1  # due soon only
    assert overdue.pk not in sent_ids(published)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_due_reminders(now=morning + timedelta(minutes=10)) == 1  # the overdue one
    assert overdue.pk in sent_ids(published)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_due_reminders(now=morning + timedelta(minutes=20)) == 0  # both leased
    # Published but still pending after the lease (their worker died): published again.
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_due_reminders(now=morning + timedelta(minutes=45)) == 2


def test_a_failed_publish_leaves_the_rows_to_the_next_sweep(
    team, monkeypatch, django_capture_on_commit_callbacks
):
    info_request = overdue_request(team)
    monkeypatch.setattr(enqueue, "publish", lambda task_name, ids: list(ids))  # broker down
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_due_reminders(now=at(D(2026, 2, 19), 9)) == 0  # none could be published
    assert not info_request.reminders.filter(enqueued_at__isnull=False).exists()
    assert (
        info_request.reminders.filter(state="pending", send_at__lte=at(D(2026, 2, 19), 9)).count()
        == 2
    )


def test_sweep_runs_two_queries_per_batch(team, published, django_capture_on_commit_callbacks):
    org, editor, _ = team
    with time_machine.travel(at(D(2026, 2, 2)), tick=False):
        for _ in range(3):
            sent(org, editor, D(2026, 1, 30))  # each: a due-soon and an overdue reminder
    counts = {}
    for size in (1, 2, 6):
        Reminder.objects.update(enqueued_at=None)
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            total = sweep_due_reminders(now=at(D(2026, 2, 19), 9), batch_size=size)
        assert total == 6
        counts[size] = len([q for q in queries if "SAVEPOINT" not in q["sql"]])
    # select + update per batch, and one last select that finds nothing.
    assert counts == {1: 6 * 2 + 1, 2: 3 * 2 + 1, 6: 1 * 2 + 1}


def test_deliver_once_to_followers_who_are_members(team):
    org, editor, colleague = team
    info_request = overdue_request(team)
    former = member(org)
    info_request.followers.add(former)
    Membership.objects.filter(user=former).delete()
    overdue = info_request.reminders.get(kind="overdue")
    assert deliver_reminder(reminder_id=overdue.pk, now=at(D(2026, 2, 19), 7)) == []  # not yet
    with time_machine.travel(at(D(2026, 2, 19), 9), tick=False):
        to_email = deliver_reminder(reminder_id=overdue.pk)
        assert deliver_reminder(reminder_id=overdue.pk) == []  # a second delivery: nothing
    overdue.refresh_from_db()
    assert overdue.state == "sent" and overdue.attempts == 1
    notes = Notification.objects.filter(reminder=overdue)
    assert {n.user for n in notes} == {editor, colleague}
    assert sorted(to_email) == sorted(n.pk for n in notes)
    (event,) = info_request.events.filter(kind="reminder")
    # Stored as facts, worded in the reader's language on the timeline.
    assert event.note == "" and event.data["followers"] == 2
    assert reminder_note(event) == (
        "Reminder “deadline passed without an answer” (deadline Wed 18 Feb 2026) sent to "
        "2 followers."
    )
    with translation.override("mk"):
        assert format_date(D(2026, 2, 18), "weekday", language="mk") in reminder_note(event)


def test_overdue_message_says_until_when_and_to_whom_with_the_letter(team):
    info_request = overdue_request(team)
    overdue = info_request.reminders.get(kind="overdue")
    with time_machine.travel(at(D(2026, 2, 19), 9), tick=False):
        deliver_reminder(reminder_id=overdue.pk)
    note = render(Notification.objects.filter(reminder=overdue).first(), "en")
    assert note.subject.startswith("No answer in time")
    assert "did not answer your request" in note.text
    # Serbia: a complaint about silence has no closing date (issue 13).
    assert (
        "You may complain to Commissioner for Information of Public Importance and Personal Data"
        " Protection from Thursday 19 February 2026; the law sets no closing date" in note.text
    )
    # The complaint about silence, in English for an English reader.
    assert "we lodge this complaint because" in note.text
    assert "expired on 18 February 2026" in note.text
    assert f"/workspace/requests/{info_request.pk}/" in note.text


def test_a_reminder_whose_reason_has_gone_is_cancelled_not_sent(team):
    info_request = overdue_request(team)
    overdue = info_request.reminders.get(kind="overdue")
    # A race: the answer is recorded while the reminder is on its way.
    InfoRequest.objects.filter(pk=info_request.pk).update(status="answered")
    with time_machine.travel(at(D(2026, 2, 19), 9), tick=False):
        assert deliver_reminder(reminder_id=overdue.pk) == []
    overdue.refresh_from_db()
    assert overdue.state == "cancelled" and not Notification.objects.filter(reminder=overdue)


def test_stale_due_soon_after_a_long_outage_is_cancelled_but_overdue_still_goes(team):
    info_request = overdue_request(team)
    with time_machine.travel(at(D(2026, 2, 20), 9), tick=False):
        for reminder in info_request.reminders.filter(state="pending"):
            deliver_reminder(reminder_id=reminder.pk)
    states = dict(info_request.reminders.values_list("kind", "state"))
    assert states == {"due_soon": "cancelled", "overdue": "sent"}  # no closing date in Serbia


@pytest.mark.parametrize(
    ("code", "expected", "absent"),
    [
        ("RS", "a secrecy stamp alone does not justify a refusal", "route of a complaint"),
        ("ME", "The route of a complaint to it is closed", "Complain to"),
    ],
)
def test_classified_message_gives_the_jurisdictions_options(team, code, expected, absent):
    org, editor, _ = team
    with time_machine.travel(at(D(2026, 3, 25)), tick=False):
        info_request = sent(org, editor, D(2026, 3, 2), code=code)
        step(info_request, "classified", D(2026, 3, 20), **CLASSIFIED_FACTS)
        reminder = info_request.reminders.get(kind="classified")
        deliver_reminder(reminder_id=reminder.pk)
    body = render(Notification.objects.get(reminder=reminder), "en").text
    assert "refused your request" in body and expected in body and absent not in body


def test_immediate_email_once_with_text_and_html(team):
    _org, editor, colleague = team
    colleague.notification_delivery = "digest"
    colleague.save()
    info_request = overdue_request(team)
    overdue = info_request.reminders.get(kind="overdue")
    with time_machine.travel(at(D(2026, 2, 19), 9), tick=False):
        ids = deliver_reminder(reminder_id=overdue.pk)
    assert len(ids) == 1  # the digest reader waits for tomorrow
    assert email_notification(notification_id=ids[0]) is True
    assert email_notification(notification_id=ids[0]) is False  # duplicate delivery
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [editor.email] and message.subject.startswith("No answer in time")
    assert message.alternatives[0].mimetype == "text/html"
    assert "Commissioner" in message.alternatives[0].content


def test_daily_digest_collects_everything_once(team):
    _org, editor, colleague = team
    for user in (editor, colleague):
        user.notification_delivery = "digest"
        user.save()
    info_request = overdue_request(team)
    with time_machine.travel(at(D(2026, 2, 20), 9), tick=False):
        step(info_request, "acknowledged", D(2026, 2, 20), actor=editor)  # tells the colleague
        deliver_reminder(reminder_id=info_request.reminders.get(kind="overdue").pk)
    assert mail.outbox == []
    # The colleague: "sent", "acknowledged" and the overdue reminder; the editor: the reminder.
    assert send_digests(now=at(D(2026, 2, 21), 7)) == 4
    assert send_digests(now=at(D(2026, 2, 21), 7)) == 0
    by_user = {m.to[0]: m for m in mail.outbox}
    assert set(by_user) == {editor.email, colleague.email}
    assert "3 updates" in by_user[colleague.email].body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_sweep_retries_immediate_emails_left_unsent(team, published):
    info_request = overdue_request(team)
    Notification.objects.all().delete()  # the "sent" news of 2 Feb: not this test's concern
    with time_machine.travel(at(D(2026, 2, 19), 9), tick=False):
        ids = deliver_reminder(reminder_id=info_request.reminders.get(kind="overdue").pk)
    just_after = at(D(2026, 2, 19), 9) + timedelta(minutes=5)
    assert sweep_unemailed(now=just_after) == 0  # still in its grace period
    assert sweep_unemailed(now=at(D(2026, 2, 19), 10)) == 2
    assert sorted(published[-1][1]) == sorted(ids)


def test_private_news_is_not_emailed_to_someone_who_left(team):
    _org, editor, colleague = team
    info_request = overdue_request(team)
    with time_machine.travel(at(D(2026, 2, 19), 9), tick=False):
        ids = deliver_reminder(reminder_id=info_request.reminders.get(kind="overdue").pk)
    Membership.objects.filter(user=colleague).delete()
    sent_now = [email_notification(notification_id=pk, now=timezone.now()) for pk in ids]
    assert sent_now.count(True) == 1 and [m.to for m in mail.outbox] == [[editor.email]]
    assert not Notification.objects.filter(user=colleague, reminder__isnull=False).exists()


def test_appeal_closing_and_appeal_decision_overdue_messages(team):
    org, editor, _ = team
    with time_machine.travel(at(D(2026, 3, 2)), tick=False):
        refused = sent(org, editor, D(2026, 2, 2))
        refused = step(refused, "refused", D(2026, 2, 27), refusal_ground="Business secret")
    closing = refused.reminders.get(kind="appeal_closing", state="pending")
    assert closing.due_on == D(2026, 3, 16)  # 15 days from Fri 27 Feb → Sun 15 → Mon 16 Mar
    with time_machine.travel(closing.send_at + timedelta(minutes=1), tick=False):
        deliver_reminder(reminder_id=closing.pk)
    body = render(Notification.objects.get(reminder=closing), "en").text
    assert "closes on Monday 16 March 2026, and no appeal is recorded" in body
    assert "Business secret" in body  # the complaint against the refusal, filled in

    with time_machine.travel(at(D(2026, 3, 2)), tick=False):
        albanian = sent(org, editor, D(2026, 1, 5), code="AL")
        albanian = step(albanian, "appealed", D(2026, 3, 2))
    late = albanian.reminders.get(kind="appeal_decision_overdue")
    with time_machine.travel(late.send_at + timedelta(minutes=1), tick=False):
        deliver_reminder(reminder_id=late.pk)
    body = render(Notification.objects.get(reminder=late), "en").text
    assert "had to decide on your appeal" in body and "Commissioner for the Right" in body
