"""The one way to defer work: a row that a worker handles later, published by task name.

Every deferred job is a database row (a reminder, a notification's e-mail, an invitation, an
import run, a red-flag recomputation), written in the transaction that asked for it; a
published task only makes its handling prompt. So:

- `defer` marks rows queued and publishes one task per row after commit; a publish that fails
  — Redis stopped, broker unreachable — is logged, never raised, and the rows are left to
- `republish_owed`, which beat runs every REMINDER_SWEEP_MINUTES: rows still owed whose task
  was never published, or published more than REMINDER_REDELIVER_MINUTES ago (lost with a
  dead worker or a Redis that lost its memory), oldest next attempt first;
- `begin_attempt` / `record_success` / `record_failure` keep every attempt (time, error) on
  the row, back off exponentially (`next_attempt_at`) and give up after DELIVERY_MAX_ATTEMPTS
  (`failed_at`); `retry_now` takes a given-up row back.

From a web request a publish answers in about a second, never hangs: a fresh connection with
short socket timeouts and no retries is used, never the producer pool's retrying one.
Services name tasks by their dotted name; they never import `procurement.tasks`.
"""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from celery import current_app
from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

log = logging.getLogger(__name__)
ERROR_LENGTH = 2000


def _fast_fail_options(url: str) -> dict:
    options = {"max_retries": 0}  # kombu: one connection attempt, then give up
    if url.startswith(("redis://", "rediss://", "unix://")):
        options.update(socket_connect_timeout=1, socket_timeout=2)
    return options


def publish(task_name: str, ids: Iterable[int]) -> list[int]:
    """Send one `task_name(id)` per id now; return the ids that could not be sent."""
    pending = list(ids)
    if not pending:
        return []
    app = current_app
    url = str(app.conf.broker_write_url or app.conf.broker_url or settings.CELERY_BROKER_URL)
    sent = 0
    try:
        with app.connection_for_write(
            connect_timeout=1, transport_options=_fast_fail_options(url)
        ) as connection:
            for pk in pending:
                app.send_task(task_name, args=[pk], connection=connection, retry=False)
                sent += 1
    except Exception:  # any broker failure: the rows stay owed and the next sweep sends them
        log.warning(
            "could not publish %s for %d of %d ids; the next sweep will",
            task_name,
            len(pending) - sent,
            len(pending),
            exc_info=True,
        )
    return pending[sent:]


def _release(model: type[models.Model], ids: list[int]) -> None:
    """Rows whose task could not be published are owed again at the next sweep."""
    if ids:
        model.objects.filter(pk__in=ids).update(enqueued_at=None)


def publish_rows(task_name: str, model: type[models.Model], ids: list[int]) -> None:
    """Publish one `task_name(id)` per row now; rows the broker refused are owed again."""
    _release(model, publish(task_name, ids))


def defer(task_name: str, model: type[models.Model], ids: Iterable[int]) -> None:
    """Inside the transaction that wrote these rows: mark them queued and, after it commits,
    publish one `task_name(id)` per row; if the broker is down the sweep publishes them."""
    ids = list(ids)
    if not ids:
        return
    model.objects.filter(pk__in=ids).update(enqueued_at=timezone.now())
    transaction.on_commit(lambda: publish_rows(task_name, model, ids), robust=True)


def grace() -> timedelta:
    return timedelta(minutes=settings.REMINDER_REDELIVER_MINUTES)


def due_for_publishing(now: datetime) -> Q:
    """Owed rows that may be published now: not queued within the grace, not waiting for a
    backoff, not in an attempt handed over within the grace."""
    cutoff = now - grace()
    return (
        (Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=cutoff))
        & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        & (Q(attempt_started_at__isnull=True) | Q(attempt_started_at__lt=cutoff))
    )


NEXT_ATTEMPT_FIRST = (F("next_attempt_at").asc(nulls_first=True), "pk")


def republish_owed(
    task_name: str,
    owed: models.QuerySet,
    *,
    now: datetime,
    due: Q | None = None,
    order: tuple = NEXT_ATTEMPT_FIRST,
    batch_size: int | None = None,
) -> int:
    """Publish one task per row of `owed` that is due for publishing (`due`, by default
    `due_for_publishing`), oldest next attempt first (rows never tried before rows that
    failed), in batches of two queries (select and lock, mark queued); stops at the first
    batch the broker refuses. Returns how many were published."""
    size = batch_size or settings.REMINDER_SWEEP_BATCH
    due = due_for_publishing(now) if due is None else due
    total = 0
    while True:
        with transaction.atomic():
            # PostgreSQL skips rows another sweep holds, so two sweeps take different rows.
            ids = list(
                owed.filter(due)
                .select_for_update(skip_locked=True)
                .order_by(*order)
                .values_list("pk", flat=True)[:size]
            )
            if not ids:
                return total
            owed.model.objects.filter(pk__in=ids).update(enqueued_at=now)
        failed = publish(task_name, ids)
        total += len(ids) - len(failed)
        if failed:
            _release(owed.model, failed)
            return total


def in_flight(row: models.Model, now: datetime) -> bool:
    """An attempt was handed over within the grace and its outcome is not known yet."""
    started = row.attempt_started_at
    return started is not None and started >= now - grace()


def _entry(now: datetime, error: str) -> dict:
    return {"at": now.isoformat(), "error": error}


def begin_attempt(row: models.Model, now: datetime) -> None:
    """Record an attempt before handing the work over (the caller holds the row's lock and
    commits this first): a worker that dies after the hand-off leaves it on record."""
    if row.attempt_started_at is not None:  # the previous attempt never came back
        row.attempt_log = [*row.attempt_log, _entry(row.attempt_started_at, "outcome unknown")]
    row.attempts += 1
    row.last_attempt_at = row.attempt_started_at = now
    row.save(update_fields=["attempts", "last_attempt_at", "attempt_started_at", "attempt_log"])


def record_success(model: type[models.Model], pk: int, now: datetime, **done) -> None:
    """The attempt succeeded: the row is done (`done` holds its own mark, e.g. emailed_at)."""
    with transaction.atomic():
        row = model.objects.select_for_update().get(pk=pk)
        row.attempt_log = [*row.attempt_log, _entry(now, "")]
        row.attempt_started_at = row.next_attempt_at = None
        for field, value in done.items():
            setattr(row, field, value)
        row.save(
            update_fields=["attempt_log", "attempt_started_at", "next_attempt_at", *done.keys()]
        )


def backoff(attempts: int) -> timedelta:
    """Wait before the next attempt: DELIVERY_BACKOFF_SECONDS, doubled after each failure."""
    return timedelta(seconds=settings.DELIVERY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0))


def record_failure(
    model: type[models.Model], pk: int, error: BaseException | str, now: datetime, *, count=False
) -> bool:
    """The attempt failed: keep the error, schedule the next attempt with backoff, or give up
    after DELIVERY_MAX_ATTEMPTS. `count` adds the attempt (when nothing recorded it before,
    because it rolled back with the failure). Returns True when the row was given up."""
    text = (error if isinstance(error, str) else f"{type(error).__name__}: {error}")[:ERROR_LENGTH]
    with transaction.atomic():
        row = model.objects.select_for_update().get(pk=pk)
        if count:
            row.attempts += 1
            row.last_attempt_at = now
        row.attempt_log = [*row.attempt_log, _entry(now, text)]
        row.last_error = text
        row.attempt_started_at = row.enqueued_at = None
        row.next_attempt_at = now + backoff(row.attempts)
        given_up = row.attempts >= settings.DELIVERY_MAX_ATTEMPTS
        if given_up:
            row.failed_at, row.next_attempt_at = now, None
        row.save(
            update_fields=[
                "attempts",
                "last_attempt_at",
                "attempt_log",
                "last_error",
                "attempt_started_at",
                "enqueued_at",
                "next_attempt_at",
                "failed_at",
            ]
        )
    log.warning("%s %s attempt %d failed: %s", model.__name__, pk, row.attempts, text)
    return given_up


def retry_now(task_name: str, queryset: models.QuerySet, **undo) -> int:
    """Take given-up rows back: a fresh budget of attempts, published at once (or by the next
    sweep); `undo` resets the row's own failed mark (e.g. a reminder's state)."""
    ids = list(queryset.filter(failed_at__isnull=False).values_list("pk", flat=True))
    with transaction.atomic():
        queryset.model.objects.filter(pk__in=ids).update(
            failed_at=None, attempts=0, next_attempt_at=None, attempt_started_at=None, **undo
        )
        defer(task_name, queryset.model, ids)
    return len(ids)
