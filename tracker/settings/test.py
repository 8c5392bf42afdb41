"""Settings for the test suite: the configured database and broker (PostgreSQL + Redis in CI,
SQLite + the SQLAlchemy transport by default), fast hashing, mail kept in memory.

A real Celery worker started by a test loads these settings too; the test passes it the test
database's name (TEST_DATABASE_NAME) and its private queue (CELERY_QUEUE) in the environment.
"""

import os

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, REDIS_URL, VAR_DIR, env

DEBUG = False
EMBEDDED_DEMO = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker started by a test delivers where the test reads: a backend given by the test
# (tests/mailbox.py), or files in TEST_EMAIL_DIR.
EMAIL_BACKEND = env.str(
    "TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend"
)
if os.environ.get("TEST_EMAIL_DIR"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["TEST_EMAIL_DIR"]
if REDIS_URL:
    # The real cache (tracker.cache.FailOpenRedisCache, from base): what production runs, so
    # that a Redis outage is tested. One key prefix per test run (workers started by a test
    # get it in TEST_CACHE_PREFIX), cleared between tests by prefix — never FLUSHDB, the
    # broker and other runs share the database.
    CACHES["default"]["KEY_PREFIX"] = env.str(
        "TEST_CACHE_PREFIX", default=f"tracker-test-{os.getpid()}"
    )
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not :memory:, so that a real Celery worker process can see the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-tracker.sqlite3")}
if os.environ.get("TEST_DATABASE_NAME"):
    # Inside a worker started by a test: connect straight to the test database.
    DATABASES["default"]["NAME"] = os.environ["TEST_DATABASE_NAME"]

if not REDIS_URL and not os.environ.get("CELERY_BROKER_URL"):
    # Not the file `make run` uses: a test run never takes a developer's queued tasks.
    CELERY_BROKER_URL = f"sqla+sqlite:///{VAR_DIR / 'test-celery-broker.sqlite'}"
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default=f"tracker-test-{os.getpid()}")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
