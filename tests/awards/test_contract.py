"""The search contract: the same answers on PostgreSQL (full text) and SQLite (LIKE).

CI runs the suite once on each backend, so every test here is checked on both.
"""

import re
from decimal import Decimal

import pytest
from django.http import QueryDict

from procurement.awards.selectors.browse import filtered_awards, search_page
from procurement.awards.selectors.keyset import SORTS, keyset_page, sorted_awards

pytestmark = pytest.mark.django_db


def titles(params: str = "", user=None) -> set[str]:
    request = type("Request", (), {"user": user})()
    filterset = filtered_awards(QueryDict(params), request)
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("title", flat=True))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # One city in both scripts, any case, with or without diacritics.
        ("Ниш", {"Видео надзор града Ниша", "Road works in Niš", "Networks for Beograd and Niš"}),
        ("Niš", {"Видео надзор града Ниша", "Road works in Niš", "Networks for Beograd and Niš"}),
        ("NIS", {"Видео надзор града Ниша", "Road works in Niš", "Networks for Beograd and Niš"}),
        # Word prefixes of inflected forms: Niša, Beogradu.
        ("Niša", {"Видео надзор града Ниша"}),
        (
            "Београд",
            {
                "Kamere u Beogradu",
                "Networks for Beograd and Niš",
                "Ђорђе Вајферт street lighting",
                "Data centre grant",
            },
        ),
        ("beogradu", {"Kamere u Beogradu"}),
        # Names: Ћулибрк / Ćulibrk / Culibrk; Ђорђе / Đorđe / Djordje.
        ("Ћулибрк", {"Ђорђе Вајферт street lighting", "Road works in Niš"}),
        ("culibrk", {"Ђорђе Вајферт street lighting", "Road works in Niš"}),
        ("Đorđe", {"Ђорђе Вајферт street lighting"}),
        ("djordje", {"Ђорђе Вајферт street lighting"}),
        # An exonym through its alias, and a group through its parent: Хуавеј finds Huawei
        # Serbia's awards too.
        (
            "Хуавеј",
            {
                "Видео надзор града Ниша",
                "Kamere u Beogradu",
                "Data centre grant",
                "Networks for Beograd and Niš",
            },
        ),
        # Every word must match (AND), in any order.
        (
            "huawei beograd",
            {"Kamere u Beogradu", "Data centre grant", "Networks for Beograd and Niš"},
        ),
        ("nis huawei", {"Видео надзор града Ниша", "Networks for Beograd and Niš"}),
        # Agreements and sectors are in the document.
        ("strategic infrastructural", {"Видео надзор града Ниша", "Kamere u Beogradu"}),
        ("telecommunications", {"5G first phase", "Networks for Beograd and Niš"}),
        # A prefix inside a word does not match; nothing matches nothing.
        ("eograd", set()),
        ("zzzz", set()),
    ],
)
def test_search_finds_names_whatever_the_script(history, query, expected):
    assert titles(f"q={query}") == expected


def test_unpublished_awards_are_found_only_by_reviewers(history):
    from tests.factories import UserFactory

    assert "Secret Huawei deal in Niš" not in titles("q=huawei")
    reviewer = UserFactory(is_reviewer=True)
    assert "Secret Huawei deal in Niš" in titles("q=huawei", reviewer)
    assert titles("review_status=unverified", reviewer) == {"Secret Huawei deal in Niš"}
    # The public cannot even ask: the filter does not exist for it.
    assert "Secret Huawei deal in Niš" not in titles("review_status=unverified")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("country=ME", {"5G first phase"}),
        ("method=open", {"Ђорђе Вајферт street lighting", "Road works in Niš"}),
        ("method=none", {"5G first phase", "Data centre grant"}),
        ("legal_basis=agreement", {"Видео надзор града Ниша", "Kamere u Beogradu"}),
        ("sector=telecom", {"5G first phase", "Networks for Beograd and Niš"}),
        ("confidentiality=classified", {"Видео надзор града Ниша"}),
        ("undisclosed=true", {"Видео надзор града Ниша", "Data centre grant"}),
        ("supplier_country=SE", {"5G first phase", "Networks for Beograd and Niš"}),
        ("currency=RSD", {"Road works in Niš"}),
        ("currency=EUR&value_min=750000&value_max=2999999.99", {"Networks for Beograd and Niš"}),
        (
            "date_from=2020-01-01&date_to=2021-06-30",
            {"Kamere u Beogradu", "Networks for Beograd and Niš"},
        ),
        ("year=2019", {"Видео надзор града Ниша"}),
        ("q=huawei&country=RS&method=direct", {"Видео надзор града Ниша", "Kamere u Beogradu"}),
    ],
)
def test_filters_narrow_the_results(history, params, expected):
    assert titles(params) == expected


def test_buyer_supplier_group_and_agreement_filters(history):
    orgs = history["orgs"]
    assert titles(f"buyer={orgs['nis'].pk}") == {"Видео надзор града Ниша", "Road works in Niš"}
    # A group: all Huawei entities, the Serbian subsidiary included.
    assert titles(f"supplier={orgs['huawei'].pk}") == {
        "Видео надзор града Ниша",
        "Kamere u Beogradu",
        "Data centre grant",
        "Networks for Beograd and Niš",
    }
    assert titles(f"supplier={orgs['huawei_rs'].pk}") == {
        "Видео надзор града Ниша",
        "Networks for Beograd and Niš",
    }
    assert titles(f"agreement={history['agreement'].pk}") == {
        "Видео надзор града Ниша",
        "Kamere u Beogradu",
    }


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ("value_min=10", "Choose a currency"),
        ("currency=EUR&value_min=10&value_max=5", "smallest value is above the largest"),
        ("date_from=2021-01-01&date_to=2020-01-01", "first date is after the last"),
        ("date_from=yesterday", "Enter a valid date"),
        ("country=XX", "Select a valid choice"),
        ("buyer=999999", "Select a valid choice"),
    ],
)
def test_bad_filters_are_refused_with_a_clear_message(history, params, message):
    request = type("Request", (), {"user": None})()
    filterset = filtered_awards(QueryDict(params), request)
    assert not filterset.is_valid()
    assert message in str(filterset.errors)


# The id subquery of a narrow page (its alias differs with the outer query's).
NARROW = re.compile(r'"id" IN \(SELECT [A-Z]0\."id" AS "pk"')


def _walk(queryset, sort, size, narrow=False):
    """Every page, following the `next` cursors; then back with the `previous` cursors."""
    pages, after = [], None
    while True:
        page = keyset_page(queryset, sort, after=after, size=size, narrow=narrow)
        pages.append([a.title for a in page.items])
        if not page.next_cursor:
            break
        after = page.next_cursor
    back, before = [pages[-1]], page.previous_cursor
    while before:
        page = keyset_page(queryset, sort, before=before, size=size, narrow=narrow)
        back.insert(0, [a.title for a in page.items])
        before = page.previous_cursor
    return pages, back


@pytest.mark.parametrize("sort", ["date", "value", "relevance"])
def test_narrow_pages_equal_the_plain_ones_both_ways(history, sort):
    """Sorting the ids only, then reading the rows found, gives the same pages and cursors."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from procurement.awards.selectors.public import published_awards
    from procurement.awards.selectors.search import search_awards

    query = "huawei" if sort == "relevance" else ""
    awards = search_awards(published_awards(), query) if query else published_awards()
    queryset = sorted_awards(awards, SORTS[sort], query)
    with CaptureQueriesContext(connection) as queries:
        narrow = _walk(queryset, SORTS[sort], size=2, narrow=True)
    assert narrow == _walk(queryset, SORTS[sort], size=2)
    assert len(narrow[0]) >= 2  # more than one page: the cursors were followed both ways
    assert all(NARROW.search(q["sql"]) for q in queries.captured_queries)


@pytest.mark.parametrize("sort", ["date", "value"])
def test_keyset_pages_cover_every_result_once_in_order(history, sort):
    from procurement.awards.selectors.public import published_awards

    queryset = sorted_awards(published_awards(), SORTS[sort])
    everything = [a.title for a in queryset]
    assert len(everything) == 7
    pages, back = _walk(queryset, SORTS[sort], size=3)
    assert [t for page in pages for t in page] == everything
    assert back == pages
    if sort == "date":  # newest first, undated last
        assert everything[0] == "5G first phase" and everything[-1] == "Data centre grant"
    else:  # largest first (whatever the currency), undisclosed last
        assert everything[0] == "Kamere u Beogradu"
        assert set(everything[-2:]) == {"Видео надзор града Ниша", "Data centre grant"}


def test_relevance_pages_cover_every_match_once(history):
    from procurement.awards.selectors.public import published_awards
    from procurement.awards.selectors.search import search_awards

    queryset = sorted_awards(
        search_awards(published_awards(), "huawei"), SORTS["relevance"], "huawei"
    )
    everything = [a.title for a in queryset]
    pages, back = _walk(queryset, SORTS["relevance"], size=2)
    assert [t for page in pages for t in page] == everything and len(everything) == 4
    assert back == pages


def test_count_and_facets_of_a_search(history):
    request = type("Request", (), {"user": None})()
    result = search_page(QueryDict("q=huawei"), request)
    assert result.count.value == 4 and result.count.exact
    groups = {
        name: {f.value: f.count for f in values} for name, values in result.facets.groups.items()
    }
    assert groups["country"] == {"RS": 4}
    assert groups["method"] == {"direct": 2, "none": 1, "selective": 1}
    assert groups["legal_basis"] == {"agreement": 2, "procurement_law": 1, "grant": 1}
    assert groups["year"] == {"2021": 1, "2020": 1, "2019": 1}
    orgs = history["orgs"]
    assert groups["buyer"] == {str(orgs["belgrade"].pk): 3, str(orgs["nis"].pk): 1}
    assert groups["supplier"] == {
        str(orgs["huawei"].pk): 2,
        str(orgs["huawei_rs"].pk): 2,
        str(orgs["ericsson"].pk): 1,
    }
    assert result.facets.exact


def test_a_broken_cursor_gives_a_message_not_an_error(history):
    request = type("Request", (), {"user": None})()
    result = search_page(QueryDict("after=not-a-cursor"), request)
    assert result.page is None and "start again" in result.error


def test_value_range_uses_decimal_amounts(history):
    assert titles("currency=EUR&value_min=150000000") == {"Kamere u Beogradu"}
    assert titles(f"currency=EUR&value_max={Decimal('19999.99')}") == set()


def test_a_text_search_with_many_matches_reads_its_page_narrow(client, history, monkeypatch):
    """Above NARROW_ABOVE matches the page and the API sort the ids only; same results."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from procurement.awards.selectors import keyset

    def read(narrow_above):
        monkeypatch.setattr(keyset, "NARROW_ABOVE", narrow_above)
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/awards/", {"q": "huawei"})
            api = client.get("/api/awards/", {"q": "huawei", "page_size": 2}).json()
        narrowed = 0
        for sql in (q["sql"] for q in queries.captured_queries):
            if found := NARROW.search(sql):
                narrowed += 1
                # No inner join in the id subquery: it would keep its LIMIT from a top-N sort
                # (the API's OCID is a subquery for this reason); PostgreSQL drops the unused
                # left joins to unique keys.
                inner = sql[found.start() : sql.index("LIMIT", found.start())]
                assert "INNER JOIN" not in inner
        # The page without its CSRF tokens (new for each response).
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.content.decode())
        return html, api, narrowed

    plain_page, plain_api, plain_narrowed = read(1000)
    narrow_page, narrow_api, narrowed = read(1)
    assert (plain_narrowed, narrowed) == (0, 2)
    assert narrow_page == plain_page and "Networks for Beograd and Niš" in plain_page
    assert narrow_api == plain_api and plain_api["next"]
