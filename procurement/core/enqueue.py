"""Publishing Celery tasks after commit, without ever failing the caller.

The database rows (reminders, notifications) are the truth; a published task only makes
their delivery prompt. So a publish that fails — Redis stopped, broker unreachable — is
logged and forgotten: the beat sweep finds the rows and publishes them again. From a web
request a publish must answer in about a second, never hang: a fresh connection with short
socket timeouts and no retries is used, never the producer pool's retrying one.
"""

import logging
from collections.abc import Callable, Iterable

from celery import current_app
from django.conf import settings
from django.db import transaction

log = logging.getLogger(__name__)


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
    except Exception:  # any broker failure: the rows stay due and the next sweep sends them
        log.warning(
            "could not publish %s for %d of %d ids; the next sweep will",
            task_name,
            len(pending) - sent,
            len(pending),
            exc_info=True,
        )
    return pending[sent:]


def publish_on_commit(
    task_name: str,
    ids: Iterable[int],
    on_failure: Callable[[list[int]], None] | None = None,
) -> None:
    """After the current transaction commits, publish one task per id (see `publish`);
    `on_failure` gets the ids that could not be sent."""
    ids = list(ids)
    if not ids:
        return

    def send() -> None:
        failed = publish(task_name, ids)
        if failed and on_failure:
            on_failure(failed)

    transaction.on_commit(send, robust=True)


def send_task(task_name: str, args: tuple = (), **options) -> None:
    """Send `task_name(*args)` now, exactly as the task's own `apply_async(args, **options)`
    would: services name their tasks and never import tasks.py (an entry point)."""
    current_app.send_task(task_name, args=args, **options)
