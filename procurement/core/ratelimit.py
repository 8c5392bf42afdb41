"""A small fixed-window rate limiter on the shared cache (Redis in production).

`allow("search", client, "60/minute")` counts one hit of `client` in the current window and
says whether it is within the rate. A cache outage lets requests through: the site stays up
without its limiter rather than going down with it. Views use the `rate_limited` decorator;
other areas reuse both (e.g. issue 5's suggestion form).
"""

import functools
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'60/minute' → (60, 60): how many hits per how many seconds."""
    count, _slash, period = rate.partition("/")
    if not count.strip().isdigit() or period.strip() not in PERIODS:
        raise ValueError(f"A rate looks like '60/minute', not {rate!r}")
    return int(count), PERIODS[period.strip()]


def allow(bucket: str, client: str, rate: str, now: float | None = None) -> tuple[bool, int]:
    """Count a hit; return (allowed, seconds until the window resets)."""
    limit, period = parse_rate(rate)
    now = time.time() if now is None else now
    window = int(now // period)
    key = f"ratelimit:{bucket}:{client}:{window}"
    retry_after = int(period - now % period) + 1
    try:
        cache.add(key, 0, timeout=period + 1)
        hits = cache.incr(key)
    except Exception:
        logger.warning("rate limiter unavailable; letting %s through", bucket, exc_info=True)
        return True, 0
    return hits <= limit, retry_after


def client_address(request) -> str:
    """The client's address as django-axes sees it: one rule for limits, lockouts and the log."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "unknown"


def rate_limited(bucket: str, setting: str):
    """Refuse with 429 (and Retry-After) once a client exceeds settings.<setting>."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            allowed, retry_after = allow(
                bucket, client_address(request), getattr(settings, setting)
            )
            if not allowed:
                response = render(
                    request,
                    "procurement/too_many_requests.html",
                    {"retry_after": retry_after, "message": _("Too many searches at once.")},
                    status=429,
                )
                response["Retry-After"] = str(retry_after)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
