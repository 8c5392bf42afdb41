"""Search keys stay current on the write paths: services, admin, bulk refreshes."""

import pytest
from django.http import QueryDict

from procurement.awards.selectors.browse import filtered_awards
from procurement.awards.services.search_keys import (
    refresh_after_agreement_change,
    refresh_after_organisation_change,
    refresh_after_process_change,
)
from procurement.models import Award, OrganisationAlias

pytestmark = pytest.mark.django_db


def found(query: str) -> set[str]:
    request = type("Request", (), {"user": None})()
    return set(filtered_awards(QueryDict(f"q={query}"), request).qs.values_list("title", flat=True))


def test_a_new_alias_makes_the_awards_findable(history):
    ericsson = history["orgs"]["ericsson"]
    assert found("Ериксон") == set()
    OrganisationAlias.objects.create(organisation=ericsson, name="Ериксон", script="cyrl")
    refresh_after_organisation_change([ericsson.pk])
    assert found("Ериксон") == {"5G first phase", "Networks for Beograd and Niš"}


def test_a_renamed_group_reaches_its_subsidiaries_awards(history):
    huawei = history["orgs"]["huawei"]
    huawei.name = "Huawei Investment & Holding"
    huawei.save()
    refresh_after_organisation_change([huawei.pk])
    assert "Видео надзор града Ниша" in found("holding")  # supplied by Huawei Serbia


def test_process_and_agreement_changes_reach_the_award_copies(history):
    award = history["awards"]["ericsson_me"]
    process = award.process
    process.country, process.method = "AL", "limited"
    process.save()
    refresh_after_process_change([process.pk])
    award.refresh_from_db()
    assert (award.country, award.method) == ("AL", "limited")
    agreement = history["agreement"]
    agreement.short_title = "Sporazum o saradnji"
    agreement.save()
    refresh_after_agreement_change([agreement.pk])
    assert found("sporazum") == {"Видео надзор града Ниша", "Kamere u Beogradu"}


def test_cached_counts_are_dropped_when_awards_change(client, history):
    first = client.get("/api/awards/", {"q": "ericsson"}).json()["count"]
    award = Award.objects.get(title="Road works in Niš")
    award.title = "Road works by Ericsson"
    award.save()
    from procurement.awards.services.search_keys import refresh_awards

    refresh_awards([award.pk])
    assert client.get("/api/awards/", {"q": "ericsson"}).json()["count"] == first + 1
