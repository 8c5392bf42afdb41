"""Reminders are never lost and never doubled, proven with real parts: a real Celery worker
(and beat) on the configured broker — Redis in CI, the SQLAlchemy transport embedded — and
the real database. Never eager mode.

(a) two sweeps at once, or the same send task delivered twice, send one email;
(b) a worker killed in the middle of a send loses nothing: after a restart, beat's sweep
    sends it (a kill after the hand-off, and a Redis outage through the real views, are in
    test_delivery_faults.py);
(d) the clock jumped three days ahead (beat was down): the next sweeps catch up, once each.
"""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from procurement.foi.services.reminders import sweep_due_reminders
from procurement.foi.services.requests import follow_request
from procurement.models import (
    Membership,
    Notification,
    Reminder,
    RequestEvent,
    TaskHeartbeat,
)
from procurement.tasks import send_reminder_task, sweep_deferred_task
from tests.foi.builders import member, organisation, sent
from tests.integration.conftest import time_shift_environment
from tests.mailbox import HOLD, delivered
from tests.processes import wait_until

pytestmark = pytest.mark.celery_worker
# Beat sweeps every 1.2 s and takes a task unsent after 6 s for lost.
FAST = {"REMINDER_SWEEP_MINUTES": "0.02", "REMINDER_REDELIVER_MINUTES": "0.1"}
SENT_OK = "procurement.tasks.send_reminder_task[{}] succeeded"


def new_request(*followers, code="RS"):
    """A request sent today by an editor, followed by `followers` (added after sending, so
    that nobody but the reminders writes to them)."""
    org = organisation()
    editor = member(org)
    info_request = sent(org, editor, timezone.localdate(), code=code)
    for follower in followers:
        Membership.objects.create(user=follower, organisation=org)
        follow_request(request_id=info_request.pk, user=follower)
    return info_request, editor


def make_due(reminder: Reminder, when=None) -> Reminder:
    """Time has come for this reminder (its send_at moved to `when`, default a minute ago)."""
    when = when or timezone.now() - timedelta(minutes=1)
    Reminder.objects.filter(pk=reminder.pk).update(send_at=when)
    reminder.refresh_from_db()
    return reminder


def three_more_sweeps() -> None:
    """Wait until beat's sweep has run three more times in the worker: with one worker
    process taking tasks in order, whatever was queued before has been handled by then."""
    runs = TaskHeartbeat.objects.get(name="deferred-sweep").runs
    wait_until(
        lambda: TaskHeartbeat.objects.get(name="deferred-sweep").runs >= runs + 3,
        120,
        what="three more sweeps",
    )


def succeeded(process, task: str) -> int:
    """How many `task` runs the process has logged as succeeded."""
    return sum(
        1
        for line in process.log().splitlines()
        if f"procurement.tasks.{task}[" in line and "succeeded" in line
    )


def test_a_two_sweeps_at_once_and_duplicate_deliveries_send_one_email(
    start_celery, mail_dir, reference
):
    colleague = member(organisation())
    info_request, editor = new_request(colleague)
    reminder = make_due(info_request.reminders.get(kind="due_soon"))
    worker = start_celery("worker", "--pool=prefork", "--concurrency=2")

    # Two sweeps at once, in two threads with their own database connections.
    barrier = threading.Barrier(2)
    counts: list[int] = []

    def sweep() -> None:
        try:
            barrier.wait(timeout=30)
            counts.append(sweep_due_reminders())
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(counts) == [0, 1]  # the row was taken (and published) once
    # Two sweep tasks at once in the worker, and the same send task delivered twice more.
    sweep_deferred_task.delay()
    sweep_deferred_task.delay()
    send_reminder_task.delay(reminder.pk)
    send_reminder_task.delay(reminder.pk)

    wait_until(lambda: succeeded(worker, "send_reminder_task") >= 3, 90, what="three sends")
    wait_until(lambda: succeeded(worker, "sweep_deferred_task") >= 2, 90, what="two sweeps")
    mails = delivered(mail_dir)
    assert sorted(m["To"] for m in mails) == sorted([editor.email, colleague.email])
    assert all(m["Subject"].startswith("Due ") for m in mails), [m["Subject"] for m in mails]
    reminder.refresh_from_db()
    assert reminder.state == "sent" and reminder.attempts == 1
    assert Notification.objects.filter(reminder=reminder).count() == 2
    assert RequestEvent.objects.filter(request=info_request, kind="reminder").count() == 1


def test_b_a_worker_killed_in_the_middle_of_a_send_loses_nothing(start_celery, mail_dir, reference):
    info_request, editor = new_request()
    reminder = make_due(info_request.reminders.get(kind="due_soon"))
    (mail_dir / HOLD).touch()  # the mail server hangs in the middle of the send
    worker = start_celery("worker", "--concurrency=1", **FAST)
    start_celery("beat", **FAST)  # publishes the due reminder, and later what is still owed
    wait_until(lambda: list(mail_dir.glob("sending-*")), 90, what="the send to begin")
    worker.kill()  # SIGKILL to the worker and its children, mid-send

    assert delivered(mail_dir) == []
    notification = Notification.objects.get(reminder=reminder)
    assert notification.emailed_at is None  # the send died with the worker
    reminder.refresh_from_db()
    assert reminder.state == "sent"  # the in-app part had committed: never delivered again

    (mail_dir / HOLD).unlink()
    restarted = start_celery("worker", "--concurrency=1", **FAST)
    wait_until(lambda: delivered(mail_dir), 90, what="the email after the restart, by beat")
    wait_until(lambda: succeeded(restarted, "email_notification_task") >= 1, 60)
    three_more_sweeps()
    mails = delivered(mail_dir)
    assert [m["To"] for m in mails] == [editor.email]
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert Notification.objects.filter(reminder=reminder).count() == 1
    assert RequestEvent.objects.filter(request=info_request, kind="reminder").count() == 1


def test_d_three_days_later_the_sweeps_catch_up_once(start_celery, mail_dir, reference):
    first, editor_a = new_request()
    second, editor_b = new_request()
    now = timezone.now()
    due_soon = make_due(first.reminders.get(kind="due_soon"), now + timedelta(days=1))
    overdue = make_due(second.reminders.get(kind="overdue"), now + timedelta(days=2))
    later = make_due(second.reminders.get(kind="due_soon"), now + timedelta(days=5))
    assert sweep_due_reminders() == 0  # nothing is due yet

    three_days = 3 * 24 * 3600
    env = {**time_shift_environment(three_days), "REMINDER_SWEEP_MINUTES": "0.05"}
    start_celery("worker", "--concurrency=1", **env)
    start_celery("beat", **env)
    wait_until(
        lambda: (
            Reminder.objects.filter(pk__in=[due_soon.pk, overdue.pk], state="sent").count() == 2
        ),
        120,
        what="the reminders that fell due while beat was down",
    )
    three_more_sweeps()
    wait_until(lambda: len(delivered(mail_dir)) >= 2, 60, what="two emails")
    mails = delivered(mail_dir)
    assert sorted(m["To"] for m in mails) == sorted([editor_a.email, editor_b.email])
    later.refresh_from_db()
    assert later.state == "pending"  # not due even three days on
    for reminder in (due_soon, overdue):
        reminder.refresh_from_db()
        assert reminder.attempts == 1
        assert Notification.objects.filter(reminder=reminder).count() == 1
    with time_machine.travel(now + timedelta(days=3, minutes=5)):
        assert sweep_due_reminders() == 0  # caught up: nothing left to publish
