"""The workspace's dashboard, request list and request page: grouped by urgency with the
reason, filters, everything members see, fixed query counts, and nothing of others."""

import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from procurement.models import Notification
from tests.foi.builders import at
from tests.foi.workspace.world import TODAY, build

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]


def group_html(html: str, group: str) -> str:
    match = re.search(rf'<section class="urgency urgency-{group}".*?</section>', html, re.S)
    assert match, group
    return match.group(0)


def test_dashboard_groups_each_request_by_urgency_with_its_deadline_and_reason(client, today):
    world = build()
    client.force_login(world.reader)  # members read; they need not be editors
    html = client.get(reverse("workspace-dashboard")).content.decode()
    expected = {
        "overdue": world.overdue,
        "due_this_week": world.due_soon,
        "appeal_closing": world.refused,
        "awaiting_appeal_body": world.appealed,
        "recently_answered": world.answered,
        "drafts": world.draft,
    }
    for group, info_request in expected.items():
        section = group_html(html, group)
        assert info_request.subject in section, group
        others = [r.subject for g, r in expected.items() if g != group]
        assert not any(subject in section for subject in others), group
    overdue = group_html(html, "overdue")
    due = world.overdue.due_on
    assert f"it was due {due:%a} {due.day} {due:%b %Y}" in overdue
    assert "days ago" in overdue and "A complaint about the silence can go to" in overdue
    assert "Commissioner for Information of Public Importance" in overdue
    assert "The authority must answer by Tue 3 Mar 2026 (tomorrow)" in group_html(
        html, "due_this_week"
    )
    appeal = group_html(html, "appeal_closing")
    assert "Refused on Wed 25 Feb 2026" in appeal and "possible until" in appeal
    assert "Appeal lodged on Tue 20 Jan 2026" in group_html(html, "awaiting_appeal_body")
    assert "Answered on Fri 20 Feb 2026" in group_html(html, "recently_answered")
    assert world.later.subject not in html  # due in two weeks: nothing urgent
    assert "FOREIGN" not in html


def test_dashboard_links_to_the_full_list_when_a_group_has_more(client, today, settings):
    from procurement.foi.selectors import workspace

    world = build(extra_per_group=1)
    client.force_login(world.editor)
    original = workspace.GROUP_LIMIT
    workspace.GROUP_LIMIT = 1
    try:
        html = client.get(reverse("workspace-dashboard")).content.decode()
    finally:
        workspace.GROUP_LIMIT = original
    overdue = group_html(html, "overdue")
    assert overdue.count('class="reason"') == 1 and "1+" in overdue
    assert "?overdue=yes" in overdue
    listed = client.get(reverse("workspace-request-list") + "?overdue=yes").content.decode()
    assert "Overdue contracts" in listed and "More overdue 0" in listed
    assert "Due this week" not in listed


def test_dashboard_query_count_does_not_grow(client, today, django_assert_num_queries):
    world = build()
    client.force_login(world.editor)
    Notification.objects.create(
        user=world.editor, request=world.overdue, kind="status", subject="Changed", body="b"
    )
    url = reverse("workspace-dashboard")
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200
    build_more = build(extra_per_group=3)
    client.force_login(build_more.editor)
    for _ in range(4):
        Notification.objects.create(
            user=build_more.editor,
            request=build_more.overdue,
            kind="status",
            subject="s",
            body="b",
            failed_at=timezone.now(),  # e-mails given up: shown, in the same two queries
            last_error="SMTPRecipientsRefused",
        )
    build_more.overdue.reminders.update(state="failed", failed_at=timezone.now())
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200


def test_dashboard_notifications_can_be_marked_read_but_only_ones_own(client, today):
    world = build()
    own = Notification.objects.create(
        user=world.editor, request=world.overdue, kind="status", subject="Mine", body="b"
    )
    theirs = Notification.objects.create(
        user=world.reader, request=world.overdue, kind="status", subject="Theirs", body="b"
    )
    client.force_login(world.editor)
    html = client.get(reverse("workspace-dashboard")).content.decode()
    assert "Mine" in html and "Theirs" not in html
    assert reverse("workspace-request-detail", args=[world.overdue.pk]) in html
    response = client.post(
        reverse("workspace-notifications-read"), {"notifications": [own.pk, theirs.pk]}
    )
    assert response.status_code == 302
    own.refresh_from_db(), theirs.refresh_from_db()
    assert own.read_at is not None and theirs.read_at is None


def test_request_list_filters_and_its_query_count(client, today, django_assert_num_queries):
    world = build()
    client.force_login(world.reader)
    url = reverse("workspace-request-list")
    html = client.get(url).content.decode()
    for info_request in (world.overdue, world.draft, world.answered, world.later):
        assert info_request.subject in html
    assert "FOREIGN" not in html
    due = client.get(url + "?due_within=7").content.decode()
    assert "Due this week" in due and "Overdue contracts" not in due
    drafts = client.get(url + "?status=draft&visibility=private").content.decode()
    assert "Draft about cameras" in drafts and "Sent today" not in drafts
    words = client.get(url + "?q=annexes").content.decode()
    assert "Appealed annexes" in words and "Overdue contracts" not in words
    assert client.get(url + "?due_within=abc").status_code == 400
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
    build(extra_per_group=4)  # another organisation: not counted, not shown
    more = build(extra_per_group=4)
    client.force_login(more.reader)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


def test_request_page_shows_members_everything_in_a_fixed_number_of_queries(
    client, today, django_assert_num_queries
):
    world = build()
    world.refused.followers.add(world.reader)
    client.force_login(world.reader)
    url = reverse("workspace-request-detail", args=[world.refused.pk])
    # 13, and the request's e-mails: sent and received (two prefetches).
    with django_assert_num_queries(15):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Refused tender" in html and "appeal window open" in html
    assert f"by {world.editor.username}" in html  # who recorded the steps: members see it
    assert world.reader.username in html  # the followers
    assert "Complaint against the decision of" in html  # the letter
    assert "Record what happened" not in html  # a member reads; editors record
    client.force_login(world.editor)
    html = client.get(url).content.decode()
    for step in ("Answered", "Partially answered", "Appealed", "Closed"):
        assert f">{step}</a>" in html
    assert ">Acknowledged</a>" not in html  # not allowed after a refusal
    from tests.foi.builders import step as record

    with time_machine.travel(at(TODAY), tick=False):
        record(world.refused, "appealed", TODAY, actor=world.editor)
    with django_assert_num_queries(15):
        assert client.get(url).status_code == 200


def test_outsiders_and_staff_get_a_404(client, today):
    from tests.factories import UserFactory

    world = build()
    url = reverse("workspace-request-detail", args=[world.refused.pk])
    for user in (world.outsider, UserFactory(is_staff=True, is_superuser=True)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 404 and "Refused tender" not in response.content.decode()
        html = client.get(reverse("workspace-dashboard")).content.decode()
        assert "Refused tender" not in html


def test_calendar_cells_link_to_the_workspace_request_page(client, today):
    world = build()
    client.force_login(world.reader)
    html = client.get(
        reverse("organisation-calendar", args=[world.org.pk]) + "?month=2026-03"
    ).content.decode()
    assert reverse("workspace-request-detail", args=[world.due_soon.pk]) in html


def test_following_from_the_workspace_returns_there(client, today):
    world = build()
    client.force_login(world.reader)
    url = reverse("workspace-request-detail", args=[world.overdue.pk])
    response = client.post(reverse("request-follow", args=[world.overdue.pk]), {"next": url})
    assert response.status_code == 302 and response.url == url
    assert world.overdue.followers.filter(pk=world.reader.pk).exists()
