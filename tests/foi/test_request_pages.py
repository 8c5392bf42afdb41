"""The request pages of the FOI area: the public request page with its deadline, timeline and
letter partials; the public list with derived filters; the letters page and downloads."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from procurement.models import Document, InfoRequest, Membership
from tests.foi.builders import at, member, organisation, sent, step

pytestmark = pytest.mark.django_db
D = date


def publish(info_request: InfoRequest) -> InfoRequest:
    InfoRequest.objects.filter(pk=info_request.pk).update(
        visibility="published", published_at=timezone.now()
    )
    info_request.refresh_from_db()
    return info_request


@pytest.fixture
def team(reference):
    org = organisation()
    return org, member(org)


@pytest.fixture
def refused(team):
    org, editor = team
    with time_machine.travel(at(D(2026, 4, 28)), tick=False):
        info_request = sent(org, editor, D(2026, 4, 1), received_on=D(2026, 4, 2))
        step(info_request, "acknowledged", D(2026, 4, 3), reference_number="07-15/2026")
        info_request = step(
            info_request,
            "refused",
            D(2026, 4, 27),
            refusal_ground="Business secret of the supplier",
        )
    return publish(info_request)


@time_machine.travel(at(D(2026, 5, 4)), tick=False)
def test_request_page_shows_deadlines_explanation_events_and_letters(client, refused):
    html = client.get(refused.get_absolute_url()).content.decode()
    assert "Appeal window closes" in html and "Tue 12 May 2026" in html
    assert "appeal window open" in html
    assert "How these dates were computed" in html
    assert "decision delivered Mon 27 Apr 2026 (not counted)" in html
    assert "Business secret of the supplier" in html  # in the letter
    assert "Complaint against the decision of" in html and "<textarea" in html
    download = reverse("request-letter-download", args=[refused.pk, "en", "complaint_refusal"])
    assert download in html
    assert "Žalba protiv rešenja" in html  # the Serbian version of the same letter
    assert "acknowledged" in html and "refused" in html  # the timeline
    assert "Created" not in html and "by user" not in html  # the public sees no actors


def test_request_page_query_count_does_not_grow(client, refused, django_assert_num_queries):
    with django_assert_num_queries(8):
        assert client.get(refused.get_absolute_url()).status_code == 200
    editor = refused.requester_organisation.memberships.get().user
    with time_machine.travel(at(D(2026, 5, 4)), tick=False):
        step(refused, "appealed", D(2026, 5, 4), actor=editor)
    for n in range(3):
        Document.objects.create(
            title=f"Decision {n}",
            url="https://example.org/d",
            request=refused,
            is_published=True,
            event=refused.events.last(),
        )
    with django_assert_num_queries(8):
        assert client.get(refused.get_absolute_url()).status_code == 200


def test_public_timeline_hides_reminders_and_unpublished_documents(client, refused):
    refused.events.create(kind="reminder", occurred_on=D(2026, 4, 20), note="Reminder sent to 2")
    event = refused.events.get(to_status="refused")
    Document.objects.create(
        title="Published decision",
        url="https://e.org/1",
        request=refused,
        event=event,
        is_published=True,
    )
    Document.objects.create(
        title="Internal memo",
        url="https://e.org/2",
        request=refused,
        event=event,
        is_published=False,
    )
    html = client.get(refused.get_absolute_url()).content.decode()
    assert "Published decision" in html
    assert "Internal memo" not in html and "Reminder sent to 2" not in html


def test_private_requests_and_their_letters_stay_in_the_organisation(client, team):
    org, editor = team
    with time_machine.travel(at(D(2026, 2, 25)), tick=False):
        private = sent(org, editor, D(2026, 1, 30))
    letters = reverse("request-letters", args=[private.pk])
    download = reverse("request-letter-download", args=[private.pk, "en", "reminder"])
    outsider = member(organisation())
    for who in (None, outsider):
        if who:
            client.force_login(who)
        assert client.get(private.get_absolute_url()).status_code == 404
        assert client.get(letters).status_code == 404
        assert client.get(download).status_code == 404
        assert client.post(reverse("request-follow", args=[private.pk])).status_code in (302, 404)
        assert not private.followers.filter(pk=getattr(who, "pk", None)).exists()
    reader = member(org, role=Membership.Role.MEMBER)
    client.force_login(reader)
    response = client.get(letters)
    assert response.status_code == 200
    assert "Reminder — request for access to information" in response.content.decode()
    response = client.get(download)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert f'filename="request-{private.pk}-reminder-en.txt"' in response["Content-Disposition"]
    assert "Contracts for the Safe City cameras" in response.content.decode()
    assert client.post(reverse("request-follow", args=[private.pk])).status_code == 302
    assert private.followers.filter(pk=reader.pk).exists()


def test_members_see_reminders_and_actors_on_the_letters_page(client, refused):
    editor = refused.requester_organisation.memberships.get().user
    refused.events.create(kind="reminder", occurred_on=D(2026, 4, 20), note="Reminder sent to 2")
    client.force_login(editor)
    html = client.get(reverse("request-letters", args=[refused.pk])).content.decode()
    assert "Reminder sent to 2" in html and f"by {editor.username}" in html


def test_unknown_letter_kind_or_language_is_404(client, refused):
    for language, kind in [("en", "nonsense"), ("fr", "reminder"), ("en", "reminder")]:
        url = reverse("request-letter-download", args=[refused.pk, language, kind])
        assert client.get(url).status_code == 404  # a refusal has no reminder letter either


def late_answered_and_running(org, editor, fresh_in: str = "RS"):
    """Three published requests: one left unanswered past its due date (18 Feb 2026, its
    appeal window open from 19 Feb with no closing date), one answered in time, one sent on 2
    Mar 2026."""
    with time_machine.travel(at(D(2026, 2, 2)), tick=False):
        late = publish(sent(org, editor, D(2026, 1, 30), subject="Late answer"))
        on_time = publish(sent(org, editor, D(2026, 2, 2), subject="Answered in time"))
        step(on_time, "answered", D(2026, 2, 2))
    with time_machine.travel(at(D(2026, 3, 2)), tick=False):
        fresh = publish(sent(org, editor, D(2026, 3, 2), subject="Still running", code=fresh_in))
    return late, on_time, fresh


@time_machine.travel(at(D(2026, 3, 3)), tick=False)
def test_request_list_filters_overdue_and_appeal_window(client, team, django_assert_num_queries):
    late, _on_time, fresh = late_answered_and_running(*team)
    url = reverse("request-list")
    with django_assert_num_queries(3):  # jurisdictions for the filter form, count, page
        html = client.get(url, {"overdue": "yes"}).content.decode()
    assert "Late answer" in html and "Still running" not in html and "Answered in time" not in html
    html = client.get(url, {"appeal_window_open": "yes"}).content.decode()
    assert "Late answer" in html and "Still running" not in html
    html = client.get(url, {"overdue": "no"}).content.decode()
    assert "Late answer" not in html and "Still running" in html and "Answered in time" in html
    html = client.get(url, {"status": ["sent"], "jurisdiction": "RS"}).content.decode()
    assert "Late answer" in html and "Still running" in html and "Answered in time" not in html
    assert fresh.due_on > D(2026, 3, 3) > late.due_on
    # The window after silence opened on 19 Feb and has no closing date in Serbia (issue 13).
    assert (late.appeal_opens_on, late.appeal_due_on) == (D(2026, 2, 19), None)
    response = client.get(url, {"overdue": "perhaps"})
    # A filter that makes no sense is refused with the form's message, not silently ignored.
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()


@time_machine.travel(at(D(2026, 3, 3)), tick=False)
def test_the_public_list_and_the_api_answer_one_filterset_alike(client, team):
    """`/requests/` and `/api/requests/` read the same FilterSet: every filter narrows both to
    the same requests (the API once answered `?overdue=yes&appeal_window_open=yes` unfiltered)."""
    from procurement.api.views import RequestList
    from procurement.foi.filters import RequestFilter

    assert RequestList.filterset_class is RequestFilter
    org, _editor = team
    late, on_time, fresh = late_answered_and_running(*team, fresh_in="ME")
    assert fresh.due_on > D(2026, 3, 3) > late.due_on and late.appeal_opens_on <= D(2026, 3, 3)
    everyone = {late.pk, on_time.pk, fresh.pk}
    cases = [
        ({}, everyone),
        ({"overdue": "yes"}, {late.pk}),
        ({"overdue": "yes", "appeal_window_open": "yes"}, {late.pk}),
        ({"appeal_window_open": "no"}, {on_time.pk, fresh.pk}),
        ({"appeal_decision_overdue": "yes"}, set()),
        ({"status": "answered"}, {on_time.pk}),
        ({"jurisdiction": "ME"}, {fresh.pk}),
        ({"country": "ME"}, {fresh.pk}),
        ({"sent_from": "2026-02-01"}, {on_time.pk, fresh.pk}),
        ({"sent_to": "2026-01-31"}, {late.pk}),
        ({"authority": late.authority_id}, {late.pk}),
        ({"requester": org.pk, "overdue": "no"}, {on_time.pk, fresh.pk}),
    ]
    for params, expected in cases:
        api = client.get(reverse("api-request-list"), params)
        assert api.status_code == 200, (params, api.content)
        assert {row["id"] for row in api.json()["results"]} == expected, params
        page = client.get(reverse("request-list"), params)
        assert page.status_code == 200, params
        assert {r.pk for r in page.context["page"]} == expected, params
    for bad in [{"overdue": "perhaps"}, {"sent_from": "0001-01-01"}, {"authority": "x"}]:
        assert client.get(reverse("api-request-list"), bad).status_code == 400, bad
        assert client.get(reverse("request-list"), bad).status_code == 400, bad


@time_machine.travel(at(D(2026, 3, 10)), tick=False)
def test_request_list_query_count_is_independent_of_page_size(
    client, team, django_assert_num_queries
):
    org, editor = team
    with time_machine.travel(at(D(2026, 2, 2)), tick=False):
        for n in range(30):
            publish(sent(org, editor, D(2026, 1, 30), subject=f"Request {n}"))
    with django_assert_num_queries(3):
        page_one = client.get(reverse("request-list"))
    with django_assert_num_queries(3):
        page_two = client.get(reverse("request-list"), {"page": 2})
    assert page_one.content.decode().count("badge-overdue") == 25
    assert page_two.content.decode().count("badge-overdue") == 5


def test_demo_request_page_still_tells_the_year_only_story(client, demo):
    refused = InfoRequest.objects.get(subject__startswith="How Huawei was chosen")
    html = client.get(refused.get_absolute_url()).content.decode()
    assert "only the year" in html and "refused as classified" in html
    assert "Refused as classified: what the law says" in html
    assert "secrecy stamp alone" in html  # Serbia's option, from the law data
    assert "Letters you can send" not in html  # its dates are known to the year only


def test_the_public_status_filter_does_not_offer_draft(client, team):
    import re

    html = client.get(reverse("request-list")).content.decode()
    offered = re.findall(r'name="status" value="(\w+)"', html) or re.findall(
        r'<option value="(\w+)"', html.split('name="status"', 1)[1].split("</select>", 1)[0]
    )
    assert "sent" in offered and "draft" not in offered
    # A link asking for drafts is not refused: it matches none (the public has none).
    assert client.get(reverse("request-list"), {"status": "draft"}).status_code == 200
    client.force_login(team[1])
    workspace = client.get(reverse("workspace-request-list")).content.decode()
    assert 'value="draft"' in workspace  # members filter their own drafts
