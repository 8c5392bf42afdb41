"""Every model has an admin: its list and its forms load for staff, with the demo data in them."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from procurement.models import Award, Organisation, OrganisationAlias, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, demo):
    client.force_login(User.objects.get(username="admin"))
    return client


def test_every_model_is_registered():
    from django.apps import apps

    missing = [
        model.__name__
        for model in apps.get_app_config("procurement").get_models()
        if model not in admin.site._registry and not model.__name__.startswith("Historical")
    ]
    assert missing == []


def test_every_changelist_add_and_change_page_loads(staff_client):
    viewer = RequestFactory().get("/")
    viewer.user = User.objects.get(username="admin")
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "procurement":
            continue
        app, name = model._meta.app_label, model._meta.model_name
        assert staff_client.get(reverse(f"admin:{app}_{name}_changelist")).status_code == 200, model
        if model_admin.has_add_permission(
            type("R", (), {"user": User.objects.get(username="admin")})()
        ):
            assert staff_client.get(reverse(f"admin:{app}_{name}_add")).status_code == 200, model
        # What this staff member may see: private requests stay inside their organisation.
        first = model_admin.get_queryset(viewer).first()
        if first is not None:
            assert (
                staff_client.get(reverse(f"admin:{app}_{name}_change", args=[first.pk])).status_code
                == 200
            )


def test_changelist_search_finds_cyrillic_alias(staff_client):
    response = staff_client.get(
        reverse("admin:procurement_organisation_changelist"), {"q": "Хуавеј"}
    )
    assert "Huawei Technologies Co., Ltd." in response.content.decode()


def test_alias_added_in_the_admin_reaches_the_award_search_document(staff_client):
    dahua = Organisation.objects.get(name="Dahua Technology")
    data = {
        "name": dahua.name,
        "kind": dahua.kind,
        "country": dahua.country,
        "reminder_lead_days": 3,
        "aliases-TOTAL_FORMS": 2,
        "aliases-INITIAL_FORMS": 1,
        "aliases-0-id": OrganisationAlias.objects.get(organisation=dahua).pk,
        "aliases-0-organisation": dahua.pk,
        "aliases-0-name": "Дахуа",
        "aliases-0-script": "cyrl",
        "aliases-1-organisation": dahua.pk,
        "aliases-1-name": "大华 Dahua Keji",
        "aliases-1-script": "latn",
        "identifiers-TOTAL_FORMS": 0,
        "identifiers-INITIAL_FORMS": 0,
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    }
    response = staff_client.post(
        reverse("admin:procurement_organisation_change", args=[dahua.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    award = Award.objects.get(title="Dahua video surveillance at the airport")
    assert "keji" in award.search_document.split()
