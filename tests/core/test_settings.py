"""Production settings: hardened, no insecure defaults, Django's deployment checklist clean."""

import os
import subprocess
import sys

from tests.processes import ROOT

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "tracker.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-for-the-test-only-0123456789abcdef",
    "DJANGO_ALLOWED_HOSTS": "tracker.example.org",
    "SITE_URL": "https://tracker.example.org",
    "DATABASE_URL": "postgres://tracker@db.invalid/tracker",
    "REDIS_URL": "redis://redis.invalid:6379/0",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deployment_checklist_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_its_secrets():
    for missing in (
        "DJANGO_SECRET_KEY",
        "DATABASE_URL",
        "REDIS_URL",
        "DJANGO_ALLOWED_HOSTS",
        "SITE_URL",
    ):
        env = {k: v for k, v in PRODUCTION.items() if k != missing}
        result = manage("check", **env)
        assert result.returncode != 0, missing
        assert missing in result.stderr


def test_production_never_prints_or_creates_demo_accounts():
    result = manage("runstack", "--load-demo", **PRODUCTION)
    assert result.returncode != 0 and "for development" in result.stderr
    result = manage("load_demo", "--users", "--password", "x", **PRODUCTION)
    assert result.returncode != 0 and "never created with production settings" in result.stderr


def test_filemail_urls_with_three_or_four_slashes_mean_the_same_absolute_directory():
    from tracker.email_url import email_settings

    for url in ("filemail:///var/mail/tracker", "filemail:////var/mail/tracker"):
        assert email_settings(url)["EMAIL_FILE_PATH"] == "/var/mail/tracker", url
    assert "EMAIL_FILE_PATH" not in email_settings("filemail://")  # the default directory


def test_filemail_writes_the_email_into_the_absolute_directory(tmp_path):
    for slashes in ("///", "////"):
        directory = tmp_path / f"mail{len(slashes)}"
        url = f"filemail:{slashes}{str(directory).lstrip('/')}"
        env = {"DJANGO_SETTINGS_MODULE": "tracker.settings.dev", "EMAIL_URL": url}
        result = manage("sendtestemail", "someone@example.org", **env)
        assert result.returncode == 0, result.stderr
        files = list(directory.glob("*.log"))
        assert len(files) == 1, (url, list(tmp_path.rglob("*")))
        assert "To: someone@example.org" in files[0].read_text()


def test_the_development_secret_key_is_the_same_at_every_start():
    """A restart of `make run` keeps the sessions: the development key is not made up anew."""
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    keys = {
        manage("shell", "-c", code, DJANGO_SETTINGS_MODULE="tracker.settings.dev").stdout
        for _ in range(2)
    }
    assert len(keys) == 1 and keys != {""}
