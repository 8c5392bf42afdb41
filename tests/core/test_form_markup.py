"""Forms are drawn by Django's own field rendering (templates/forms/field.html): on every form
page, blank and refused, each input has a label and every aria-describedby points at an id
that exists (the help text, the errors). The same check as the browser journeys'."""

import pytest
from django.urls import reverse

from procurement.models import Membership
from tests.factories import AwardFactory
from tests.foi.builders import authority, sent
from tests.page_markup import problems

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]


def test_the_check_finds_what_it_should():
    html = (
        '<h1>x</h1><h3>y</h3><input name="a" aria-describedby="gone">'
        '<label for="nowhere">N</label><label><input name="b"></label>'
    )
    assert problems(html) == [
        'input aria-describedby="gone": no such id',
        'label for="nowhere": no such id',
        "input[name=a] has no label",
        "no main landmark",
        "heading h3 after h1",
    ]


def checked(response, status: int) -> str:
    assert response.status_code == status, response.content[:500]
    html = response.content.decode()
    assert problems(html) == []
    return html


def test_public_forms_blank_and_refused(client):
    pages = [
        (reverse("deadline-calculator"), {}, 200),
        (reverse("deadline-calculator"), {"jurisdiction": "RS", "received_on": "nonsense"}, 400),
        (reverse("request-list"), {"sent_from": "0001-01-01", "overdue": "perhaps"}, 400),
        (reverse("award-search"), {"value_min": "abc", "currency": "EUR"}, 400),
        (reverse("login"), {}, 200),
        (reverse("password_reset"), {}, 200),
    ]
    for url, params, status in pages:
        html = checked(client.get(url, params), status)
        assert "<form" in html, url
    refused = checked(client.get(reverse("award-search"), {"value_min": "abc"}), 400)
    assert 'aria-describedby="id_value_min_error"' in refused
    assert 'id="id_value_min_error"' in refused
    html = checked(client.post(reverse("login"), {"username": "x", "password": "y"}), 200)
    assert "errors" in html
    award = AwardFactory(review_status="published")
    url = reverse("suggest-correction", args=["award", award.pk])
    checked(client.get(url), 200)
    html = checked(client.post(url, {"field": "", "suggestion": ""}), 400)  # as a browser sends
    assert 'aria-invalid="true"' in html and 'id="id_suggestion_error"' in html


def test_workspace_forms_blank_and_refused(client, people):
    client.force_login(people.editor_a)
    new = reverse("workspace-request-new")
    checked(client.get(new), 200)
    chosen = authority("RS")
    checked(client.get(new, {"authority": chosen.pk}), 200)
    html = checked(client.post(new, {"authority": chosen.pk, "save": "sent"}), 400)
    assert 'aria-invalid="true"' in html and "_error" in html
    info_request = sent(people.org_a, people.editor_a, people.org_a.created_at.date())
    checked(client.get(reverse("workspace-request-detail", args=[info_request.pk])), 200)
    record = reverse("workspace-request-record", args=[info_request.pk, "refused"])
    checked(client.get(record), 200)
    checked(client.post(record, {"on": "nonsense"}), 400)
    checked(client.get(reverse("workspace-request-list"), {"due_within": "-5"}), 400)
    Membership.objects.filter(user=people.editor_a).update(role=Membership.Role.ADMIN)
    settings_url = reverse("organisation-settings", args=[people.org_a.pk])
    checked(client.get(settings_url), 200)
    checked(client.post(settings_url, {"reminder_lead_days": "99"}), 400)
    members = reverse("organisation-members", args=[people.org_a.pk])
    checked(client.get(members), 200)


def test_reviewer_forms(client, people):
    client.force_login(people.reviewer)
    checked(client.get(reverse("review-queue"), {"kind": "award"}), 200)
    checked(client.get(reverse("import-new")), 200)
    html = checked(client.post(reverse("import-new"), {"country": ""}), 400)
    assert 'aria-invalid="true"' in html
