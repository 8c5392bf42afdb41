"""Settings shared by every environment; everything that differs is read from the environment.

The embedded default (no DATABASE_URL, no REDIS_URL) is a SQLite database under var/ and
Celery's SQLAlchemy transport on a SQLite file, so that `make run` needs nothing but Python.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _
from django_countries import CountriesBase
from django_countries.data import COUNTRIES

from tracker import country_names
from tracker.email_url import email_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("TRACKER_VAR_DIR", default=str(BASE_DIR / "var")))

VAR_DIR.mkdir(parents=True, exist_ok=True)  # SQLite files, uploads, beat schedule

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="insecure-development-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
# The origin of the links the tracker writes (CSV `url`, OCDS publisher, e-mails, calendars).
# `make run` sets it to the address it serves on (HOST, PORT); production requires it.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's form templates, for FORM_RENDERER below
    "django_filters",
    "django_countries",
    "rest_framework",
    "drf_spectacular",
    "simple_history",
    "axes",
    "csp",
    "procurement",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's LocaleMiddleware, but the signed-in user's choice first (hence after auth).
    "procurement.core.languages.ReaderLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a lockout answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"
AUTH_USER_MODEL = "procurement.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace-dashboard"  # after sign-in: their workspace
LOGOUT_REDIRECT_URL = "home"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses locked-out credentials before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "procurement.core.context_processors.site",
            ],
        },
    },
]

# Form fields drawn by {{ field.as_field_group }} with templates/forms/field.html: labels, help
# texts and errors linked to their inputs (procurement/core/form_rendering.py).
FORM_RENDERER = "procurement.core.form_rendering.TrackerFormRenderer"

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tracker.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # web, worker and beat write to one file: WAL lets readers run beside a writer, and
    # IMMEDIATE transactions wait for the lock (timeout) instead of failing mid-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (shared by throttling and lockouts) ------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
CACHE_RETRY_SECONDS = env.float("CACHE_RETRY_SECONDS", default=5.0)
if REDIS_URL:
    CACHES = {
        "default": {
            # A cache outage must not take the site down: each call gives up within half a
            # second, errors are misses, and the cache is skipped for CACHE_RETRY_SECONDS.
            "BACKEND": "tracker.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tracker",
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "retry_seconds": CACHE_RETRY_SECONDS,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- Celery ---------------------------------------------------------------------------
CELERY_BROKER_URL = env.str(
    "CELERY_BROKER_URL",
    default=REDIS_URL or f"sqla+sqlite:///{VAR_DIR / 'celery-broker.sqlite'}",
)
# One queue name per deployment (tests use their own so parallel runs never share tasks).
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="tracker")
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Belgrade"
CELERY_ENABLE_UTC = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if CELERY_BROKER_URL.startswith("redis"):
    # A task not acknowledged within this time is redelivered: longer than any task runs.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    # The SQLAlchemy transport hands these to create_engine(); SQLite waits for locks.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"connect_args": {"timeout": 30}}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_ALWAYS_EAGER = False  # never: delivery is tested with a real worker

HEARTBEAT_SECONDS = env.float("HEARTBEAT_SECONDS", default=300.0)
# Deferred work (services/enqueue.py): every job is a row; beat's sweep publishes due
# reminders and re-publishes rows still owed after their grace or backoff.
REMINDER_SWEEP_MINUTES = env.float("REMINDER_SWEEP_MINUTES", default=1.0)
# A row published but still unsent after this long (its worker died, the broker lost the
# message) is published again; an attempt handed over this long ago without an outcome is
# taken for dead. Longer than any send takes (EMAIL_TIMEOUT), short enough to lose little.
REMINDER_REDELIVER_MINUTES = env.float("REMINDER_REDELIVER_MINUTES", default=5.0)
DELIVERY_MAX_ATTEMPTS = env.int("DELIVERY_MAX_ATTEMPTS", default=8)
DELIVERY_BACKOFF_SECONDS = env.float("DELIVERY_BACKOFF_SECONDS", default=60.0)
IMPORT_STALL_MINUTES = env.float("IMPORT_STALL_MINUTES", default=15.0)
REMINDER_DIGEST_HOUR = env.int("REMINDER_DIGEST_HOUR", default=7)
CELERY_BEAT_SCHEDULE = {
    # Proves that beat, the broker and a worker are all alive; shown on /status/.
    "heartbeat": {
        "task": "procurement.tasks.heartbeat_task",
        "schedule": HEARTBEAT_SECONDS,
    },
    # Due reminders become send tasks, deferred jobs still owed are published again and
    # crashed imports marked failed: rows are the truth, the broker may lose messages.
    "sweep-deferred": {
        "task": "procurement.tasks.sweep_deferred_task",
        "schedule": REMINDER_SWEEP_MINUTES * 60,
    },
    # A request left unanswered past its due date changes R063 without any write: each
    # morning, recompute the processes of those that lapsed since the last run.
    "recompute-lapsed-red-flags": {
        "task": "procurement.tasks.recompute_lapsed_red_flags_task",
        "schedule": crontab(hour=0, minute=30),
    },
    # Users who chose a daily digest get one email with the day's notifications.
    "send-digests": {
        "task": "procurement.tasks.send_digests_task",
        "schedule": crontab(hour=REMINDER_DIGEST_HOUR, minute=0),
    },
}

# --- Email ----------------------------------------------------------------------------
# consolemail:// (default), filemail:///abs/path, smtp+tls://user:password@host:587
_email = email_settings(env.str("EMAIL_URL", default="consolemail://"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="tracker@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- FOI mail: requests e-mailed from the tracker, replies received -----------------------
# Each request sends from request+<id>.<token>@FOI_MAIL_DOMAIN; replies to it come back here.
FOI_MAIL_DOMAIN = env.str("FOI_MAIL_DOMAIN", default="foi.localhost").strip().lower()
# The largest message the receiver and the IMAP poller accept (SMTP 552 beyond it).
MAIL_MAX_BYTES = env.int("MAIL_MAX_BYTES", default=50 * 1024 * 1024)
# IMAP polling (Froide's way): a mailbox that receives mail for FOI_MAIL_DOMAIN; off if unset.
IMAP_HOST = env.str("IMAP_HOST", default="")
IMAP_PORT = env.int("IMAP_PORT", default=993)
IMAP_USER = env.str("IMAP_USER", default="")
IMAP_PASSWORD = env.str("IMAP_PASSWORD", default="")
IMAP_FOLDER = env.str("IMAP_FOLDER", default="INBOX")
IMAP_SSL = env.bool("IMAP_SSL", default=True)
IMAP_POLL_SECONDS = env.float("IMAP_POLL_SECONDS", default=60.0)
# After a message is stored: moved to this folder, or (empty) only marked as read.
IMAP_DONE_FOLDER = env.str("IMAP_DONE_FOLDER", default="")
if IMAP_HOST:
    # Fetches unread mail and stores it before marking it read: nothing is lost, and the
    # same Message-ID fetched twice is stored once.
    CELERY_BEAT_SCHEDULE["poll-foi-mailbox"] = {
        "task": "procurement.tasks.poll_mailbox_task",
        "schedule": IMAP_POLL_SECONDS,
    }

# --- Passwords ------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time ------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("sr-latn", _("Serbian (Latin)")),
    ("sr", _("Serbian (Cyrillic)")),
    ("mk", _("Macedonian")),
    ("sq", _("Albanian")),
    ("bs", _("Bosnian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]  # .po committed; .mo built by `manage.py compilemessages`
LANGUAGE_COOKIE_NAME = "django_language"  # set by the switcher (/i18n/setlang/)
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Belgrade"
# Country names from CLDR in the reader's language (django-countries has no mk, sq, bs).
COUNTRIES_OVERRIDE = country_names.overrides(
    {**COUNTRIES, **CountriesBase.COMMON_NAMES, "XK": _("Kosovo")}
)

# --- Files ----------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
# Uploaded FOI documents live outside the web root and have no URL of their own: they are
# served only through a permission-checked view.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "uploads")))
MEDIA_URL = None
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=25 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Security headers (tightened further in production) ---------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# --- Who the client is (procurement.core.ratelimit.client_address) -------------------------
# How many proxies (nginx, a load balancer) stand in front of the application and append to
# X-Forwarded-For. 0: the header is ignored and the connection's address is the client's.
# Every limiter (API, search, exports, sign-in, password reset) and the audit log use it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- Sign-in throttling (django-axes) ---------------------------------------------------
AXES_CLIENT_IP_CALLABLE = "procurement.core.ratelimit.client_address"
AXES_LOCKOUT_CALLABLE = "procurement.accounts.views.signin_paused"  # 429 with Retry-After
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"  # answered with 429

# --- REST API ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Sessions only: no password is ever checked by the API itself (sign-in has lockouts).
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_THROTTLE_CLASSES": [
        "procurement.api.throttling.AnonymousAddressThrottle",
        "procurement.api.throttling.SignedInUserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="120/minute"),
        "user": env.str("API_USER_RATE", default="600/minute"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,  # for any throttle that reads DRF's own rule
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Procurement Transparency Tracker API",
    "DESCRIPTION": "Read-only access to the published award history and FOI requests.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # One name for the date-precision choices that several models share.
    "ENUM_NAME_OVERRIDES": {"DatePrecisionEnum": "procurement.models.common.DatePrecision"},
}

# --- Public search and exports: per-client limits on the shared cache (procurement.core.ratelimit)
SEARCH_RATE = env.str("SEARCH_RATE", default="60/minute")
EXPORT_RATE = env.str("EXPORT_RATE", default="10/minute")
# Password reset e-mails: per client address, and per account (the address typed in).
PASSWORD_RESET_RATE = env.str("PASSWORD_RESET_RATE", default="10/hour")
PASSWORD_RESET_ACCOUNT_RATE = env.str("PASSWORD_RESET_ACCOUNT_RATE", default="3/hour")

# --- Domain settings ----------------------------------------------------------------------
REMINDER_SWEEP_BATCH = env.int("REMINDER_SWEEP_BATCH", default=1000)
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="")
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
AXES_VERBOSE = False
