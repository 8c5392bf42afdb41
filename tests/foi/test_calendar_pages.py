"""The organisation's deadline calendar (month grid) and each user's secret ICS feed."""

from datetime import date

import pytest
from django.urls import reverse

from procurement.accounts.services.memberships import remove_member
from procurement.models import User
from tests.factories import InfoRequestFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]


def sent(organisation, subject, **dates):
    return InfoRequestFactory(
        requester_organisation=organisation,
        subject=subject,
        status="sent",
        sent_on=date(2025, 2, 1),
        **dates,
    )


@pytest.fixture
def deadlines(people):
    return {
        "a": sent(
            people.org_a,
            "Camera locations",
            due_on=date(2025, 3, 3),
            appeal_due_on=date(2025, 3, 20),
            reference_number="MUP-12/25",
        ),
        "a_answered": InfoRequestFactory(
            requester_organisation=people.org_a,
            subject="Answered already",
            status="answered",
            sent_on=date(2025, 2, 1),
            due_on=date(2025, 3, 4),
        ),
        "b": sent(people.org_b, "Secret of B", due_on=date(2025, 3, 5)),
    }


def test_month_grid_shows_the_organisations_open_deadlines(
    client, people, deadlines, django_assert_num_queries
):
    client.force_login(people.member_a)
    url = reverse("organisation-calendar", args=[people.org_a.pk]) + "?month=2025-03"
    with django_assert_num_queries(5):  # session, user, roles, organisation, requests
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deadlines in March 2025" in html
    assert "Answer due: Camera locations" in html
    assert "Appeal window closes: Camera locations" in html
    assert "Answered already" not in html and "Secret of B" not in html
    assert "?month=2025-02" in html and "?month=2025-04" in html
    for n in range(4):
        sent(people.org_a, f"More {n}", due_on=date(2025, 3, 10 + n))
    with django_assert_num_queries(5):
        html = client.get(url).content.decode()
    assert "More 3" in html


def test_month_grid_is_only_for_members_and_reads_months_strictly(client, people, deadlines):
    url = reverse("organisation-calendar", args=[people.org_a.pk])
    assert client.get(url).status_code == 302  # sign in first
    for outsider in (people.member_b, people.reviewer, people.staff):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(people.member_a)
    bad = client.get(url + "?month=2025-13")
    assert bad.status_code == 400 and "written like 2025-03" in bad.content.decode()
    assert client.get(url + "?month=<script>").status_code == 400


def test_feed_holds_the_deadlines_of_the_users_organisations_only(
    client, people, deadlines, settings
):
    settings.SITE_URL = "https://tracker.example.org"
    response = client.get(reverse("calendar-feed", args=[people.member_a.feed_token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode().replace("\r\n ", "")
    assert text.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Answer due: Camera locations" in text
    assert "DTSTART;VALUE=DATE:20250303" in text and "DTSTART;VALUE=DATE:20250320" in text
    assert f"UID:request-{deadlines['a'].pk}-due@tracker.example.org" in text
    assert f"URL:https://tracker.example.org/workspace/requests/{deadlines['a'].pk}/" in text
    assert "Reference: MUP-12/25" in text
    assert "Secret of B" not in text and "Answered already" not in text
    b_feed = client.get(reverse("calendar-feed", args=[people.member_b.feed_token]))
    assert "Secret of B" in b_feed.content.decode() and "Camera" not in b_feed.content.decode()


def test_feed_follows_membership_and_account_state(client, people, deadlines):
    url = reverse("calendar-feed", args=[people.member_a.feed_token])
    remove_member(membership_id=people.member_a.memberships.get().pk, actor=people.admin_a)
    text = client.get(url).content.decode()
    assert "BEGIN:VCALENDAR" in text and "BEGIN:VEVENT" not in text
    User.objects.filter(pk=people.member_a.pk).update(is_active=False)
    assert client.get(url).status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    assert client.get(reverse("calendar-feed", args=["A" * 43])).status_code == 404
