"""Real mail servers for the FOI mail tests: a private Dovecot IMAP server (Debian's
dovecot-imapd, its own configuration in a temporary directory, on a free port) and the
tracker's own `manage.py receive_mail` as a subprocess talking to the test database."""

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.integration.conftest import free_port
from tests.processes import ROOT, wait_until, worker_environment

IMAP_USER, IMAP_PASSWORD = "foi", "imap-test-password"

DOVECOT_CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
info_log_path = {base}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
mail_location = maildir:{base}/home/%u/Maildir
default_login_user = dovenull
default_internal_user = dovecot
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={base}/home/%u
}}
# The auth processes read the password file in this private directory.
service auth {{
  user = root
}}
service auth-worker {{
  user = root
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _terminate(process: subprocess.Popen | None) -> None:
    """Stop a process this test started (by its own handle), killing it if it hangs."""
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


class PrivateDovecot:
    """A dovecot of this test's own: one mailbox (`foi`), plain IMAP on a free port."""

    def __init__(self) -> None:
        binary = shutil.which("dovecot") or (
            "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
        )
        if binary is None:
            pytest.skip("needs Debian's dovecot-imapd (.ci/run installs it)")
        self.binary = binary
        self.port = free_port()
        # Under /tmp (world-traversable), not pytest's private tmp: dovecot's mail process
        # runs as `nobody` and must reach the mailbox.
        self.base = Path(tempfile.mkdtemp(prefix="tracker-dovecot-"))
        self.process: subprocess.Popen | None = None

    def start(self) -> "PrivateDovecot":
        nobody = pwd.getpwnam("nobody")
        self.base.chmod(0o755)
        for name in ("run", "state", "home"):
            (self.base / name).mkdir()
        os.chown(self.base / "home", nobody.pw_uid, nobody.pw_gid)
        (self.base / "passwd").write_text(f"{IMAP_USER}:{{PLAIN}}{IMAP_PASSWORD}::::::\n")
        (self.base / "passwd").chmod(0o600)
        config = self.base / "dovecot.conf"
        config.write_text(
            DOVECOT_CONF.format(
                base=self.base, uid=nobody.pw_uid, gid=nobody.pw_gid, port=self.port
            )
        )
        self.process = subprocess.Popen(
            [self.binary, "-F", "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(lambda: _listening(self.port), 30, what="the private dovecot")
        return self

    def connect(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        imap.login(IMAP_USER, IMAP_PASSWORD)
        return imap

    def deliver(self, raw: bytes) -> None:
        """Put a message in the INBOX as an MTA would (IMAP APPEND, unread)."""
        imap = self.connect()
        try:
            status, _data = imap.append("INBOX", None, None, raw)
            assert status == "OK"
        finally:
            imap.logout()

    def unread(self) -> int:
        imap = self.connect()
        try:
            imap.select("INBOX")
            _status, found = imap.uid("SEARCH", None, "UNSEEN")
            return len((found[0] or b"").split())
        finally:
            imap.logout()

    def settings(self) -> dict[str, str]:
        """The tracker's IMAP settings for this server (environment variables)."""
        return {
            "IMAP_HOST": "127.0.0.1",
            "IMAP_PORT": str(self.port),
            "IMAP_USER": IMAP_USER,
            "IMAP_PASSWORD": IMAP_PASSWORD,
            "IMAP_SSL": "false",
        }

    def log(self) -> str:
        path = self.base / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        _terminate(self.process)
        deadline = time.monotonic() + 10
        while _listening(self.port) and time.monotonic() < deadline:
            time.sleep(0.1)
        shutil.rmtree(self.base, ignore_errors=True)


class Receiver:
    """`manage.py receive_mail` (SMTP, or LMTP) in a subprocess on the test database."""

    def __init__(self, log_dir: Path, *, lmtp: bool = False, **env: str) -> None:
        self.port = free_port()
        self.lmtp = lmtp
        self.log_path = log_dir / f"receive-mail-{self.port}.log"
        self.env = worker_environment(**env)
        self.process: subprocess.Popen | None = None

    def start(self) -> "Receiver":
        command = [sys.executable, "manage.py", "receive_mail", "--port", str(self.port)]
        if self.lmtp:
            command.append("--lmtp")
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        wait_until(lambda: _listening(self.port), 60, what="manage.py receive_mail")
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        _terminate(self.process)
