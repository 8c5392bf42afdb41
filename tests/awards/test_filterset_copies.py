"""The award FilterSet copies its declared filters shallowly per request (speed): each
instance must still have filters, form fields and method bindings of its own."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict

from procurement.awards.filters import AwardFilterSet
from procurement.models import Award


def filterset(query: str, *, reviewer: bool = False) -> AwardFilterSet:
    user = (
        SimpleNamespace(is_reviewer=True, is_staff=False, is_active=True, is_authenticated=True)
        if reviewer
        else AnonymousUser()
    )
    request = SimpleNamespace(user=user)
    return AwardFilterSet(QueryDict(query), queryset=Award.objects.all(), request=request)


def test_each_instance_has_its_own_filters_fields_and_bindings():
    public, reviewing = filterset("country=RS"), filterset("country=ME", reviewer=True)
    assert "review_status" not in public.filters and "review_status" in reviewing.filters
    assert "review_status" in AwardFilterSet.base_filters  # popping never reaches the class
    for name in ("country", "q", "red_flag", "supplier"):
        mine, theirs = public.filters[name], reviewing.filters[name]
        assert mine is not theirs and mine is not AwardFilterSet.base_filters[name]
        assert mine.parent is public and theirs.parent is reviewing
        assert public.form.fields[name] is not reviewing.form.fields[name]
    assert public.filters["q"].filter.f is public.filters["q"]  # the method bound to the copy


@pytest.mark.parametrize(("code", "valid"), [("RS", True), ("XK", True), ("XX", False)])
def test_country_codes_are_validated_without_listing_names(db, code, valid):
    form = filterset(f"country={code}&supplier_country={code}").form
    assert form.is_valid() is valid
    if not valid:
        assert "Select a valid choice. XX is not one of the available choices." in str(
            form.errors["country"]
        )
