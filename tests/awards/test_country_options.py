"""The search form's country options are the countries of the published data, found with one
index probe per country (procurement.awards.selectors.countries), never from an unpublished
record."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procurement.awards.filters import award_countries, supplier_countries
from procurement.awards.selectors.countries import (
    published_award_countries,
    published_supplier_countries,
)
from procurement.models import ReviewStatus
from tests.factories import AuthorityFactory, AwardFactory, OrganisationFactory


@pytest.fixture
def awards(db, reference):
    huawei = OrganisationFactory(name="Huawei", country="CN")
    ericsson = OrganisationFactory(name="Ericsson", country="SE")
    secret = OrganisationFactory(name="Known only from an import", country="FR")
    local = OrganisationFactory(name="Local supplier", country="ME")
    AuthorityFactory(name="A German buyer with no award", country="DE")
    AwardFactory(process__country="RS", suppliers=[huawei])
    AwardFactory(process__country="MK", suppliers=[ericsson, local])
    AwardFactory(process__country="AL", suppliers=[huawei])
    # Unpublished awards name countries (award and supplier) the public must not learn of.
    AwardFactory(process__country="XK", suppliers=[secret], review_status=ReviewStatus.IN_REVIEW)
    AwardFactory(process__country="BA", review_status=ReviewStatus.REJECTED, suppliers=[local])


def test_award_countries_are_those_of_published_awards(awards):
    assert published_award_countries() == ["AL", "MK", "RS"]


def test_supplier_countries_are_those_of_published_awards_suppliers(awards):
    # FR supplies only an unpublished award; DE is a buyer's country, not a supplier's.
    assert published_supplier_countries() == ["CN", "ME", "SE"]


def test_no_published_award_means_no_country(db):
    assert published_award_countries() == []
    assert published_supplier_countries() == []


def test_the_options_are_named_and_found_in_one_query_each(awards):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        options = award_countries()
        suppliers = supplier_countries()
    assert len(queries) == 2
    assert [code for code, _name in options] == ["AL", "MK", "RS"]  # by name: Albania …
    assert [code for code, _name in suppliers] == ["CN", "ME", "SE"]
    with CaptureQueriesContext(connection) as queries:
        award_countries()
    assert len(queries) == 0  # cached until the awards change
