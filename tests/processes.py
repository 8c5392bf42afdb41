"""Real background processes for integration tests: a Celery worker (and beat) on the
configured broker, talking to the test database. Never eager mode: delivery is what we test."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def wait_until(
    predicate: Callable[[], object], timeout: float = 30.0, interval: float = 0.2, what: str = ""
) -> object:
    """Poll `predicate` until it returns something truthy; fail with `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what or predicate}")


def worker_environment(**extra: str) -> dict[str, str]:
    """The environment of a worker that shares this test run's database and private queue."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings.test",
        TEST_DATABASE_NAME=str(connection.settings_dict["NAME"]),
        CELERY_QUEUE=settings.CELERY_TASK_DEFAULT_QUEUE,
        TEST_CACHE_PREFIX=str(settings.CACHES["default"].get("KEY_PREFIX", "")),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


class CeleryProcess:
    """A `celery worker` or `celery beat` subprocess with its log kept in a file."""

    def __init__(
        self, kind: str, log_dir: Path, *args: str, env: dict[str, str] | None = None
    ) -> None:
        self.kind = kind
        self.name = f"{kind}-{uuid.uuid4().hex[:8]}"
        self.log_path = log_dir / f"{self.name}.log"
        self.args = args
        self.env = env or worker_environment()
        self.process: subprocess.Popen | None = None

    def start(self, ready_timeout: float = 60.0) -> "CeleryProcess":
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tracker",
            self.kind,
            "--loglevel=INFO",
            *self.args,
        ]
        if self.kind == "worker":
            command += ["-n", f"{self.name}@%h", "-Q", self.env["CELERY_QUEUE"]]
        with self.log_path.open("ab") as log:
            # Own session: killing the group takes the prefork children too.
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        marker = "ready." if self.kind == "worker" else "beat: Starting"
        try:
            wait_until(
                lambda: marker in self.log() or self.process.poll() is not None, ready_timeout
            )
        finally:
            if marker not in self.log():
                self.kill()
        assert marker in self.log(), f"{self.name} did not start:\n{self.log()[-3000:]}"
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, timeout: float = 30.0) -> None:
        """Warm shutdown (SIGTERM): running tasks finish first."""
        self._signal(signal.SIGTERM)
        self._wait(timeout)

    def kill(self) -> None:
        """Crash: SIGKILL to the whole process group, as when a machine loses power."""
        self._signal(signal.SIGKILL)
        self._wait(10)

    def _signal(self, signum: int) -> None:
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signum)

    def _wait(self, timeout: float) -> None:
        if not self.process:
            return
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGKILL)
            self.process.wait(10)
