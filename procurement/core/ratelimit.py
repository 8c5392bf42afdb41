"""A small fixed-window rate limiter on the shared cache (Redis in production), and the one
rule that says who the client is.

`allow("search", client, "60/minute")` counts one hit of `client` in the current window and
says whether it is within the rate. A cache outage lets requests through: the site stays up
without its limiter rather than going down with it. Views use the `rate_limited` decorator;
other areas reuse both (e.g. the suggestion form, the password reset).

Who the client is (`client_address`) is decided once for every limiter — API throttles,
search, exports, sign-in lockouts, password reset, suggestions — and for the audit log:
`X-Forwarded-For` is trusted only from the `TRUSTED_PROXY_COUNT` proxies in front of the
application (0 by default: the connection's own address, whatever the header says). A
signed-in user is counted as themselves where `per_user` is asked for (`client_key`), so an
office behind one address is not blocked by its colleagues.
"""

import functools
import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

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


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def forwarded_client(remote_addr: str, forwarded_for: str, trusted_proxies: int) -> str | None:
    """The client's address when `trusted_proxies` proxies stand in front of the application:
    each appends the address it received the request from to X-Forwarded-For, so the client
    is the entry that many places from the end; anything further left was written by the
    client itself and is never believed. With no trusted proxy, the connection's address."""
    if trusted_proxies <= 0:
        return _address(remote_addr or "")
    hops = [hop for hop in (forwarded_for or "").split(",") if hop.strip()]
    if not hops:
        return _address(remote_addr or "")
    return _address(hops[-min(trusted_proxies, len(hops))]) or _address(remote_addr or "")


def client_address(request) -> str | None:
    """The client's address, one rule for every limiter, lockout and the audit log (None
    when the request has none, e.g. one made up by a test or a management command)."""
    meta = getattr(request, "META", None) or {}
    return forwarded_client(
        meta.get("REMOTE_ADDR", ""),
        meta.get("HTTP_X_FORWARDED_FOR", ""),
        settings.TRUSTED_PROXY_COUNT,
    )


def client_key(request, *, per_user: bool = False) -> str:
    """What a limiter counts: the signed-in user when `per_user`, else the client address."""
    user = getattr(request, "user", None)
    if per_user and user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_address(request) or 'unknown'}"


def too_many(request, retry_after: int, message: str, hint: str = ""):
    """The 429 page (what was refused, and what to do instead) with its Retry-After header."""
    response = render(
        request,
        "procurement/too_many_requests.html",
        {"retry_after": retry_after, "message": message, "hint": hint},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def rate_limited(bucket: str, setting: str, *, message, hint="", per_user: bool = False):
    """Refuse with 429 (Retry-After, `message` and `hint`) once a client exceeds
    settings.<setting>; signed-in users are counted one by one when `per_user`."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            allowed, retry_after = allow(
                bucket, client_key(request, per_user=per_user), getattr(settings, setting)
            )
            if not allowed:
                return too_many(request, retry_after, str(message), str(hint))
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
