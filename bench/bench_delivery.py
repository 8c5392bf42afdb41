"""Reminder delivery under faults, with real processes: a private `redis-server` as broker,
two Celery workers and beat (intervals shortened through the environment), PostgreSQL, and
e-mail written to files (tests/mailbox.py) or handed to a real SMTP server (aiosmtpd).

Each scenario makes BENCH_DELIVERY_REMINDERS (default 1,000) reminders due, one e-mail each,
and prints `BENCH delivery_<scenario>_<figure> <n> reminders` for: due, sent_once, lost
(never e-mailed), doubled (e-mailed more than once) and doubled_new_id (a duplicate with
another Message-ID, which a mail client would not collapse), then the wall time.

- kill_after_handoff: five times, a worker is SIGKILLed after the mail server took a
  message and before the worker recorded it (tests/mailbox.py HOLD_AFTER);
- smtp_down_then_up: the SMTP server refuses every recipient (451) for 20 s, then accepts;
- redis_loses_queued: every send task is queued in Redis, then Redis loses its memory
  (FLUSHALL, as a restart without persistence) before any worker runs;
- clock_past_grace: every send task is queued, then the workers and beat start an hour
  ahead (past the grace): the sweep publishes all of them again.
"""

import os
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

import redis

from bench.common import bench
from procurement.foi.services.reference import seed_reference
from procurement.foi.services.reminders import sweep_due_reminders
from procurement.models import Notification, Reminder
from tests.integration.bulk import many_due_reminders
from tests.integration.conftest import PrivateRedis, time_shift_environment
from tests.mailbox import HOLD_AFTER, delivered
from tests.processes import CeleryProcess, wait_until, worker_environment
from tests.smtp_server import FlakySmtp
from tracker.celery import app

COUNT = int(os.environ.get("BENCH_DELIVERY_REMINDERS", "1000"))
FAST = {
    "REMINDER_SWEEP_MINUTES": "0.02",  # beat sweeps every 1.2 s
    "REMINDER_REDELIVER_MINUTES": "0.1",  # grace: 6 s
    "DELIVERY_BACKOFF_SECONDS": "1",
    "DELIVERY_MAX_ATTEMPTS": "8",
}


class Stack:
    """Workers and beat of one scenario, on the private Redis and a private queue."""

    def __init__(self, directory: Path, broker: str, **env: str) -> None:
        self.directory = directory
        self.mail_dir = directory / "mail"
        self.mail_dir.mkdir()
        self.env = worker_environment(
            **{
                **FAST,
                "CELERY_BROKER_URL": broker,
                "CELERY_QUEUE": app.conf.task_default_queue,
                "TEST_EMAIL_BACKEND": "tests.mailbox.DirectoryBackend",
                "TEST_MAIL_DIR": str(self.mail_dir),
                **env,
            }
        )
        self.processes: list[CeleryProcess] = []

    def start(self, kind: str) -> CeleryProcess:
        args = ("--concurrency=1",) if kind == "worker" else ("-s", str(self.directory / "b.db"))
        process = CeleryProcess(kind, self.directory, *args, env=self.env).start(90)
        self.processes.append(process)
        return process

    def start_all(self) -> float:
        """Two workers and beat; returns the time they started."""
        started = time.monotonic()
        self.start("worker")
        self.start("worker")
        self.start("beat")
        return started

    def stop(self) -> None:
        for process in self.processes:
            process.kill()


def outcome(name: str, ids: list[int], sends: Counter, started: float) -> None:
    """Print due / sent once / lost / doubled for the reminders `ids`."""
    notifications = dict(
        Notification.objects.filter(reminder_id__in=ids).values_list("pk", "reminder_id")
    )
    per_reminder = Counter()
    ids_per_reminder: dict[int, set] = {}
    for message_id, count in sends.items():
        pk = int(message_id.split(".")[1])
        reminder = notifications.get(pk)
        if reminder is not None:
            per_reminder[reminder] += count
            ids_per_reminder.setdefault(reminder, set()).add(message_id)
    bench(f"delivery_{name}_due", len(ids), "reminders")
    bench(f"delivery_{name}_sent_once", sum(1 for r in ids if per_reminder[r] == 1), "reminders")
    bench(f"delivery_{name}_lost", sum(1 for r in ids if per_reminder[r] == 0), "reminders")
    bench(f"delivery_{name}_doubled", sum(1 for r in ids if per_reminder[r] > 1), "reminders")
    new_ids = sum(1 for r in ids if len(ids_per_reminder.get(r, ())) > 1)
    bench(f"delivery_{name}_doubled_new_id", new_ids, "reminders")
    bench(f"delivery_{name}_seconds", time.monotonic() - started, "s")


def file_sends(mail_dir: Path) -> Counter:
    return Counter(m["Message-ID"].strip("<>") for m in delivered(mail_dir))


def all_emailed(ids: list[int]) -> bool:
    return (
        Reminder.objects.filter(pk__in=ids, state="sent").count() == len(ids)
        and not Notification.objects.filter(reminder_id__in=ids, emailed_at__isnull=True).exists()
    )


def settle(stack: Stack, ids: list[int], timeout: float) -> None:
    """Wait until every reminder was e-mailed (or the timeout), then a few more sweeps."""
    try:
        wait_until(lambda: all_emailed(ids), timeout, 1.0, what="every reminder e-mailed")
    except AssertionError as error:
        print(f"# {error}")
    time.sleep(5)  # late duplicates, if any, would arrive now


def kill_after_handoff(directory: Path, broker: str) -> None:
    ids = many_due_reminders(COUNT)
    stack = Stack(directory, broker)
    started = time.monotonic()
    workers = [stack.start("worker"), stack.start("worker")]
    stack.start("beat")
    for _ in range(5):
        (stack.mail_dir / HOLD_AFTER).touch()
        marker = wait_until(lambda: list(stack.mail_dir.glob("handed-*")), 120, what="hand-off")
        pid = int(marker[0].name.split("-")[1])
        victim = next(w for w in workers if pid in child_pids(w))
        victim.kill()
        for path in stack.mail_dir.glob("handed-*"):
            path.unlink()
        (stack.mail_dir / HOLD_AFTER).unlink()
        workers[workers.index(victim)] = stack.start("worker")
        time.sleep(2)
    settle(stack, ids, 600)
    stack.stop()
    outcome("kill_after_handoff", ids, file_sends(stack.mail_dir), started)


def child_pids(worker: CeleryProcess) -> set[int]:
    """The worker's main process and its prefork children."""
    pids = {worker.process.pid}
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().split()
        except OSError:
            continue
        if int(fields[3]) == worker.process.pid:
            pids.add(int(fields[0]))
    return pids


def smtp_down_then_up(directory: Path, broker: str) -> None:
    ids = many_due_reminders(COUNT)
    smtp = FlakySmtp()
    smtp.refuse_all = True
    smtp.controller.start()
    stack = Stack(
        directory,
        broker,
        TEST_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp.controller.port}",
    )
    started = stack.start_all()
    time.sleep(20)
    failed_once = Notification.objects.filter(reminder_id__in=ids).exclude(last_error="").count()
    bench("delivery_smtp_down_then_up_errors_recorded", failed_once, "notifications")
    smtp.refuse_all = False
    settle(stack, ids, 600)
    stack.stop()
    smtp.controller.stop()
    sends = Counter()
    for envelope in smtp.accepted:
        for line in envelope.content.decode().splitlines():
            if line.lower().startswith("message-id:"):
                sends[line.split(":", 1)[1].strip().strip("<>")] += 1
    outcome("smtp_down_then_up", ids, sends, started)


def redis_loses_queued(directory: Path, broker: str) -> None:
    ids = many_due_reminders(COUNT)
    published = sweep_due_reminders()
    server = redis.Redis.from_url(broker)
    queued = server.llen(app.conf.task_default_queue)
    server.flushall()  # every queued task is gone
    bench("delivery_redis_loses_queued_lost_in_redis", min(published, queued), "tasks")
    stack = Stack(directory, broker)
    started = stack.start_all()
    settle(stack, ids, 600)
    stack.stop()
    outcome("redis_loses_queued", ids, file_sends(stack.mail_dir), started)


def clock_past_grace(directory: Path, broker: str) -> None:
    ids = many_due_reminders(COUNT)
    app.send_task("procurement.tasks.sweep_deferred_task")  # first in the queue
    sweep_due_reminders()  # then every send task, published now
    stack = Stack(directory, broker, **time_shift_environment(3600))
    started = stack.start_all()
    settle(stack, ids, 600)
    stack.stop()
    outcome("clock_past_grace", ids, file_sends(stack.mail_dir), started)


def run() -> None:
    seed_reference()
    root = Path(tempfile.mkdtemp(prefix="bench-delivery-"))
    private = PrivateRedis(root).start()
    app.conf.broker_url = private.url
    app.conf.task_default_queue = f"bench-delivery-{os.getpid()}"
    try:
        for scenario in (kill_after_handoff, smtp_down_then_up, redis_loses_queued):
            directory = root / scenario.__name__
            directory.mkdir()
            scenario(directory, private.url)
        directory = root / "clock_past_grace"
        directory.mkdir()
        clock_past_grace(directory, private.url)
    finally:
        private.stop()
        shutil.rmtree(root, ignore_errors=True)
