"""The read-only API: same filters and cursors as the pages, JSON errors, schema and docs."""

import json

import pytest
import yaml
from django.test import override_settings

from procurement.models import InfoRequest, RedFlag
from tests.factories import AwardFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_award_list_filters_searches_and_pages_by_cursor(client, history):
    response = client.get("/api/awards/", {"q": "хуавеј", "page_size": 3})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 4 and data["count_is_exact"] and data["sort"] == "relevance"
    assert len(data["results"]) == 3 and data["previous"] is None
    second = client.get(data["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    titles = {a["title"] for a in data["results"] + second["results"]}
    assert "Networks for Beograd and Niš" in titles and "Secret Huawei deal in Niš" not in titles
    back = client.get(second["previous"]).json()
    assert [a["id"] for a in back["results"]] == [a["id"] for a in data["results"]]


def test_award_fields_never_show_an_undisclosed_value_as_zero(client, history):
    nis = history["awards"]["nis_cameras"]
    data = client.get(f"/api/awards/{nis.pk}/").json()
    assert data["value"] is None and data["value_status"] == "undisclosed"
    assert data["suppliers"] == [
        {"id": history["orgs"]["huawei_rs"].pk, "name": "Huawei Technologies Serbia d.o.o."}
    ]
    belgrade = client.get(f"/api/awards/{history['awards']['belgrade_cameras'].pk}/").json()
    assert belgrade["value"] == {"amount": "150000000.00", "currency": "EUR", "approximate": False}


def test_unpublished_awards_are_404_for_the_public(client, history):
    secret = history["awards"]["unpublished"]
    assert client.get(f"/api/awards/{secret.pk}/").status_code == 404
    client.force_login(UserFactory(is_reviewer=True))
    assert client.get(f"/api/awards/{secret.pk}/").status_code == 200
    data = client.get("/api/awards/", {"review_status": "unverified"}).json()
    assert [a["title"] for a in data["results"]] == ["Secret Huawei deal in Niš"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"value_min": 5}, "__all__", "Choose a currency"),
        ({"country": "XX"}, "country", "Select a valid choice"),
        ({"after": "nonsense"}, "after", "start again"),
        ({"page_size": 500}, "page_size", "from 1 to 100"),
    ],
)
def test_errors_are_json_with_clear_messages(client, history, params, field, message):
    response = client.get("/api/awards/", params)
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert message in " ".join(response.json()[field])


@override_settings(DEBUG=False)
def test_unknown_api_paths_answer_json_404(client, db):
    response = client.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found: no such API endpoint or record."}


@pytest.mark.parametrize("size", [2, 50])
def test_award_list_query_count_is_independent_of_page_size(
    client, history, django_assert_num_queries, size
):
    for i in range(10):
        AwardFactory(title=f"Extra {i}")
    # count (bounded) + the page (its suppliers and flags in it); then the count is cached.
    with django_assert_num_queries(2):
        client.get("/api/awards/", {"page_size": size})
    with django_assert_num_queries(1):
        client.get("/api/awards/", {"page_size": size})


@pytest.mark.parametrize(
    ("url", "queries"),
    [("/api/agreements/", 2), ("/api/organisations/", 2), ("/api/requests/", 3)],
)
def test_other_lists_have_a_fixed_query_count(
    client, demo, django_assert_num_queries, url, queries
):
    for size in (1, 100):
        with django_assert_num_queries(queries):
            assert client.get(url, {"page_size": size}).status_code == 200


def test_organisations_found_by_alias_in_either_script(client, history):
    names = {
        o["name"] for o in client.get("/api/organisations/", {"q": "Хуавеј"}).json()["results"]
    }
    assert names == {"Huawei Technologies Co., Ltd."}
    names = {
        o["name"] for o in client.get("/api/organisations/", {"q": "culibrk"}).json()["results"]
    }
    assert names == {"Ćulibrk inženjering"}


def test_requests_are_published_ones_only(client, demo):
    results = client.get("/api/requests/", {"page_size": 100}).json()["results"]
    published = set(InfoRequest.objects.filter(visibility="published").values_list("pk", flat=True))
    assert {r["id"] for r in results} == published and len(published) == 2
    assert all("demo draft" not in r["subject"] for r in results)


def test_schema_is_served_and_describes_every_endpoint(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    paths = schema["paths"]
    for path in ["/api/awards/", "/api/agreements/", "/api/organisations/", "/api/requests/"]:
        assert "get" in paths[path], path
    names = {p["name"] for p in paths["/api/awards/"]["get"]["parameters"]}
    assert {"q", "country", "supplier", "currency", "value_min", "after", "sort"} <= names
    as_json = client.get("/api/schema/", {"format": "json"})
    assert json.loads(as_json.content)["info"]["title"] == "Procurement Transparency Tracker API"


def test_docs_page_needs_no_cdn_and_no_script(client, db):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script" not in html and "cdn" not in html.lower()
    assert "GET /api/awards/" in html and "value_min" in html
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_anonymous_clients_are_throttled_with_json(client, db, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/minute"}
    original = AnonRateThrottle.THROTTLE_RATES
    AnonRateThrottle.THROTTLE_RATES = rates
    try:
        responses = [client.get("/api/agreements/") for _ in range(4)]
    finally:
        AnonRateThrottle.THROTTLE_RATES = original
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert "throttled" in responses[-1].json()["detail"].lower()
    assert int(responses[-1]["Retry-After"]) > 0


@pytest.mark.parametrize("language", ["en", "sr-Latn"])
def test_list_rows_equal_the_detail_and_the_generic_representation(client, rf, demo, language):
    """A list row is read as plain values with its suppliers and flags as JSON; the detail
    from a model instance; DRF's generic field-by-field drawing is what both must equal."""
    from django.utils import translation
    from rest_framework import serializers as drf

    from procurement.api.serializers import AwardSerializer
    from procurement.awards.selectors.public import award_cards, published_awards

    listed, url = {}, "/api/awards/?page_size=7"
    while url:
        data = client.get(url, HTTP_ACCEPT_LANGUAGE=language).json()
        listed.update({row["id"]: row for row in data["results"]})
        url = data["next"]
    awards = list(award_cards(published_awards()))
    assert set(listed) == {award.pk for award in awards}
    # What the comparison covers: several suppliers, none, flags, an agreement, no value.
    assert any(len(row["suppliers"]) > 1 for row in listed.values())
    assert any(not row["suppliers"] for row in listed.values())
    assert any(len(row["red_flags"]) > 1 for row in listed.values())
    assert any(row["agreement"] for row in listed.values())
    assert any(row["value"] is None for row in listed.values())
    request = rf.get("/api/awards/")
    for award in awards:
        detail = client.get(f"/api/awards/{award.pk}/", HTTP_ACCEPT_LANGUAGE=language).json()
        assert listed[award.pk] == detail, award.title
        serializer = AwardSerializer(context={"request": request})
        with translation.override(language.lower()):
            generic = drf.ModelSerializer.to_representation(serializer, award)
        assert json.loads(json.dumps(generic)) == detail, award.title


def test_award_list_shows_each_awards_public_red_flags_in_the_readers_language(
    client, history, django_assert_num_queries
):
    from django.utils import translation

    from procurement.redflags.explanations import explain
    from procurement.redflags.selectors.flags import INDICATOR_NAMES
    from procurement.redflags.services import compute_red_flags
    from tests.factories import ProcessFactory

    for i in range(5):
        AwardFactory(
            title=f"Single bid {i}", process=ProcessFactory(method="open", number_of_tenderers=1)
        )
    compute_red_flags()
    params = {"red_flag": "R018", "page_size": 50}
    # count (bounded) + the page, its suppliers and flags in the same statement; then the
    # count is cached.
    with django_assert_num_queries(2):
        data = client.get("/api/awards/", params, HTTP_ACCEPT_LANGUAGE="sr-Latn").json()
    with django_assert_num_queries(1):
        client.get("/api/awards/", params, HTTP_ACCEPT_LANGUAGE="sr-Latn")
    assert len(data["results"]) == 5
    inputs = RedFlag.objects.filter(code="R018").values_list("inputs", flat=True).first()
    with translation.override("sr-latn"):
        label, explanation = str(INDICATOR_NAMES["R018"]), explain("R018", inputs)
    assert label != "Single bid received"  # a translation, not the English name
    for award in data["results"]:
        assert [flag["code"] for flag in award["red_flags"]] == ["R018"]
        flag = award["red_flags"][0]
        assert (flag["label"], flag["explanation"]) == (label, explanation)
    with translation.override("en"):
        assert explanation != explain("R018", inputs)
    detail = client.get(f"/api/awards/{data['results'][0]['id']}/").json()
    assert detail["red_flags"][0]["code"] == "R018"
    assert detail["red_flags"][0]["label"] == "Single bid received"


def test_unflagged_and_unpublished_flags_are_not_shown(client, history):
    nis = history["awards"]["nis_cameras"]
    assert client.get(f"/api/awards/{nis.pk}/").json()["red_flags"] == []


def test_award_list_fetches_only_the_columns_it_shows(client, history):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        data = client.get("/api/awards/", {"page_size": 100}).json()
    page = next(q["sql"] for q in queries.captured_queries if "ocid" in q["sql"])
    assert "search_document" not in page and '"description"' not in page
    # The suppliers, in the same statement: id and name, not every column of an organisation.
    assert "awardsupplier" in page and '"search_key"' not in page
    assert {a["title"] for a in data["results"]} >= {"Kamere u Beogradu"}
    assert all(a["ocid"] and "red_flags" in a for a in data["results"])


def test_the_rows_related_subqueries_are_compiled_once_per_database(client, history, monkeypatch):
    from django.core.cache import cache

    from procurement.api import award_rows

    award_rows._COMPILED.clear()
    first = client.get("/api/awards/", {"page_size": 100}).json()
    assert set(award_rows._COMPILED) == {"default"}

    def built_again():
        raise AssertionError("the suppliers' subquery was built again")

    monkeypatch.setattr(award_rows, "_suppliers", built_again)
    cache.clear()  # the count too: the whole list is read again
    assert client.get("/api/awards/", {"page_size": 100}).json() == first
    assert any(row["suppliers"] for row in first["results"])
