"""visible_requests(user): published ones for everyone, the organisation's own for its
members; staff are not members, so they see published ones only; notifications follow the
same rule."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from procurement.foi.selectors.requests import can_edit_request, notifications_for, visible_requests
from procurement.models import InfoRequest, Membership, Notification
from tests.factories import UserFactory
from tests.foi.builders import at, draft, member, organisation, sent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference):
    a, b = organisation(), organisation()
    editor_a, editor_b = member(a), member(b)
    private_a, private_b = draft(a, editor_a), draft(b, editor_b)
    published_b = draft(b, editor_b, subject="Published by B")
    InfoRequest.objects.filter(pk=published_b.pk).update(
        visibility="published", published_at=timezone.now()
    )
    return {
        "a": a,
        "editor_a": editor_a,
        "private_a": private_a,
        "private_b": private_b,
        "published_b": published_b,
    }


def test_visibility_matrix(world, django_assert_num_queries):
    reader_a = member(world["a"], role=Membership.Role.MEMBER)
    staff = UserFactory(is_staff=True)
    cases = {
        "anonymous": (AnonymousUser(), {"published_b"}),
        "none": (None, {"published_b"}),
        "reader of A": (reader_a, {"private_a", "published_b"}),
        "editor of A": (world["editor_a"], {"private_a", "published_b"}),
        "nobody's member": (UserFactory(), {"published_b"}),
        "staff": (staff, {"published_b"}),
    }
    names = {world[key].pk: key for key in ("private_a", "private_b", "published_b")}
    for label, (user, expected) in cases.items():
        with django_assert_num_queries(1):
            seen = {names[pk] for pk in visible_requests(user).values_list("pk", flat=True)}
        assert seen == expected, label
    assert can_edit_request(world["editor_a"], world["private_a"])
    assert not can_edit_request(reader_a, world["private_a"])
    assert not can_edit_request(world["editor_a"], world["private_b"])
    assert not can_edit_request(staff, world["private_b"])


def test_notifications_about_requests_one_can_no_longer_see_are_hidden(world):
    a, editor = world["a"], world["editor_a"]
    with time_machine.travel(at(date(2026, 2, 2)), tick=False):
        info_request = sent(a, editor, date(2026, 1, 30))
    Notification.objects.create(
        user=editor, request=info_request, kind="status", subject="s", body="b"
    )
    assert notifications_for(editor).count() == 1
    Membership.objects.filter(user=editor).delete()
    assert notifications_for(editor).count() == 0


def test_notifications_partial_lists_them_with_a_link(world):
    from django.template.loader import render_to_string

    a, editor = world["a"], world["editor_a"]
    Notification.objects.create(
        user=editor, request=world["private_a"], kind="status", subject="Answered", body="b"
    )
    html = render_to_string(
        "procurement/requests/_notifications.html",
        {"notifications": notifications_for(editor)},
    )
    assert "Answered" in html and 'class="unread"' in html
    assert f"/workspace/requests/{world['private_a'].pk}/" in html
    assert a.name not in html  # nothing but the notification itself
