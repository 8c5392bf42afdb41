"""The fast <select> (procurement.core.widgets.FastSelect): the markup of Django's own
Select, and options of the code's constants drawn once per language."""

import re

import pytest
from django import forms
from django.utils import translation

from procurement.core.widgets import FastSelect
from procurement.models import Method, Sector

CHOICES = [("", "any"), *Method.choices, ("a&b", 'Tel "Ekom" <d.o.o.>')]


@pytest.mark.parametrize("value", [None, "", "open", "a&b", "missing"])
def test_the_options_and_the_choice_are_those_of_django_s_select(value):
    for static in (False, True):
        fast = FastSelect(choices=CHOICES, static=static).render("method", value)
        django_s = forms.Select(choices=CHOICES).render("method", value)
        if value in (None, ""):  # Django marks the empty option; a browser shows it first
            django_s = django_s.replace(' value="" selected', ' value=""')
        assert _options(fast) == _options(django_s)
        assert fast.count(" selected") == (0 if value in (None, "", "missing") else 1)


def _options(html: str) -> list[str]:
    """Each option's value, label and whether it is chosen, markup details aside."""
    return [
        f"{value}|{label}|{bool(chosen)}"
        for value, chosen, label in re.findall(
            r'<option value="([^"]*)"( selected)?[^>]*>([^<]*)</option>', html
        )
    ]


def test_a_static_select_draws_its_options_once_per_language():
    """The options of a select of constants are drawn once per language and kept by the
    declared widget; the copy each form makes shares them, another select never does."""
    import copy

    sector = FastSelect(choices=Sector.choices, static=True)
    with translation.override("en"):
        english = sector.render("sector", "telecom")
    with translation.override("sr-latn"):
        serbian = sector.render("sector", "telecom")
    assert english != serbian and set(sector.static_options) == {"en", "sr-latn"}
    in_a_form = copy.deepcopy(sector)  # what every form does with its field's widget
    in_a_form.choices = []  # not read again: the constants' options are kept per language
    with translation.override("en"):
        assert in_a_form.render("sector", "telecom") == english
    other = FastSelect(choices=Method.choices, static=True)
    with translation.override("en"):
        assert 'value="open"' in other.render("sector", None)  # its own options, same name
        assert 'value="open"' not in sector.render("sector", None)
    dynamic = FastSelect(choices=Sector.choices)
    dynamic.choices = [("x", "only x")]  # not static: read on every render
    assert 'value="x"' in dynamic.render("sector", None)
