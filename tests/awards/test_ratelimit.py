"""The cache-based limiter of public searches and exports (reused by other areas)."""

import pytest
from django.urls import reverse

from procurement.core import ratelimit

pytestmark = pytest.mark.django_db


def test_parse_rate():
    assert ratelimit.parse_rate("60/minute") == (60, 60)
    assert ratelimit.parse_rate("5/second") == (5, 1)
    for bad in ["60", "x/minute", "10/fortnight"]:
        with pytest.raises(ValueError, match="60/minute"):
            ratelimit.parse_rate(bad)


def test_allow_counts_per_client_and_window():
    now = 960_000.0  # the start of a minute window (16,000 × 60 s)
    results = [ratelimit.allow("t", "1.2.3.4", "3/minute", now=now)[0] for _ in range(4)]
    assert results == [True, True, True, False]
    assert ratelimit.allow("t", "5.6.7.8", "3/minute", now=now)[0]  # another client
    assert ratelimit.allow("t", "1.2.3.4", "3/minute", now=now + 60)[0]  # the next window
    allowed, retry_after = ratelimit.allow("t", "1.2.3.4", "3/minute", now=now + 30)
    assert not allowed and 0 < retry_after <= 31


def test_search_page_answers_429_with_retry_after(client, settings, history):
    settings.SEARCH_RATE = "2/minute"
    statuses = [client.get(reverse("award-search")).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.get(reverse("award-search"))
    assert int(response["Retry-After"]) > 0
    assert "Too many searches" in response.content.decode()


def test_exports_have_their_own_stricter_budget(client, settings, history):
    settings.EXPORT_RATE = "1/minute"
    assert client.get(reverse("award-export-csv")).status_code == 200
    assert client.get(reverse("award-export-ocds")).status_code == 429
    assert client.get(reverse("award-search")).status_code == 200


def test_the_xlsx_export_counts_per_signed_in_user(client, settings, history):
    """An office behind one address: each signed-in colleague has a budget of their own; the
    spreadsheet shares the exports' budget."""
    from tests.factories import UserFactory

    settings.EXPORT_RATE = "2/minute"
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    statuses = [client.get(reverse("award-export-xlsx")).status_code for _ in range(2)]
    assert statuses == [200, 200]
    assert client.get(reverse("award-export-csv")).status_code == 429  # the same budget
    client.force_login(second)  # same address, another person
    assert client.get(reverse("award-export-xlsx")).status_code == 200
    client.logout()  # anonymous: counted by the address, which nobody signed in has used
    assert client.get(reverse("award-export-xlsx")).status_code == 200


def test_a_broken_cache_lets_requests_through(client, settings, history, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(ratelimit.cache, "incr", broken)
    settings.SEARCH_RATE = "1/minute"
    assert [client.get(reverse("award-search")).status_code for _ in range(3)] == [200] * 3
    assert "rate limiter unavailable" in caplog.text
