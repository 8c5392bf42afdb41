"""The Redis cache fails open (tracker/cache.py), against a real redis-server that stops."""

import logging

import pytest

from tracker.cache import CacheUnavailable, FailOpenRedisCache


@pytest.fixture
def cache(private_redis):
    return FailOpenRedisCache(
        private_redis.url,
        {
            "KEY_PREFIX": "unit",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "retry_seconds": 1},
        },
    )


def test_reads_miss_writes_drop_and_counters_refuse_while_redis_is_down(
    cache, private_redis, caplog
):
    cache.set("page", "cached")
    cache.add("hits", 0)
    assert cache.get("page") == "cached" and cache.incr("hits") == 1
    private_redis.stop()
    with caplog.at_level(logging.WARNING, logger="tracker.cache"):
        assert cache.get("page", "miss") == "miss"
        assert cache.get_or_set("chart", lambda: "computed") == "computed"
        cache.set("page", "new")  # dropped, no error
        assert cache.add("x", 1) is False and cache.get_many(["page"]) == {}
        with pytest.raises(CacheUnavailable):
            cache.incr("hits")
        with pytest.raises(ValueError):  # what callers of incr already handle
            cache.incr("hits")
    assert caplog.text.count("cache unavailable") == 1  # once per outage period
    private_redis.start()
    cache._down_until = 0  # the retry period is over
    assert cache.get("page") is None  # back, empty (no persistence)
    cache.set("page", "again")
    assert cache.get("page") == "again"


def test_clear_deletes_only_its_own_prefix(cache, private_redis):
    import redis

    server = redis.Redis.from_url(private_redis.url)
    server.set("celery-queue-item", "keep me")
    cache.set_many({f"k{n}": n for n in range(2500)})
    assert cache.get("k7") == 7
    cache.clear()
    assert cache.get("k7") is None
    assert server.get("celery-queue-item") == b"keep me"
