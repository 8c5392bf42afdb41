"""JSONArrayOf: a row's related rows as one JSON array in the same statement, in order."""

import pytest
from django.db import connection
from django.db.models import F, OuterRef
from django.db.models.functions import JSONObject
from django.utils import timezone

from procurement.core.json_rows import JSONArrayOf, JSONValue
from procurement.models import Award, AwardSupplier, RedFlag
from tests.factories import AwardFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _suppliers_by_name():
    links = (
        AwardSupplier.objects.filter(award=OuterRef("pk"))
        .order_by("organisation__name")
        .values(j=JSONObject(name=F("organisation__name")))
    )
    return JSONArrayOf(links)


def test_related_rows_come_back_in_the_subquerys_order_and_none_as_an_empty_list(
    reference, django_assert_num_queries
):
    award, bare = AwardFactory(), AwardFactory()
    AwardSupplier.objects.filter(award=award).delete()
    AwardSupplier.objects.filter(award=bare).delete()
    # Created against their name order, so neither id nor insertion order gives it.
    for name in ("Zeta", "Alfa", "Mu"):
        AwardSupplier.objects.create(award=award, organisation=OrganisationFactory(name=name))
    assert connection.features.supports_json_field  # SQLite asks once per connection
    with django_assert_num_queries(1):
        rows = dict(
            Award.objects.filter(pk__in=[award.pk, bare.pk])
            .annotate(names=_suppliers_by_name())
            .values_list("pk", "names")
        )
    assert rows[award.pk] == [{"name": "Alfa"}, {"name": "Mu"}, {"name": "Zeta"}]
    assert rows[bare.pk] == []


def test_a_json_column_inside_an_object_stays_json_not_a_string(reference):
    award = AwardFactory()
    inputs = {"tenderers": 1, "method": "open", "nested": {"list": [1, "two"]}}
    RedFlag.objects.create(
        key="R018:test",
        code="R018",
        rule_version="1",
        computed_at=timezone.now(),
        process=award.process,
        award=award,
        inputs=inputs,
    )
    flags = (
        RedFlag.objects.filter(award=OuterRef("pk"))
        .order_by("code")
        .values(j=JSONObject(code="code", inputs=JSONValue("inputs")))
    )
    found = Award.objects.filter(pk=award.pk).annotate(flags=JSONArrayOf(flags)).get().flags
    assert found == [{"code": "R018", "inputs": inputs}]
