"""`make run`: web server, Celery worker and beat in one terminal; one Ctrl-C stops all."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from procurement.demo.services import DEMO_USERS, load_demo

STOP_GRACE_SECONDS = 10
READY_WAIT_SECONDS = 90  # the banner waits this long at most for the worker's "ready."
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}  # noqa: S104 (what HOST= may say, not what we bind)


def served_origin(host: str, port: int) -> str:
    """The address the tracker is served on, for the links it writes (CSV, OCDS, e-mails, the
    calendar): HOST itself, or this machine's address on the network when HOST listens on
    every interface (so that a phone on the same network can follow them)."""
    if host in WILDCARD_HOSTS:
        host = _network_address()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def _network_address() -> str:
    # Connecting a UDP socket sends nothing; it only picks the interface a packet would take.
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1, never routed anywhere real
            return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"


def child_environment(host: str, port: int) -> dict[str, str]:
    """The children's environment: SITE_URL is the served address unless one was configured
    (in the environment or .env); any Host header is accepted when HOST is every interface."""
    env = dict(os.environ)
    env.setdefault("SITE_URL", served_origin(host, port))
    if host in WILDCARD_HOSTS:
        env.setdefault("DJANGO_ALLOWED_HOSTS", "*")
    return env


def _forward(stream, sink, ready: threading.Event, marker: bytes) -> None:
    """Copy a child's output to ours line by line; set `ready` when `marker` goes past."""
    for line in iter(stream.readline, b""):
        sink.write(line)
        sink.flush()
        if marker in line:
            ready.set()
    ready.set()  # the child ended: nothing to wait for


def demo_password(var_dir: Path) -> tuple[str, bool]:
    """DEMO_PASSWORD if set; otherwise one made up once and kept in var/demo-password."""
    if os.environ.get("DEMO_PASSWORD"):
        return os.environ["DEMO_PASSWORD"], False
    path = var_dir / "demo-password"
    if path.exists():
        return path.read_text().strip(), True
    password = secrets.token_urlsafe(12)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password, True


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Run the web server, a Celery worker and Celery beat together (`make run`)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--load-demo",
            dest="with_demo",
            action="store_true",
            help="Load the demo dataset, the registers of authorities and the accounts first.",
        )
        parser.add_argument(
            "--noreload", action="store_true", help="Do not restart the web server on code changes."
        )

    def handle(
        self, *args, host: str, port: int, with_demo: bool, noreload: bool, **options
    ) -> None:
        if not getattr(settings, "EMBEDDED_DEMO", False):
            raise CommandError(
                "runstack is for development; production runs gunicorn, worker and beat apart."
            )
        var_dir = Path(settings.VAR_DIR)
        var_dir.mkdir(parents=True, exist_ok=True)
        env = child_environment(host, port)
        banner = None
        if with_demo:
            password, made_up = demo_password(var_dir)
            load_demo(with_users=True, password=password, with_registers=True)
            banner = (served_origin(host, port), password, made_up, var_dir)

        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        celery = [sys.executable, "-m", "celery", "-A", "tracker"]
        commands = {
            "web": [*manage, "runserver", f"{host}:{port}", *(["--noreload"] if noreload else [])],
            "worker": [
                *celery,
                "worker",
                "--loglevel=INFO",
                "--concurrency=2",
                "-n",
                f"worker-{port}@%h",
            ],
            "beat": [
                *celery,
                "beat",
                "--loglevel=INFO",
                "-s",
                str(var_dir / "celerybeat-schedule"),
            ],
        }
        # The worker's start-up noise goes through us, so that the banner comes after it.
        children = {
            name: subprocess.Popen(
                cmd,
                cwd=settings.BASE_DIR,
                env=env,
                **({"stderr": subprocess.PIPE} if name == "worker" else {}),
            )
            for name, cmd in commands.items()
        }
        ready = threading.Event()
        threading.Thread(
            target=_forward,
            args=(children["worker"].stderr, sys.stderr.buffer, ready, b" ready."),
            daemon=True,
        ).start()
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            ready.wait(READY_WAIT_SECONDS)
            self.stdout.write(
                "Started "
                + ", ".join(f"{n} (pid {p.pid})" for n, p in children.items())
                + ". Ctrl-C stops all."
            )
            if banner:
                self._print_accounts(*banner)
            while True:
                for name, child in children.items():
                    if child.poll() is not None:
                        raise CommandError(
                            f"{name} exited with status {child.returncode}; stopping the rest."
                        )
                time.sleep(0.5)
        except KeyboardInterrupt:
            self.stdout.write("Stopping web, worker and beat…")
        finally:
            self._stop(children)

    def _stop(self, children: dict[str, subprocess.Popen]) -> None:
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in children.values():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()

    def _print_accounts(self, origin: str, password: str, made_up: bool, var_dir: Path) -> None:
        names = ", ".join(username for username, *_ in DEMO_USERS)
        where = (
            f" (made up and kept in {var_dir / 'demo-password'})"
            if made_up
            else " (from DEMO_PASSWORD)"
        )
        self.stdout.write(
            self.style.SUCCESS(f"\n  Tracker: {origin}/\n  Sign in at {origin}/accounts/login/")
        )
        self.stdout.write(f"  Demo accounts: {names}\n  Password: {password}{where}\n")
        self.stdout.flush()
