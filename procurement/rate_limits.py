"""Fixed-window rate limits kept in the shared cache (Redis in production).

A cache outage lets requests through rather than taking the page down with it.
"""

import logging
import time

from django.core.cache import cache

log = logging.getLogger(__name__)


def allow(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """True while `key` has made at most `limit` calls of `scope` in the current window."""
    window = int(time.time() // window_seconds)
    cache_key = f"rate:{scope}:{key}:{window}"
    try:
        cache.add(cache_key, 0, timeout=window_seconds + 1)
        return cache.incr(cache_key) <= limit
    except ValueError:  # expired between add and incr: this is the window's first call
        cache.set(cache_key, 1, timeout=window_seconds + 1)
        return True
    except Exception:  # the cache is down: do not refuse service because of it
        log.warning("rate limit %s not checked: cache unavailable", scope, exc_info=True)
        return True
