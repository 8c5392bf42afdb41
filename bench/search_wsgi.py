"""gunicorn entry point of the search benchmark: the bench settings plus a floor view."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings.bench")

import django
from django.conf import settings

django.setup()
settings.ROOT_URLCONF = "bench.search_urls"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
