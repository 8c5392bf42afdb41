"""Fixed-window rate limits in the shared cache, and what happens when the cache is down."""

from unittest import mock

import time_machine
from django.core.cache import cache

from procurement.rate_limits import allow


def test_limit_per_key_and_window():
    with time_machine.travel("2025-03-01 10:00:05", tick=False):
        assert [allow("s", "ip1", limit=3, window_seconds=60) for _ in range(4)] == [
            True,
            True,
            True,
            False,
        ]
        assert allow("s", "ip2", limit=3, window_seconds=60)
        assert allow("other", "ip1", limit=3, window_seconds=60)
    with time_machine.travel("2025-03-01 10:01:01", tick=False):
        assert allow("s", "ip1", limit=3, window_seconds=60)  # a new window


def test_a_cache_outage_lets_requests_through():
    with mock.patch.object(cache, "add", side_effect=ConnectionError("redis down")):
        assert all(allow("s", "ip", limit=1, window_seconds=60) for _ in range(3))
