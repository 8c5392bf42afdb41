"""Issue 13: complaints name the complainant's address from the organisation's profile; where
it is missing the letters leave a bracket and the page says where to add it."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from procurement.models import Membership, Organisation
from tests.foi.builders import at, member, organisation, sent, step

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def refused(reference):
    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 2, 20)), tick=False):
        info_request = sent(org, editor, D(2026, 1, 30), received_on=D(2026, 1, 31))
        return step(
            info_request,
            "refused",
            D(2026, 2, 16),
            actor=editor,
            decision_number="07-12/26",
            refusal_ground="Art. 9",
        )


def test_the_address_is_asked_for_then_used_in_the_letters(client, refused):
    org = refused.requester_organisation
    admin = member(org, role=Membership.Role.ADMIN)
    client.force_login(admin)
    letters_url = reverse("request-letters", args=[refused.pk])
    settings_url = reverse("organisation-settings", args=[org.pk])
    with time_machine.travel(at(D(2026, 2, 20)), tick=False):
        html = client.get(letters_url).content.decode()
    assert "postal address is missing" in html and f'href="{settings_url}#letter-profile"' in html
    assert "[adresa podnosioca: upišite je u profil organizacije]" in html
    assert "broj rešenja: 07-12/26" in html  # the decision number recorded with the step
    response = client.post(
        settings_url, {"form": "profile", "postal_address": " Kneza  Miloša 10,\n11000 Beograd "}
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.postal_address == "Kneza Miloša 10, 11000 Beograd"
    assert org.reminder_lead_days == 3  # the other settings form was not touched
    with time_machine.travel(at(D(2026, 2, 20)), tick=False):
        html = client.get(letters_url).content.decode()
    assert "postal address is missing" not in html
    assert f"Podnosilac: {org.name}, Kneza Miloša 10, 11000 Beograd" in html


def test_only_the_organisations_admins_change_the_address_and_bad_input_saves_nothing(
    client, refused
):
    org = refused.requester_organisation
    url = reverse("organisation-settings", args=[org.pk])
    client.force_login(member(org, role=Membership.Role.EDITOR))
    assert client.post(url, {"form": "profile", "postal_address": "X 1"}).status_code == 404
    client.force_login(member(org, role=Membership.Role.ADMIN))
    response = client.post(url, {"form": "profile", "postal_address": "x" * 501})
    assert response.status_code == 400
    assert Organisation.objects.get(pk=org.pk).postal_address == ""
