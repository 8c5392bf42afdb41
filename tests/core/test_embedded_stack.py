"""`make run`'s embedded stack: web + worker + beat on SQLite and the SQLAlchemy transport.

Starts the stack exactly as `make run` does (manage.py runstack --load-demo), fetches /, and
waits until a beat-scheduled task has been executed by the worker through the SQLite broker.
One Ctrl-C (SIGINT to the process group) stops all of it.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request

import pytest

from tests.processes import ROOT, wait_until

pytestmark = pytest.mark.embedded_stack

SERVER_SETTINGS = (
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_QUEUE",
    "TEST_DATABASE_NAME",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (localhost)
            return response.read().decode() if response.status == 200 else ""
    except OSError:
        return ""


def test_make_run_stack_serves_pages_and_runs_beat_tasks_in_the_worker(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in SERVER_SETTINGS}
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings.dev",
        TRACKER_VAR_DIR=str(tmp_path / "var"),
        HEARTBEAT_SECONDS="1",
        DEMO_PASSWORD="stack-test-password",
        PYTHONUNBUFFERED="1",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    (tmp_path / "var").mkdir()
    for step in (["compilemessages", "-v0"], ["migrate", "--noinput", "-v0"]):
        subprocess.run([*manage, *step], env=env, cwd=ROOT, check=True, timeout=300)

    port = free_port()
    log_path = tmp_path / "stack.log"
    with log_path.open("wb") as log:
        stack = subprocess.Popen(
            [*manage, "runstack", "--load-demo", "--port", str(port), "--noreload"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        home = wait_until(lambda: fetch(f"http://127.0.0.1:{port}/"), 120, what="the home page")
        assert "Procurement Transparency Tracker" in home and "Safe City" in home
        serbian = fetch(f"http://127.0.0.1:{port}/sr-latn/")
        assert "Praćenje transparentnosti javnih nabavki" in serbian  # compiled catalogues
        origin = f"http://127.0.0.1:{port}"
        output = wait_until(
            lambda: "Password:" in log_path.read_text() and log_path.read_text(),
            120,
            what="the sign-in banner",
        )
        assert "Password: stack-test-password (from DEMO_PASSWORD)" in output
        assert "admin, reviewer, share, watch" in output
        # The banner comes after the worker's start-up noise, where it is seen.
        assert output.index(" ready.") < output.index(f"Sign in at {origin}/accounts/login/")
        # The links the tracker writes name the port it is served on, not :8000.
        csv_text = fetch(f"{origin}/awards/export.csv")
        assert f",{origin}/awards/" in csv_text and ":8000" not in csv_text
        ocds = json.loads(fetch(f"{origin}/awards/export.ocds.json") or "{}")
        assert ocds.get("publisher", {}).get("uri") == origin
        # Every authority on record: the shipped registers were loaded with the demo.
        found = fetch(f"http://127.0.0.1:{port}/api/organisations/?q=ministarstvo+zdravlja")
        assert "Ministarstvo zdravlja" in [o["name"] for o in json.loads(found)["results"]]

        def runs() -> int:
            match = re.search(r'data-runs="(\d+)"', fetch(f"http://127.0.0.1:{port}/status/"))
            return int(match.group(1)) if match else 0

        wait_until(lambda: runs() >= 2, 120, what="beat → SQLite broker → worker heartbeats")
        assert (
            str(tmp_path / "var" / "celery-broker.sqlite")
            in (tmp_path / "var").joinpath("celery-broker.sqlite").as_posix()
        )
        assert (tmp_path / "var" / "celery-broker.sqlite").exists()
    finally:
        os.killpg(stack.pid, signal.SIGINT)  # what one Ctrl-C in the terminal does
        stack.wait(timeout=60)
    pids = [int(pid) for pid in re.findall(r"\(pid (\d+)\)", log_path.read_text())]
    assert len(pids) == 3
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert fetch(f"http://127.0.0.1:{port}/") == ""


def test_the_links_follow_the_served_address_unless_site_url_is_set(monkeypatch):
    from procurement.management.commands import runstack

    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("DJANGO_ALLOWED_HOSTS", raising=False)
    env = runstack.child_environment("127.0.0.1", 8801)
    assert env["SITE_URL"] == "http://127.0.0.1:8801"
    assert "DJANGO_ALLOWED_HOSTS" not in env
    assert runstack.served_origin("localhost", 9000) == "http://localhost:9000"
    assert runstack.served_origin("::1", 9000) == "http://[::1]:9000"
    wildcard = "0.0.0.0"  # noqa: S104 (HOST= every interface)
    every = runstack.child_environment(wildcard, 8801)
    assert every["SITE_URL"].endswith(":8801") and wildcard not in every["SITE_URL"]
    assert every["DJANGO_ALLOWED_HOSTS"] == "*"  # a phone on the network names the machine
    monkeypatch.setenv("SITE_URL", "https://tracker.example.org")
    assert runstack.child_environment("127.0.0.1", 8801)["SITE_URL"] == (
        "https://tracker.example.org"
    )


def make_dry_run(*args: str) -> str:
    """What `make` would run (-n: nothing is run), from the checkout."""
    return subprocess.run(
        ["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    ).stdout


def test_make_run_takes_port_and_host_and_the_first_install_shows_its_progress(tmp_path):
    assert '--host "0.0.0.0" --port "8801"' in make_dry_run("run", "PORT=8801", "HOST=0.0.0.0")
    assert '--host "127.0.0.1" --port "8000"' in make_dry_run("run")
    # A fresh machine: the venv does not exist yet, so the install runs, and says so.
    first = make_dry_run("install", f"VENV={tmp_path / 'venv'}")
    assert 'echo "installing dependencies (about a minute)…"' in first
    pip = next(line for line in first.splitlines() if "pip install" in line)
    assert "-q" not in pip.split() and "-qq" not in pip.split()  # pip's lines stay visible
