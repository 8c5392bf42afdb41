"""Every authority on record is found from the request form, and its page shows where to
write (FOI e-mail, flagged when suspect), its address, website and source, and its FOI record."""

import pytest
from django.urls import reverse

from procurement.authorities.services.contacts import (
    clear_foi_email_suspect,
    flag_foi_email_suspect,
)
from procurement.authorities.services.registers import import_shipped_registers
from procurement.awards.services.search_keys import refresh_organisation_keys
from procurement.models import AuditLog, Organisation
from tests.factories import AuthorityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]


@pytest.fixture
def registers(reference):
    import_shipped_registers()


def test_the_request_form_finds_the_serbian_ministry_of_health(client, people, registers):
    client.force_login(people.editor_a)
    response = client.get(reverse("workspace-request-new") + "?authority_q=Ministry+of+Health")
    assert response.status_code == 200
    serbian = Organisation.objects.get(name="Ministarstvo zdravlja", jurisdiction__code="RS")
    assert serbian in response.context["matches"]
    html = response.content.decode()
    assert f'href="?authority={serbian.pk}">Ministarstvo zdravlja</a>' in html
    assert "<li>No authority matches" not in html
    found = client.get(reverse("workspace-authorities"), {"q": "министарство здравља"}).json()
    assert serbian.pk in [result["id"] for result in found["results"]]
    chosen = client.get(reverse("workspace-request-new"), {"authority": serbian.pk})
    assert "informacijejz@zdravlje.gov.rs" in chosen.content.decode()


def test_an_authority_page_shows_its_contact_facts_and_sources(client, registers):
    health = Organisation.objects.get(name="Ministarstvo zdravlja", jurisdiction__code="RS")
    html = client.get(reverse("organisation-detail", args=[health.pk])).content.decode()
    assert '<a href="mailto:informacijejz@zdravlje.gov.rs">' in html
    assert "Немањина 22-26, 11000 Београд" in html
    assert 'href="https://www.zdravlje.gov.rs"' in html
    assert "zahtevi-za-ostvarivanja-prava-na-pristup-informacijama" in html  # its source
    assert "Freedom-of-information record" in html and "ministry" in html
    no_email = Organisation.objects.get(name="Ministarstvo finansija", jurisdiction__code="RS")
    html = client.get(reverse("organisation-detail", args=[no_email.pk])).content.decode()
    assert "none on record" in html


def test_a_suspect_foi_email_is_shown_as_such_until_it_is_checked(client, people):
    authority = AuthorityFactory(name="Grad Niš", foi_email="dragan@gu.ni.rs")
    refresh_organisation_keys([authority.pk])
    page = reverse("organisation-detail", args=[authority.pk])
    assert "suspect" not in client.get(page).content.decode()
    flag_foi_email_suspect(
        organisation_id=authority.pk,
        reason="Bounced on 3 Mar 2026:   550 5.1.1 user unknown " + "x" * 600,
    )
    authority.refresh_from_db()
    assert authority.foi_email_suspect and len(authority.foi_email_suspect_reason) == 500
    html = client.get(page).content.decode()
    assert '<strong class="suspect">suspect</strong>: Bounced on 3 Mar 2026: 550 5.1.1' in html
    client.force_login(people.editor_a)
    form = client.get(reverse("workspace-request-new"), {"authority": authority.pk})
    assert '<strong class="suspect">suspect</strong>' in form.content.decode()
    found = client.get(reverse("workspace-authorities"), {"q": "nis"}).json()["results"]
    assert found[0]["foi_email_suspect"] is True
    assert AuditLog.objects.filter(action="authorities.foi_email_suspect").exists()
    clear_foi_email_suspect(organisation_id=authority.pk)
    assert "suspect" not in client.get(page).content.decode()


def test_an_authority_without_an_address_cannot_be_flagged():
    authority = AuthorityFactory(name="Bez adrese", foi_email="")
    flag_foi_email_suspect(organisation_id=authority.pk, reason="bounce")
    authority.refresh_from_db()
    assert not authority.foi_email_suspect
    assert not AuditLog.objects.filter(action="authorities.foi_email_suspect").exists()


def test_the_authority_search_lists_matches_in_a_fixed_number_of_queries(
    client, people, django_assert_num_queries
):
    rs = AuthorityFactory(name="Grad Beograd").jurisdiction
    many = [AuthorityFactory(name=f"Gradska opština {n}", jurisdiction=rs) for n in range(30)]
    refresh_organisation_keys([o.pk for o in Organisation.objects.all()])
    client.force_login(people.editor_a)
    url = reverse("workspace-request-new")
    # session, user, memberships, editable organisations (exists), matches, their aliases,
    # the proposal form's organisations and jurisdictions (twice each: Django's Select asks
    # for its first choice to decide on `required`)
    with django_assert_num_queries(10):
        one = client.get(url, {"authority_q": "grad beograd"})
    with django_assert_num_queries(10):
        twenty = client.get(url, {"authority_q": "gradska"})
    assert len(one.context["matches"]) == 1 and len(twenty.context["matches"]) == 20
    assert many[0].name in twenty.content.decode()
