"""A text search's first page counted in the read that ranks it (selectors/counted.py): the
same count, facets, sort, rows and cursors as counting apart, for the page and the API."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from procurement.awards.selectors import counted, facets, keyset
from procurement.awards.selectors.browse import search_page

ANONYMOUS = type("Request", (), {"user": None})()
WINDOW = re.compile(r"COUNT\([^)]*\) OVER \(ORDER BY .* ROWS BETWEEN UNBOUNDED PRECEDING")
BOUNDED = re.compile(r"LIMIT \d+\) subquery")  # count_awards: COUNT(*) FROM (… LIMIT cap + 1)
POSTGRES = connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def many_matches(monkeypatch):
    """The demo's searches match a handful: read them as searches with many matches."""
    monkeypatch.setattr(keyset, "NARROW_ABOVE", 0)  # the planner expects 1 of a few rows


def _apart(monkeypatch):
    """Count apart, the way a cursor's page or another sort does."""
    monkeypatch.setattr(counted.RankedFirstPage, "count", lambda self: None)


def _search(params: str):
    cache.clear()  # a cold search: nothing summarised yet
    with CaptureQueriesContext(connection) as queries:
        result = search_page(QueryDict(params), ANONYMOUS, size=2)
    page = result.page
    drawn = (
        result.count,
        result.facets,
        result.sort.key,
        result.unranked,
        [award.pk for award in page.items],
        page.next_cursor,
        page.previous_cursor,
    )
    return drawn, [q["sql"] for q in queries.captured_queries]


SEARCHES = [
    "q=huawei",
    "q=huawei&sort=relevance",
    "q=Хуавеј",
    "q=beograd",
    "q=huawei&country=RS&method=direct",
    "q=nothing+like+this",
]


@pytest.mark.parametrize("params", SEARCHES)
@pytest.mark.parametrize("cap", [1000, 2])  # 2: above the cap, the count is the estimate
def test_a_first_page_counted_by_its_ranking_equals_the_one_counted_apart(
    history, monkeypatch, params, cap
):
    monkeypatch.setattr(facets, "EXACT_CAP", cap)
    ranked, ranked_sql = _search(params)
    with monkeypatch.context() as patch:
        _apart(patch)
        apart, apart_sql = _search(params)
    assert ranked == apart
    assert not any(WINDOW.search(sql) for sql in apart_sql)
    assert any(BOUNDED.search(sql) for sql in apart_sql)
    # PostgreSQL counts in the ranking read, and not again; SQLite (no planner's estimate to
    # choose the sort beforehand) counts apart.
    assert sum(bool(WINDOW.search(sql)) for sql in ranked_sql) == (1 if POSTGRES else 0)
    assert any(BOUNDED.search(sql) for sql in ranked_sql) == (not POSTGRES)
    count = ranked[0]
    if params != "q=nothing+like+this":
        assert count.value >= 1 and ranked[4]  # rows found, and compared
    if params in ("q=huawei", "q=huawei&sort=relevance"):  # four matches
        # A next page; both kinds of count (SQLite always counts exactly).
        assert ranked[5] and count.exact == (cap == 1000 or not POSTGRES)


def test_the_pages_after_a_counted_first_page_follow_its_cursors(history):
    first, _sql = _search("q=huawei")
    cursor = first[5]
    with CaptureQueriesContext(connection) as queries:
        second = search_page(QueryDict(f"q=huawei&after={cursor}&page=2"), ANONYMOUS, size=2)
    assert second.page.items and second.page.previous_cursor
    assert not any(WINDOW.search(q["sql"]) for q in queries.captured_queries)
    assert {a.pk for a in second.page.items}.isdisjoint(first[4])
    every = search_page(QueryDict("q=huawei"), ANONYMOUS, size=4).page.items
    assert [a.pk for a in every] == first[4] + [a.pk for a in second.page.items]


@pytest.mark.parametrize("params", ["q=huawei&sort=date", "q=huawei&sort=value", "country=RS"])
def test_other_sorts_and_searches_without_words_are_counted_apart(history, params):
    _drawn, sql = _search(params)
    assert not any(WINDOW.search(statement) for statement in sql)


def test_the_api_gives_the_same_list_counted_by_its_ranking(client, history, monkeypatch):
    monkeypatch.setattr(facets, "EXACT_CAP", 2)

    def listed():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            body = client.get("/api/awards/", {"q": "huawei", "page_size": 2}).json()
        return body, sum(bool(WINDOW.search(q["sql"])) for q in queries.captured_queries)

    ranked, windows = listed()
    with monkeypatch.context() as patch:
        _apart(patch)
        apart, apart_windows = listed()
    assert ranked == apart and (windows, apart_windows) == ((1, 0) if POSTGRES else (0, 0))
    assert ranked["next"] and len(ranked["results"]) == 2
    assert ranked["count_is_exact"] == (not POSTGRES)  # above the cap of 2: an estimate
    following = client.get(ranked["next"]).json()
    assert following["results"] and following["previous"]
    assert {r["id"] for r in following["results"]}.isdisjoint(r["id"] for r in ranked["results"])


@pytest.mark.parametrize("sort", ["relevance", "date", "value"])
@pytest.mark.parametrize("limit", [1, 3, 50])
def test_first_ids_and_total_read_the_first_ids_and_count_every_match(history, sort, limit):
    from procurement.awards.selectors.public import published_awards
    from procurement.awards.selectors.search import search_awards

    query = "beograd" if sort == "relevance" else ""
    matches = search_awards(published_awards(), query) if query else published_awards()
    ordered = keyset.sorted_awards(matches, keyset.SORTS[sort], query)
    ids, total = keyset.first_ids_and_total(ordered, keyset.SORTS[sort], limit)
    every = list(ordered.values_list("pk", flat=True))
    assert len(every) > 1 and (ids, total) == (every[:limit], len(every))
    assert keyset.first_ids_and_total(ordered.none(), keyset.SORTS[sort], limit) == ([], 0)
