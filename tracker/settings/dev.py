"""The embedded default used by `make run`: SQLite, the SQLAlchemy broker, email on the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
EMBEDDED_DEMO = True  # allows printing demo credentials; never set in production
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
