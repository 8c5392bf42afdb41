"""Real worker and beat processes for the reminder-delivery tests, delivering email into a
directory this process reads (tests/mailbox.py)."""

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis

from tests.processes import ROOT, CeleryProcess, wait_until, worker_environment


@pytest.fixture
def mail_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "mail"
    directory.mkdir()
    return directory


@pytest.fixture
def start_celery(transactional_db, tmp_path, mail_dir):
    """Start `celery worker` or `celery beat` with extra environment; all stopped at the end.
    The private test queue is purged first, so no task of an earlier test is delivered."""
    from tracker.celery import app

    app.control.purge()
    started: list[CeleryProcess] = []

    def start(kind: str, *args: str, **env: str) -> CeleryProcess:
        environment = worker_environment(
            **{
                "TEST_EMAIL_BACKEND": "tests.mailbox.DirectoryBackend",
                "TEST_MAIL_DIR": str(mail_dir),
                **env,
            }
        )
        if kind == "beat":
            args = ("--schedule", str(tmp_path / f"beat-{len(started)}.db"), *args)
        process = CeleryProcess(kind, tmp_path, *args, env=environment).start(ready_timeout=90)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()
    app.control.purge()  # nothing of this test stays queued in a shared broker


def time_shift_environment(seconds: float) -> dict[str, str]:
    """Environment that makes a worker's or beat's clock run `seconds` ahead."""
    paths = [str(ROOT / "tests" / "timeshift"), os.environ.get("PYTHONPATH", "")]
    return {
        "PYTHONPATH": os.pathsep.join(filter(None, paths)),
        "TRACKER_TEST_TIME_SHIFT_SECONDS": str(seconds),
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test's own, on a free port, that the test may stop and restart
    (the machine's shared Redis is never touched)."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "PrivateRedis":
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.ping, timeout=30, what="the private redis-server")
        return self

    def ping(self) -> bool:
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)
        deadline = time.monotonic() + 10
        while self.ping() and time.monotonic() < deadline:
            time.sleep(0.1)


@pytest.fixture
def private_redis(tmp_path):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs Redis: set REDIS_URL (CI runs this against the machine's Redis)")
    server = PrivateRedis(tmp_path).start()
    yield server
    server.stop()
