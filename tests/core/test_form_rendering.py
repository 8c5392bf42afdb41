"""Form fields drawn in Python (procurement.core.form_rendering) write exactly what the
template engine writes: every field of every form of the project, unbound, bound to valid
values and bound to invalid ones, both ways."""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import translation

from procurement.core.form_rendering import EngineFormRenderer, TrackerFormRenderer
from tests.factories import AwardFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _form_classes() -> list[type[forms.BaseForm]]:
    """Every form class the project declares (in its forms and filters modules)."""
    found = []
    for path in sorted((ROOT / "procurement").rglob("*.py")):
        if path.stem not in ("forms", "filters") and "forms" not in path.parts:
            continue
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def _drawn(form: forms.BaseForm) -> dict[str, list[str]]:
    """Each field as the pages draw it: its group, its input alone, its label, its errors."""
    drawn = {}
    for field in form:
        parts = [str(field.as_field_group()), str(field), str(field.errors)]
        if field.label:
            parts += [str(field.label_tag()), str(field.legend_tag())]
        drawn[field.name] = parts
    return drawn


def _both_ways(make) -> tuple[dict, dict]:
    fast, engine = make(), make()
    assert isinstance(fast.renderer, TrackerFormRenderer)
    engine.renderer = EngineFormRenderer()  # before any field or error is built
    for form in (fast, engine):
        if form.is_bound:
            form.is_valid()
    return _drawn(fast), _drawn(engine)


def _garbage(form_class) -> dict:
    """A value no field accepts as it is (text in numbers, dates, ids and choices)."""
    return dict.fromkeys(form_class.base_fields, "<b>not & valid</b>")


def test_every_form_of_the_project_is_drawn_as_the_templates_draw_it():
    classes = _form_classes()
    assert len(classes) >= 10
    checked = 0
    for form_class in classes:
        for data in (None, {}, _garbage(form_class)):
            try:
                form_class(data=data)
            except TypeError:  # a form that needs its request or record: below
                break
            fast, engine = _both_ways(lambda form_class=form_class, data=data: form_class(data))
            assert fast == engine, form_class
            checked += len(fast)
    assert checked >= 60


def test_the_forms_that_need_their_context_are_drawn_as_the_templates_draw_them(reference):
    from procurement.accounts.forms import NewAccountForm
    from procurement.authorities.forms import ProposeAuthorityForm
    from procurement.foi.forms import NewRequestForm, StepForm
    from procurement.models import FoiLaw, Organisation, RequestStatus
    from tests.factories import CivilSocietyFactory, UserFactory

    user = UserFactory()
    organisations = Organisation.objects.filter(pk=CivilSocietyFactory(name="CRTA & <Co>").pk)
    law = FoiLaw.objects.filter(jurisdiction__code="BA-SRP", effective_to__isnull=True).first()
    makers = [
        lambda data: NewAccountForm(data, email="a@example.org"),
        lambda data: ProposeAuthorityForm(data, organisations=organisations),
        lambda data: NewRequestForm(data, user=user, organisations=organisations),
        *(
            lambda data, step=step: StepForm(data, step=step, law=law)
            for step in (RequestStatus.SENT, RequestStatus.REFUSED, RequestStatus.APPEALED)
        ),
    ]
    for make in makers:
        garbage = _garbage(type(make(None)))
        for data in (None, {}, garbage):
            fast, engine = _both_ways(lambda make=make, data=data: make(data))
            assert fast == engine, (make(None), data)
            if data is garbage:
                assert any("has-error" in parts[0] for parts in fast.values())


@pytest.mark.parametrize("language", ["en", "sr-latn", "sq"])
def test_the_award_search_filters_are_drawn_as_the_templates_draw_them(language, reference):
    from procurement.awards.selectors.browse import filtered_awards

    OrganisationFactory(name='Tel "Ekom" & <Sons>')
    AwardFactory(country="RS")
    request = RequestFactory().get("/awards/")
    request.user = AnonymousUser()
    queries = [
        "",
        "country=RS&method=open&legal_basis=procurement_law&red_flag=R018,X001&year=2020",
        "value_min=-5&currency=EUR&date_from=2020-13-40&red_flag=NOPE&undisclosed=maybe",
        "q=%3Cscript%3E&value_min=10&value_max=1&date_from=2021-01-01&date_to=2020-01-01",
    ]
    with translation.override(language):
        for query in queries:
            data = QueryDict(query)

            def make(data=data):
                return filtered_awards(data, request).form

            fast, engine = _both_ways(make)
            assert fast == engine, query
            assert fast["red_flag"][1].count("<input") > 5  # the list of indicators
