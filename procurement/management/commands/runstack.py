"""`make run`: web server, Celery worker and beat in one terminal; one Ctrl-C stops all."""

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from procurement.demo.services import DEMO_USERS, load_demo

STOP_GRACE_SECONDS = 10


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
        if with_demo:
            password, made_up = demo_password(var_dir)
            load_demo(with_users=True, password=password, with_registers=True)
            self._print_accounts(host, port, password, made_up, var_dir)

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
        children = {
            name: subprocess.Popen(cmd, cwd=settings.BASE_DIR) for name, cmd in commands.items()
        }
        self.stdout.write(
            "Started "
            + ", ".join(f"{n} (pid {p.pid})" for n, p in children.items())
            + ". Ctrl-C stops all."
        )
        signal.signal(signal.SIGTERM, _interrupt)
        try:
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

    def _print_accounts(
        self, host: str, port: int, password: str, made_up: bool, var_dir: Path
    ) -> None:
        origin = f"http://{host}:{port}"
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
