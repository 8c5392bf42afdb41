"""Reminders are never lost and never doubled, proven with real parts: a real Celery worker
(and beat) on the configured broker — Redis in CI, the SQLAlchemy transport embedded — and
the real database. Never eager mode.

(a) two sweeps at once, or the same send task delivered twice, send one email;
(b) a worker killed in the middle of a send loses nothing: after a restart it goes out;
(c) with Redis stopped, requests are created and updated (no 500), and after Redis returns
    the next sweep delivers every due reminder exactly once;
(d) the clock jumped three days ahead (beat was down): the next sweeps catch up, once each.
"""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone

from procurement.foi.services.notifications import sweep_unemailed
from procurement.foi.services.reminders import sweep_due_reminders
from procurement.foi.services.requests import create_request, follow_request, request_transition
from procurement.models import (
    Membership,
    Notification,
    Organisation,
    Reminder,
    RequestEvent,
    TaskHeartbeat,
)
from procurement.tasks import send_reminder_task, sweep_reminders_task
from tests.foi.builders import member, organisation, sent
from tests.integration.conftest import time_shift_environment
from tests.mailbox import HOLD, delivered
from tests.processes import wait_until
from tracker.celery import app
from tracker.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.celery_worker
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
    runs = TaskHeartbeat.objects.get(name="reminder-sweep").runs
    wait_until(
        lambda: TaskHeartbeat.objects.get(name="reminder-sweep").runs >= runs + 3,
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
    sweep_reminders_task.delay()
    sweep_reminders_task.delay()
    send_reminder_task.delay(reminder.pk)
    send_reminder_task.delay(reminder.pk)

    wait_until(lambda: succeeded(worker, "send_reminder_task") >= 3, 90, what="three sends")
    wait_until(lambda: succeeded(worker, "sweep_reminders_task") >= 2, 90, what="two sweeps")
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
    worker = start_celery("worker", "--concurrency=1")
    assert sweep_due_reminders() == 1
    wait_until(lambda: list(mail_dir.glob("sending-*")), 90, what="the send to begin")
    worker.kill()  # SIGKILL to the worker and its children, mid-send

    assert delivered(mail_dir) == []
    notification = Notification.objects.get(reminder=reminder)
    assert notification.emailed_at is None  # the send's transaction died with the worker

    (mail_dir / HOLD).unlink()
    restarted = start_celery("worker", "--concurrency=1")
    later = timezone.now() + timedelta(hours=1)
    assert sweep_due_reminders(now=later) == 0  # the in-app part had committed: no resend
    assert sweep_unemailed(now=later) == 1  # the email still owed
    wait_until(lambda: delivered(mail_dir), 90, what="the email after the restart")
    wait_until(lambda: succeeded(restarted, "email_notification_task") >= 1, 60)
    assert sweep_unemailed(now=later + timedelta(hours=1)) == 0
    mails = delivered(mail_dir)
    assert [m["To"] for m in mails] == [editor.email]
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert Notification.objects.filter(reminder=reminder).count() == 1


def log_request_view(request: HttpRequest) -> HttpResponse:
    """What the workspace's views do: parse the form, call the workflow services."""
    info_request = create_request(
        organisation=request.user.memberships.get().organisation,
        authority=Organisation.objects.get(pk=request.POST["authority"]),
        subject=request.POST["subject"],
        text="Please send the contract.",
        actor=request.user,
    )
    today = timezone.localdate()
    request_transition(request_id=info_request.pk, to="sent", actor=request.user, on=today)
    request_transition(
        request_id=info_request.pk,
        to="classified",
        actor=request.user,
        on=today,
        classification_level="STROGO POVERLJIVO",
        classification_article="Art. 9(5)",
        harm_test_given=False,
    )
    return HttpResponse(str(info_request.pk), status=201)


urlpatterns = [*site_urlpatterns, path("test/log-request/", log_request_view)]


@pytest.mark.urls(__name__)
def test_c_redis_stopped_then_back_every_due_reminder_goes_out_once(
    start_celery, mail_dir, private_redis, client, reference, monkeypatch
):
    monkeypatch.setattr(app.conf, "broker_url", private_redis.url)  # this process publishes there
    env = {"CELERY_BROKER_URL": private_redis.url, "REMINDER_SWEEP_MINUTES": "0.05"}
    start_celery("worker", "--concurrency=1", **env)
    start_celery("beat", **env)
    waiting, editor = new_request()

    private_redis.stop()  # the broker is gone
    make_due(waiting.reminders.get(kind="due_soon"))
    client.force_login(editor)
    response = client.post(
        "/test/log-request/",
        {"subject": "Logged while Redis was down", "authority": waiting.authority_id},
    )
    assert response.status_code == 201  # created, sent and refused as classified: no 500
    logged = int(response.content)
    classified = Reminder.objects.get(request_id=logged, kind="classified")
    assert classified.state == "pending" and classified.send_at <= timezone.now()
    for url in [
        reverse("request-letters", args=[waiting.pk]),
        reverse("deadline-calculator") + "?jurisdiction=RS&received_on=2026-01-31",
        reverse("request-list"),
    ]:
        assert client.get(url).status_code == 200, url

    private_redis.start()  # Redis returns, empty: the rows are the truth
    due = [classified.pk, waiting.reminders.get(kind="due_soon").pk]
    wait_until(
        lambda: Reminder.objects.filter(pk__in=due, state="sent").count() == 2,
        120,
        what="both due reminders sent after Redis returned",
    )
    three_more_sweeps()
    wait_until(lambda: len(delivered(mail_dir)) >= 2, 60, what="two emails")
    mails = delivered(mail_dir)
    assert len(mails) == 2 and {m["To"] for m in mails} == {editor.email}
    subjects = sorted(m["Subject"] for m in mails)
    assert subjects[0].startswith("Due ") and subjects[1].startswith("Refused as classified")
    for pk in due:
        assert Notification.objects.filter(reminder_id=pk).count() == 1


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
