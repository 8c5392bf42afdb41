"""What only PostgreSQL does: ranking, estimated counts and sampled facets, trigram
suggestions. (The matching itself is the shared contract in test_contract.py.)"""

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from procurement.awards.selectors import facets, keyset
from procurement.awards.services.search_keys import refresh_awards
from procurement.models import Award
from procurement.redflags.selectors import flags as redflag_selectors
from tests.factories import AwardFactory, OrganisationFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="full text, ranking, TABLESAMPLE, pg_trgm"
    ),
]
SEARCH = reverse("award-search")


def test_relevance_ranks_a_focused_match_above_a_diffuse_one(client, history):
    long_title = "Huawei " + " ".join(f"w{i}" for i in range(60))
    diffuse = AwardFactory(title=long_title, award_date=date(2030, 1, 1))
    focused = AwardFactory(title="Huawei", process__title="Huawei", award_date=date(2000, 1, 1))
    refresh_awards([diffuse.pk, focused.pk])
    data = client.get("/api/awards/", {"q": "huawei", "page_size": 100}).json()
    ids = [a["id"] for a in data["results"]]
    assert data["sort"] == "relevance"
    assert ids.index(focused.pk) < ids.index(diffuse.pk)
    by_date = client.get("/api/awards/", {"q": "huawei", "sort": "date"}).json()["results"]
    assert by_date[0]["id"] == diffuse.pk  # newest first when asked


def test_large_results_get_labelled_estimates(client, history, monkeypatch):
    monkeypatch.setattr(facets, "EXACT_CAP", 2)
    response = client.get(SEARCH, {"q": "huawei"})
    html = response.content.decode()
    result = response.context["search"]
    assert not result.count.exact and result.count.value >= 3
    assert "about" in html and "an estimate" in html
    assert not result.facets.exact
    assert "Counts estimated from a sample" in html
    assert sum(f.count for f in result.facets.groups["country"]) > 0


def test_too_many_matches_are_shown_newest_first_and_said(client, history, monkeypatch):
    monkeypatch.setattr(keyset, "RANK_LIMIT", 1)
    response = client.get(SEARCH, {"q": "huawei"})
    assert response.context["search"].sort.key == "date"
    assert "Too many matches to rank" in response.content.decode()
    assert client.get("/api/awards/", {"q": "huawei"}).json()["sort"] == "date"


def test_nothing_found_suggests_a_close_name(client, history):
    response = client.get(SEARCH, {"q": "huavei"})
    html = response.content.decode()
    assert response.context["search"].count.value == 0
    assert "Did you mean" in html and "Huawei Technologies Co., Ltd." in html


def test_the_stored_vector_follows_the_document(history):
    award = history["awards"]["ericsson_me"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM procurement_award WHERE id = %s", [award.pk]
        )
        (vector,) = cursor.fetchone()
    assert "'ericsson'" in vector and "'5g'" in vector


def test_the_red_flag_filter_is_served_by_the_gin_index():
    queryset = redflag_selectors.filter_awards_by_flags(Award.objects.all(), ["R018", "X001"])
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "award_red_flag_codes_gin" in plan


def test_facets_in_one_query_equal_the_facets_of_one_query_per_group(
    history, django_assert_num_queries
):
    from procurement.awards.selectors.public import published_awards

    for queryset in (published_awards(), published_awards().filter(country="RS")):
        with django_assert_num_queries(1):
            fast = facets._facets_in_one_query(queryset, 1.0)
        assert fast == facets._facets_per_group(queryset, 1.0)
    assert facets._facets_in_one_query(published_awards().none(), 1.0)["country"] == []
    everything = facets._facets_in_one_query(published_awards(), 1.0)
    assert everything["country"] and everything["buyer"] and everything["supplier"]
    assert facets._facets_in_one_query(published_awards(), 10.0)["country"][0].count % 10 == 0


def test_a_facet_estimate_over_the_whole_table_equals_the_exact_facets(history):
    """The estimate reads a block sample in the facet query itself (its FROM, not the
    `EXTRACT(YEAR FROM "procurement_award"…)` of the year): a sample of every block is the
    table, so its facets are the exact ones."""
    from procurement.awards.selectors.public import published_awards

    with connection.cursor() as cursor:  # a small table: SAMPLE_ROWS covers all of it
        cursor.execute("ANALYZE procurement_award")
    for queryset in (published_awards(), published_awards().filter(country="RS")):
        estimate = facets.award_facets(queryset, facets.ResultCount(5000, exact=False))
        assert estimate.exact is False
        assert estimate.groups == facets._facets_per_group(queryset, 1.0)
        assert estimate.groups["supplier"] and estimate.groups["year"]


def test_top_buyers_and_suppliers_cut_at_eight_in_count_then_name_order(history):
    """The facet query ranks the buyers' and suppliers' counts before it joins their names
    (ties kept): the eight it shows are still those of the count, then name, order — here
    twelve organisations tie at one award each, named against their id order, and one award
    has no buyer."""
    from procurement.awards.selectors.public import published_awards

    tied = [OrganisationFactory(name=f"Tied {chr(ord('Z') - i)}") for i in range(12)]
    leader = OrganisationFactory(name="Zeta leader")
    awards = [AwardFactory(process__buyer=o, suppliers=[o]) for o in tied]
    awards += [AwardFactory(process__buyer=leader, suppliers=[leader]) for _ in range(2)]
    awards.append(AwardFactory(process__buyer=None, suppliers=[leader]))
    refresh_awards([award.pk for award in awards])
    queryset = published_awards().filter(pk__in=[award.pk for award in awards])
    fast = facets._facets_in_one_query(queryset, 1.0)
    assert fast == facets._facets_per_group(queryset, 1.0)
    expected = ["Zeta leader", *sorted(o.name for o in tied)[:7]]
    assert [value.label for value in fast["buyer"]] == expected
    assert [value.label for value in fast["supplier"]] == expected
    assert [value.count for value in fast["supplier"]] == [3, *[1] * 7]
    assert [value.count for value in fast["buyer"]] == [2, *[1] * 7]


def _counted_then_faceted(queryset):
    count = facets.count_awards(queryset)
    return count, facets.award_facets(queryset, count)


def test_a_sample_with_more_matches_than_the_cap_proves_the_count_without_counting(
    history, monkeypatch
):
    """Where the planner expects the sample to hold many matches, the facet sample is read
    first; holding more matching rows than the cap, it proves the count inexact: no bounded
    count runs, and the count and facets are those of counting first."""
    from django.test.utils import CaptureQueriesContext

    from procurement.awards.selectors.public import published_awards

    monkeypatch.setattr(facets, "EXACT_CAP", 2)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE procurement_award")
    queryset = published_awards()
    with CaptureQueriesContext(connection) as queries:
        count, found = facets.count_and_facets(queryset)
    assert not count.exact and count.value >= 3 and not found.exact
    assert (count, found) == _counted_then_faceted(queryset)
    statements = [query["sql"] for query in queries.captured_queries]
    assert not any("LIMIT 3" in sql for sql in statements)  # no bounded count
    assert sum("TABLESAMPLE" in sql for sql in statements) == 1


def test_when_the_sample_holds_fewer_matches_than_expected_the_count_decides(history, monkeypatch):
    """The planner overestimates (here: told to): the sample holds no more than the cap, so
    the bounded count runs and the facets are exact, as when counting first."""
    from procurement.awards.selectors.public import published_awards

    monkeypatch.setattr(facets, "_planner_rows", lambda queryset: 10**9)
    for queryset in (
        published_awards().filter(pk=history["awards"]["ericsson_me"].pk),
        published_awards().filter(country="RS"),
        published_awards().none(),
    ):
        count, found = facets.count_and_facets(queryset)
        assert count.exact and found.exact
        assert (count, found) == _counted_then_faceted(queryset)
    monkeypatch.setattr(facets, "EXACT_CAP", 1)
    queryset = published_awards().filter(country="RS")
    assert facets.count_and_facets(queryset) == _counted_then_faceted(queryset)
