"""The public deadline calculator: GET /api/deadlines/ and the page /deadlines/."""

from datetime import date

import pytest
from django.urls import reverse

from procurement.models import HolidayOverride, Jurisdiction

pytestmark = pytest.mark.django_db
API = "/api/deadlines/"


def api(client, **params):
    return client.get(API, params)


@pytest.mark.parametrize(
    ("params", "due_on", "extended_due_on", "appeal_opens_on", "appeal_due_on"),
    [
        # Serbia: a complaint about silence has no closing date (Art. 22(1); issue 13).
        (
            {"jurisdiction": "RS", "received_on": "2026-01-31"},
            "2026-02-18",
            "2026-03-12",
            "2026-02-19",
            None,
        ),
        (
            {"jurisdiction": "RS", "received_on": "2026-04-16"},
            "2026-05-04",
            "2026-05-26",
            "2026-05-05",
            None,
        ),
        # Albania: 30 working days after the deadline passes (Art. 24).
        (
            {"jurisdiction": "AL", "received_on": "2026-03-10"},
            "2026-03-27",
            "2026-04-03",
            "2026-03-28",
            "2026-05-13",
        ),
        # Republika Srpska: Orthodox New Year (14 Jan) is a religious feast, a working day.
        (
            {"jurisdiction": "BA", "level": "SRP", "received_on": "2025-12-30"},
            "2026-01-14",
            None,
            "2026-01-15",
            None,
        ),
        (
            {"jurisdiction": "BA-BIH", "received_on": "2025-12-30"},
            "2026-01-14",
            None,
            "2026-01-15",
            None,
        ),
        (
            {"jurisdiction": "ME", "received_on": "2026-05-08"},
            "2026-06-02",
            "2026-06-10",
            "2026-06-03",
            None,
        ),
        (
            {"jurisdiction": "mk", "received_on": "2026-05-04"},
            "2026-05-26",
            "2026-06-03",
            "2026-05-27",
            None,
        ),
        # Kosovo: 15 days in total when extended (not 7 + 15); 15 days from silence.
        (
            {"jurisdiction": "XK", "received_on": "2026-02-10"},
            "2026-02-18",
            "2026-02-25",
            "2026-02-19",
            "2026-03-05",
        ),
    ],
)
def test_api_answers_the_worked_examples(
    client,
    reference,
    django_assert_num_queries,
    params,
    due_on,
    extended_due_on,
    appeal_opens_on,
    appeal_due_on,
):
    with django_assert_num_queries(4):  # jurisdiction, law, overrides, suspensions
        response = api(client, **params)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["due_on"] == due_on
    assert data["extended_due_on"] == extended_due_on
    assert data["appeal_opens_on"] == appeal_opens_on
    assert data["appeal_due_on"] == appeal_due_on
    assert data["provisional"] is False
    assert data["law"]["name"] and data["law"]["source"].startswith("https://")
    assert data["explanation"].startswith("Answer due: received")
    assert data["explanations"]["due_on"].endswith(date.fromisoformat(due_on).strftime("%-d %b %Y"))


def test_api_serbian_example_in_full(client, reference):
    data = api(client, jurisdiction="RS", received_on="2026-01-31").json()
    assert data["jurisdiction"] == {"code": "RS", "name": "Serbia"}
    assert data["urgent_due_on"] == "2026-02-02"  # 48 hours, where the law has them
    assert data["applicable_due_on"] == "2026-02-18"
    assert "(Art. 16(1)) → Sun 15 Feb 2026 (Statehood Day)" in data["explanations"]["due_on"]
    assert data["law"]["appeal_body"].startswith("Commissioner for Information")
    assert "appeal_due_after_decision_on" not in data


def test_api_urgent_and_decision_delivered(client, reference):
    data = api(
        client,
        jurisdiction="RS",
        received_on="2026-01-30",
        urgent="true",
        decision_delivered_on="2026-04-27",
    ).json()
    assert data["urgent"] is True and data["applicable_due_on"] == "2026-02-01"
    # After the urgent deadline, Sun 1 Feb, one may complain from Mon 2 Feb, with no end.
    assert (data["appeal_opens_on"], data["appeal_due_on"]) == ("2026-02-02", None)
    assert data["appeal_opens_after_decision_on"] == "2026-04-27"
    assert data["appeal_due_after_decision_on"] == "2026-05-12"
    assert "urgent_due_on" not in api(client, jurisdiction="BA", received_on="2026-03-05").json()


def test_api_reflects_an_admin_override(client, reference):
    HolidayOverride.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="RS"), date=date(2026, 2, 18), name="Mourning"
    )
    data = api(client, jurisdiction="RS", received_on="2026-01-31").json()
    assert data["due_on"] == "2026-02-19" and "Mourning" in data["explanation"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"received_on": "2026-01-31"}, "jurisdiction", "This field is required"),
        (
            {"jurisdiction": "FR", "received_on": "2026-01-31"},
            "jurisdiction",
            "Unknown jurisdiction “FR”",
        ),
        ({"jurisdiction": "RS"}, "received_on", "YYYY-MM-DD"),
        ({"jurisdiction": "RS", "received_on": "31.01.2026."}, "received_on", "YYYY-MM-DD"),
        ({"jurisdiction": "RS", "received_on": "2026-02-30"}, "received_on", "YYYY-MM-DD"),
        ({"jurisdiction": "RS", "received_on": "1999-05-01"}, "received_on", "covers 2007–2100"),
        ({"jurisdiction": "RS", "received_on": "2150-05-01"}, "received_on", "covers 2007–2100"),
        ({"jurisdiction": "RS", "received_on": "9999-05-01"}, "received_on", "Give a date from"),
        ({"jurisdiction": "RS", "received_on": "0001-01-01"}, "received_on", "Give a date from"),
        (
            {"jurisdiction": "BA", "level": "BRC", "received_on": "2026-01-31"},
            "jurisdiction",
            "no response period",
        ),
        ({"jurisdiction": "BA-BRC", "received_on": "2020-01-31"}, "received_on", "No FOI law"),
        ({"jurisdiction": "BA", "level": "RS", "received_on": "2026-01-31"}, "level", "ambiguous"),
        (
            {"jurisdiction": "BA", "level": "XYZ", "received_on": "2026-01-31"},
            "level",
            "give BIH, SRP or BRC",
        ),
        (
            {"jurisdiction": "RS", "level": "SRP", "received_on": "2026-01-31"},
            "level",
            "only for Bosnia",
        ),
        (
            {"jurisdiction": "RS", "received_on": "2026-01-31", "urgent": "maybe"},
            "urgent",
            "true or false",
        ),
        (
            {
                "jurisdiction": "RS",
                "received_on": "2026-01-31",
                "decision_delivered_on": "2026-01-01",
            },
            "decision_delivered_on",
            "before receipt",
        ),
    ],
)
def test_api_says_clearly_what_it_cannot_handle(client, reference, params, field, message):
    response = api(client, **params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["field"] == field and message in body["error"], body


def test_page_works_without_javascript_and_explains(client, reference, django_assert_num_queries):
    assert client.get(reverse("deadline-calculator")).status_code == 200
    with django_assert_num_queries(5):  # jurisdictions for the form, then as the API
        response = client.get(
            reverse("deadline-calculator"), {"jurisdiction": "RS", "received_on": "2026-01-31"}
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wed 18 Feb 2026" in html and "Statehood Day" in html
    # The month calendars: receipt (a Saturday), the holidays by name, the due date.
    assert '<td class="closed received" title="weekend; received (not counted)">31' in html
    assert '<td class="closed in-period" title="Statehood Day">15' in html
    assert '<td class="due" title="due">18' in html
    assert "January 2026" in html and "February 2026" in html


def test_page_never_shows_a_closing_date_for_a_silence_complaint_in_serbia(client, reference):
    html = client.get(
        reverse("deadline-calculator"), {"jurisdiction": "RS", "received_on": "2026-01-31"}
    ).content.decode()
    assert "Complain by, if no answer" not in html
    assert "Thu 5 Mar 2026" not in html  # the closing date the tracker used to invent
    assert "If no answer, you may complain from" in html and "Thu 19 Feb 2026" in html
    assert "the law sets no closing date" in html


def test_montenegro_2025_law_gives_provisional_dates_on_page_and_api(client, reference):
    data = api(client, jurisdiction="ME", received_on="2026-07-07").json()
    assert data["due_on"] == "2026-07-30" and data["provisional"] is True
    assert data["provisional_note"] == "provisional: the 2025 law's period is not confirmed"
    assert data["appeal_due_on"] is None and data["appeal_opens_on"] == "2026-07-31"
    html = client.get(
        reverse("deadline-calculator"), {"jurisdiction": "ME", "received_on": "2026-07-07"}
    ).content.decode()
    assert "provisional: the 2025 law&#x27;s period is not confirmed" in html


def test_bosnian_state_level_before_13_september_2023_uses_the_2000_act(client, reference):
    data = api(client, jurisdiction="BA", received_on="2020-01-31").json()
    assert data["law"]["short_name"] == "FOI Act of BiH (2000)"
    assert data["due_on"] == "2020-02-17"  # +15 = Sat 15 Feb → Mon 17 Feb
    assert "Art. 14(4)" in data["explanations"]["due_on"]


def test_api_gives_the_appeal_bodys_decision_date(client, reference):
    data = api(client, jurisdiction="RS", received_on="2026-01-31", appealed_on="2026-03-30").json()
    assert data["appeal_decision_due_on"] == "2026-04-29"  # 30 days (Art. 24(1))
    data = api(client, jurisdiction="AL", received_on="2026-03-10", appealed_on="2026-03-30").json()
    assert data["appeal_decision_due_on"] == "2026-04-22"  # 15 working days
    response = api(client, jurisdiction="RS", received_on="2026-01-31", appealed_on="2026-01-01")
    assert response.status_code == 400 and response.json()["field"] == "appealed_on"


def test_page_shows_the_error_for_bad_input(client, reference):
    response = client.get(
        reverse("deadline-calculator"), {"jurisdiction": "BA-BRC", "received_on": "2026-01-31"}
    )
    assert response.status_code == 400
    assert "no response period" in response.content.decode()
    response = client.get(
        reverse("deadline-calculator"), {"jurisdiction": "RS", "received_on": "x"}
    )
    assert response.status_code == 400 and "YYYY-MM-DD" in response.content.decode()
