"""The pages that prove the tracker runs: what they show, what they hide, how many queries."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from procurement.models import (
    Agreement,
    Award,
    ContractAmendment,
    InfoRequest,
    ProcurementProcess,
    ReviewStatus,
)
from tests.factories import ContractFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cold_cache():
    """Query counts are pinned with nothing cached (the home page caches its chart)."""
    cache.clear()


def test_home_shows_key_numbers_latest_awards_and_requests(client, demo, django_assert_num_queries):
    with django_assert_num_queries(7):  # numbers (2), latest awards (2), requests, 2 charts
        response = client.get(reverse("home"))
    assert response.status_code == 200
    numbers = response.context["numbers"]
    assert numbers["awards"] == Award.objects.filter(review_status="published").count()
    assert numbers["under_agreement"] >= 5
    assert numbers["refused_classified"] == 1
    html = response.content.decode()
    latest = response.context["latest_awards"]
    assert len(latest) == 10 and all(a.review_status == "published" for a in latest)
    assert all(a.title in html for a in latest)
    assert "How Huawei was chosen as supplier of the Safe City cameras" in html
    assert "Huawei equipment for Telenor" not in html  # unverified
    assert "demo draft" not in html  # private


def test_award_page_shows_legal_basis_agreement_value_and_requests(
    client, demo, django_assert_num_queries
):
    award = Award.objects.get(title="Safe City phase 1 awarded to Huawei")
    with django_assert_num_queries(13):
        response = client.get(award.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "2009 Serbia–China strategic agreement" in html
    assert "undisclosed" in html and "0.00" not in html
    assert "Strategic partnership agreement between the Ministry of Interior and Huawei" in html
    assert "How Huawei was chosen as supplier of the Safe City cameras" in html
    assert "China&#x27;s &#x27;Digital Silk Road&#x27; Enters the Western Balkans" in html
    assert "secret" in html


def test_award_query_count_does_not_grow_with_contracts_or_requests(
    client, demo, django_assert_num_queries
):
    award = Award.objects.get(title="ALL-IP network project awarded to Huawei")
    with django_assert_num_queries(14):  # one more than Safe City: the amendments' sources
        assert client.get(award.get_absolute_url()).status_code == 200
    contract = award.contracts.get()
    for n in range(3):
        ContractFactory(award=award, title=f"Extra contract {n}")
        ContractAmendment.objects.create(contract=contract, description=f"Extra amendment {n}")
    with django_assert_num_queries(14):
        assert client.get(award.get_absolute_url()).status_code == 200
    assert "about EUR 150,000,000" in client.get(award.get_absolute_url()).content.decode()


def test_agreement_page_lists_awards_made_under_it(client, demo, django_assert_num_queries):
    agreement = Agreement.objects.get(short_title="2009 Serbia–China strategic agreement")
    with django_assert_num_queries(7):
        response = client.get(agreement.get_absolute_url())
    html = response.content.decode()
    assert "Safe City phase 1 awarded to Huawei" in html
    assert "Safe City phase 2 awarded to Huawei" in html
    assert "competition rules of the public-procurement law" in html
    under, possibly = html.split("Possibly made under it")
    assert "ALL-IP" not in under and "ALL-IP network project" in possibly  # basis undisclosed


def test_unpublished_records_are_not_reachable(client, demo):
    unverified = Award.objects.filter(review_status=ReviewStatus.UNVERIFIED).first()
    assert client.get(unverified.get_absolute_url()).status_code == 404
    draft = InfoRequest.objects.get(subject="Camera locations in Novi Sad (demo draft)")
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "Novi Sad" not in response.content.decode()
    unverified_process = ProcurementProcess.objects.filter(
        review_status=ReviewStatus.UNVERIFIED
    ).first()
    assert client.get(reverse("process-detail", args=[unverified_process.pk])).status_code == 404


def test_published_request_page_shows_events_and_year_only_date(client, demo):
    refused = InfoRequest.objects.get(subject__startswith="How Huawei was chosen")
    html = client.get(refused.get_absolute_url()).content.decode()
    assert "refused as classified" in html
    assert "negotiations from 2011" in html
    assert "only the year" in html


def test_process_page_of_a_postponed_tender(client, demo):
    process = ProcurementProcess.objects.get(ocid__endswith="RATEL-5G")
    html = client.get(reverse("process-detail", args=[process.pk])).content.decode()
    assert "5G frequency auction" in html and "postponed" in html


def test_pages_send_security_headers(client, demo):
    response = client.get(reverse("home"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
