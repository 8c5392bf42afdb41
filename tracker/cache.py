"""A Redis cache that fails open: an outage is a cache miss, never an error page.

Everything the site caches (search fragments, chart data, facet counts) can be recomputed,
and the rate limiters count on it (DRF's throttles, procurement.core.ratelimit): with Redis
stopped they let requests through rather than take the site down. Each operation gives up
after a short socket timeout; after a failure the cache is skipped for
CACHE_RETRY_SECONDS (a circuit breaker), so an outage costs one timeout per process and
period, not one per cache call. Each outage is logged once per period.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

log = logging.getLogger(__name__)
RETRY_SECONDS = 5.0


class CacheUnavailable(ValueError):
    """Raised by incr/decr while the cache is down (Django's own error for a missing key is a
    ValueError, so callers that treat a miss already treat this)."""


class FailOpenRedisCache(RedisCache):
    """django's RedisCache whose errors are misses (reads), no-ops (writes) and a
    CacheUnavailable (counters), logged once per outage period; `clear` deletes only its
    own keys."""

    def __init__(self, server, params) -> None:
        options = dict(params.get("OPTIONS", {}))
        self._retry_seconds = float(options.pop("retry_seconds", RETRY_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, operation: str, key, error: Exception) -> None:
        with self._lock:
            first = self._available()
            self._down_until = time.monotonic() + self._retry_seconds
        if first:
            log.warning(
                "cache unavailable (%s %r: %s); treated as a miss for %.0f s",
                operation,
                key,
                error,
                self._retry_seconds,
            )

    def _guard(self, operation: str, key, miss, call, *args):
        if not self._available():
            return miss
        try:
            return call(self, *args)
        except Exception as error:  # redis.ConnectionError, TimeoutError, ResponseError …
            self._failed(operation, key, error)
            return miss

    def get(self, key, default=None, version=None):
        return self._guard("get", key, default, RedisCache.get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", keys, {}, RedisCache.get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", key, False, RedisCache.has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("add", key, False, RedisCache.add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guard("set", key, None, RedisCache.set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", list(data), [], RedisCache.set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", key, False, RedisCache.touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", key, False, RedisCache.delete, key, version)

    def delete_many(self, keys, version=None):
        self._guard("delete_many", keys, None, RedisCache.delete_many, keys, version)

    def clear(self):
        """Delete this cache's keys (its KEY_PREFIX) only, never FLUSHDB: the Celery broker
        (and, in tests, other runs) share the Redis database."""
        return self._guard("clear", "*", False, FailOpenRedisCache._delete_prefixed)

    def _delete_prefixed(self) -> bool:
        client = self._cache.get_client(write=True)
        batch = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
        return True

    def incr(self, key, delta=1, version=None):
        if not self._available():
            raise CacheUnavailable(f"cache unavailable: {key!r} not counted")
        try:
            return super().incr(key, delta, version)
        except ValueError:
            raise  # a missing key: Django's own answer
        except Exception as error:
            self._failed("incr", key, error)
            raise CacheUnavailable(f"cache unavailable: {key!r} not counted") from error

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version)
