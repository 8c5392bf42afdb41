"""Model selects that read their options in one plain query (procurement.core.form_fields)."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procurement.core.form_fields import ListedModelChoiceField, ListedModelChoiceFilter
from procurement.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _options(field) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in field.choices]


def test_the_options_are_django_s_own_read_by_one_plain_query():
    for name in ("Zeta", "Alfa", "Mitrovica"):
        OrganisationFactory(name=name)
    ordered = Organisation.objects.order_by("name")
    plain = forms.ModelChoiceField(queryset=ordered, empty_label="any")
    listed = ListedModelChoiceField(queryset=ordered, empty_label="any")
    with CaptureQueriesContext(connection) as queries:
        options = _options(listed)
    assert options == _options(plain)
    assert options[0] == ("", "any") and [label for _v, label in options[1:4]] == [
        "Alfa",
        "Mitrovica",
        "Zeta",
    ]
    assert len(queries.captured_queries) == 1
    # No server-side cursor (PostgreSQL's DECLARE … WITH HOLD) for a select's options.
    assert "DECLARE" not in queries.captured_queries[0]["sql"]
    assert len(listed.choices) == len(options)
    # Read afresh each time: a new organisation appears at the next rendering.
    OrganisationFactory(name="Beta")
    assert "Beta" in [label for _v, label in _options(listed)]


def test_a_filter_keeps_its_none_option_and_its_queryset_set_later():
    OrganisationFactory(name="Alfa")
    chosen = OrganisationFactory(name="Beta")
    declared = ListedModelChoiceFilter(
        queryset=Organisation.objects.none(), null_label="none", empty_label="any"
    )
    field = declared.field
    assert _options(field) == [("", "any"), ("null", "none")]
    field.queryset = Organisation.objects.filter(pk=chosen.pk)
    assert _options(field) == [("", "any"), ("null", "none"), (str(chosen.pk), "Beta")]
    assert field.clean(str(chosen.pk)) == chosen
