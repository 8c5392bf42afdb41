"""The reminder sweep on 100,000 open requests, 20,000 of them with a reminder due.

Prints the sweep's queries per batch (constant: select the ids, mark them published) and its
time as a ratio to the bare SQL that selects the same due rows (the limit), with publishing
replaced by a no-op (the database work) and, when REDIS_URL is set, with real publishing to
Redis on a private queue that is purged afterwards.
"""

import os
import random
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.common import bench, p50, timings
from procurement.core import enqueue
from procurement.foi.services.reference import seed_reference
from procurement.foi.services.reminders import sweep_due_reminders
from procurement.models import InfoRequest, Jurisdiction, Organisation, Reminder

REQUESTS = 100_000
DUE = 20_000
BATCH = int(os.environ.get("REMINDER_SWEEP_BATCH", "1000"))

DUE_ROWS = """
    state = 'pending' AND send_at <= %s AND (enqueued_at IS NULL OR enqueued_at < %s)
"""
# The limit: the bare SQL that selects the same due rows.
BARE_SQL = f"SELECT id FROM procurement_reminder WHERE {DUE_ROWS} ORDER BY id"
# A second floor: one statement that selects them and marks them published (the same writes).
BARE_UPDATE = f"UPDATE procurement_reminder SET enqueued_at = %s WHERE {DUE_ROWS} RETURNING id"
NOT_QUERIES = ("SAVEPOINT", "BEGIN", "COMMIT", "RELEASE")


def load(now) -> None:
    seed_reference()
    serbia = Jurisdiction.objects.get(code="RS")
    requester = Organisation.objects.create(name="Bench Watchdog", kind="civil_society")
    authorities = Organisation.objects.bulk_create(
        Organisation(name=f"Authority {n}", kind="public_authority", jurisdiction=serbia)
        for n in range(50)
    )
    rng = random.Random(7)
    today = timezone.localdate(now)
    requests = [
        InfoRequest(
            requester_organisation=requester,
            authority=rng.choice(authorities),
            jurisdiction=serbia,
            subject=f"Request {n}",
            text="Please send the contract.",
            status="sent",
            sent_on=today - timedelta(days=rng.randint(0, 40)),
            due_on=today + timedelta(days=rng.randint(-20, 20)),
        )
        for n in range(REQUESTS)
    ]
    InfoRequest.objects.bulk_create(requests, batch_size=5000)
    ids = list(InfoRequest.objects.order_by("pk").values_list("pk", flat=True))
    due_ids = set(rng.sample(ids, DUE))
    rows = []
    for pk in ids:
        due = date.today() + timedelta(days=rng.randint(1, 30))
        # Every request: a reminder in the future and one sent long ago (history).
        rows.append(
            Reminder(request_id=pk, kind="overdue", due_on=due, send_at=now + timedelta(days=3))
        )
        rows.append(
            Reminder(
                request_id=pk,
                kind="appeal_closing",
                due_on=due,
                send_at=now - timedelta(days=30),
                state="sent",
                sent_at=now - timedelta(days=30),
            )
        )
        if pk in due_ids:
            rows.append(
                Reminder(
                    request_id=pk, kind="due_soon", due_on=due, send_at=now - timedelta(hours=1)
                )
            )
    Reminder.objects.bulk_create(rows, batch_size=10_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE procurement_reminder")


def reset() -> None:
    Reminder.objects.filter(kind="due_soon").update(enqueued_at=None)


def bare_sql(now) -> int:
    with connection.cursor() as cursor:
        cursor.execute(BARE_SQL, [now, now - timedelta(minutes=30)])
        return len(cursor.fetchall())


def bare_update(now) -> int:
    with connection.cursor() as cursor:
        cursor.execute(BARE_UPDATE, [now, now, now - timedelta(minutes=30)])
        return len(cursor.fetchall())


def sweep(now) -> int:
    return sweep_due_reminders(now=now, batch_size=BATCH)


def run() -> None:
    now = timezone.now()
    load(now)
    assert bare_sql(now) == DUE
    published: list[int] = []
    real_publish = enqueue.publish
    enqueue.publish = lambda task_name, ids: published.extend(ids) or []
    try:
        reset()
        with CaptureQueriesContext(connection) as queries:
            assert sweep(now) == DUE
        statements = [q for q in queries if not q["sql"].startswith(NOT_QUERIES)]
        batches = -(-DUE // BATCH)
        bench("reminders.sweep.batches", batches, "batches")
        bench("reminders.sweep.queries_per_batch", (len(statements) - 1) / batches, "queries")
        assert len(published) == DUE and len(set(published)) == DUE

        sql_s = p50(timings(lambda: bare_sql(now), 7, warmup=2))
        update_samples, sweep_samples = [], []
        for _ in range(5):
            reset()
            update_samples += timings(lambda: bare_update(now), 1, warmup=0)
            reset()
            sweep_samples += timings(lambda: sweep(now), 1, warmup=0)
        update_s, sweep_s = p50(update_samples), p50(sweep_samples)
    finally:
        enqueue.publish = real_publish
    bench("reminders.bare_sql.p50", sql_s * 1000, "ms")
    bench("reminders.sweep.p50", sweep_s * 1000, "ms")
    bench("reminders.sweep.vs_bare_sql", sweep_s / sql_s, "x")
    bench("reminders.bare_update.p50", update_s * 1000, "ms")
    bench("reminders.sweep.vs_bare_update", sweep_s / update_s, "x")
    if os.environ.get("REDIS_URL"):
        with_broker(now, sql_s)


def with_broker(now, sql_s: float) -> None:
    """The same sweep publishing 20,000 real tasks to Redis, on a queue of its own."""
    from tracker.celery import app

    queue = f"bench-reminders-{os.getpid()}"
    app.conf.task_default_queue = queue
    try:
        reset()
        samples = timings(lambda: sweep(now), 1, warmup=0)
        bench("reminders.sweep_with_redis.p50", p50(samples) * 1000, "ms")
        bench("reminders.sweep_with_redis.vs_bare_sql", p50(samples) / sql_s, "x")
    finally:  # the 20,000 messages must not stay in a shared Redis
        with app.connection_for_write() as conn:
            channel = conn.default_channel
            channel.queue_purge(queue)
            channel.queue_delete(queue)
            channel.client.delete(
                queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"
            )
