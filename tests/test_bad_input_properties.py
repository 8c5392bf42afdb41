"""Property test: whatever values are thrown at the filters and parameters of every list URL,
the answer is never a server error (5xx). Bad values are 400s that name the field; under
/api/ they are JSON. The parameters come from the FilterSets themselves, so a filter added
later is thrown at too."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procurement.awards.filters import AgreementFilterSet, AwardFilterSet, OrganisationFilterSet
from procurement.foi.filters import RequestFilter, WorkspaceRequestFilter
from procurement.review.filters import ReviewQueueFilter
from tests.factories import AgreementFactory, AwardFactory, InfoRequestFactory
from tests.people import make_people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]

KEYSET = ["sort", "after", "before", "page"]
CURSOR = ["cursor", "page_size"]


def names(filterset) -> list[str]:
    return list(filterset.base_filters)


# URL name, URL arguments, who asks, the parameters it reads.
LISTS = [
    ("award-search", [], "anonymous", [*names(AwardFilterSet), *KEYSET]),
    ("award-search", [], "reviewer", [*names(AwardFilterSet), *KEYSET]),
    ("award-export-csv", [], "anonymous", names(AwardFilterSet)),
    ("award-export-ocds", [], "anonymous", [*names(AwardFilterSet), "package"]),
    ("api-award-list", [], "anonymous", [*names(AwardFilterSet), *KEYSET, "page_size"]),
    ("api-award-list", [], "reviewer", [*names(AwardFilterSet), *KEYSET, "page_size"]),
    ("api-agreement-list", [], "anonymous", [*names(AgreementFilterSet), *CURSOR]),
    ("api-organisation-list", [], "anonymous", [*names(OrganisationFilterSet), *CURSOR]),
    ("api-request-list", [], "anonymous", [*names(RequestFilter), *CURSOR]),
    ("request-list", [], "anonymous", [*names(RequestFilter), "page"]),
    ("workspace-request-list", [], "member_a", [*names(WorkspaceRequestFilter), "page"]),
    ("review-queue", [], "reviewer", [*names(ReviewQueueFilter), "kind", "page"]),
    ("import-list", [], "reviewer", ["page"]),
    (
        "deadline-calculator",
        [],
        "anonymous",
        ["jurisdiction", "level", "received_on", "urgent", "decision_delivered_on"],
    ),
    (
        "api-deadlines",
        [],
        "anonymous",
        ["jurisdiction", "level", "received_on", "urgent", "decision_delivered_on"],
    ),
    ("charts", [], "anonymous", ["currency"]),
    ("organisation-calendar", ["org_a"], "member_a", ["month"]),
    ("workspace-request-new", [], "editor_a", ["authority_q", "authority", "jurisdiction"]),
    ("workspace-authorities", [], "editor_a", ["q"]),
    ("authority-proposals", [], "reviewer", ["state", "page"]),
]

HUGE = ["99999999999999999999", str(2**63), str(2**63 - 1), "-1", "0", "1e400", "-0"]
DATES = ["0001-01-01", "9999-12-31", "2024-02-30", "1899-12-31", "2200-01-01", "2024-13"]
ODD = ["nan", "inf", "", " ", "true", "yes", "RS", "BA", "null", "%", "'", '"', "\\", "../"]
EDGES = HUGE + DATES + ODD
values = st.one_of(
    st.sampled_from(EDGES),
    st.sampled_from(HUGE + DATES),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.text(max_size=40),
    st.text(max_size=3000).filter(lambda t: len(t) > 200),
)


@pytest.fixture
def world(settings, api_rates):
    settings.SEARCH_RATE = settings.EXPORT_RATE = "100000/minute"
    api_rates(anon="100000/minute", user="100000/minute")
    people = make_people()
    AwardFactory(agreement=AgreementFactory())
    InfoRequestFactory(requester_organisation=people.org_a)
    return people


def _get(client, path: str, data: dict):
    response = client.get(path, data)
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code < 500, (path, data, response.status_code)
    if path.startswith("/api/") and response.status_code == 400:
        assert response["Content-Type"].startswith("application/json")
    return response


def _prepare(client, world, route: str, args: list, role: str) -> str:
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return reverse(route, args=[getattr(world, arg).pk for arg in args])


IDS = [f"{r}-{who}" for r, _a, who, _p in LISTS]


@pytest.mark.parametrize(("route", "args", "role", "params"), LISTS, ids=IDS)
def test_every_edge_value_of_every_parameter_is_not_a_server_error(
    client, world, route, args, role, params
):
    path = _prepare(client, world, route, args, role)
    for name in params:
        for value in HUGE + DATES:
            _get(client, path, {name: value})


@pytest.mark.parametrize(("route", "args", "role", "params"), LISTS, ids=IDS)
def test_no_value_of_any_filter_is_a_server_error(client, world, route, args, role, params):
    path = _prepare(client, world, route, args, role)

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=st.lists(st.tuples(st.sampled_from(params), values), min_size=1, max_size=4))
    def check(query):
        data: dict[str, list[str]] = {}
        for name, value in query:
            data.setdefault(name, []).append(value)
        _get(client, path, data)

    check()
