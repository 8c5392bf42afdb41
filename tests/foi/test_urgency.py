"""Why a request is on the dashboard, in words: pure, no database (unsaved requests)."""

from datetime import date

import pytest

from procurement.foi.rules.urgency import Group, attention, relative
from procurement.models import InfoRequest

TODAY = date(2026, 3, 2)  # Monday
BODY = "the Commissioner"


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 3, 2), "today"),
        (date(2026, 3, 3), "tomorrow"),
        (date(2026, 3, 1), "yesterday"),
        (date(2026, 3, 9), "in 7 days"),
        (date(2026, 2, 25), "5 days ago"),
    ],
)
def test_relative_days(day, words):
    assert relative(day, TODAY) == words


def test_overdue_names_the_missed_deadline_and_the_open_appeal_window():
    request = InfoRequest(status="sent", due_on=date(2026, 2, 18), appeal_due_on=date(2026, 3, 5))
    found = attention(Group.OVERDUE, request, TODAY, BODY)
    assert found.deadline == date(2026, 2, 18)
    assert found.reason == (
        "No answer: it was due Wed 18 Feb 2026 (12 days ago). A complaint about the silence "
        "can go to the Commissioner until Thu 5 Mar 2026."
    )
    closed = InfoRequest(status="sent", due_on=date(2026, 2, 1), appeal_due_on=date(2026, 2, 16))
    assert "complaint" not in attention(Group.OVERDUE, closed, TODAY, BODY).reason


def test_due_this_week_uses_the_extended_deadline_where_extended():
    request = InfoRequest(
        status="extended", due_on=date(2026, 2, 20), extended_due_on=date(2026, 3, 4)
    )
    found = attention(Group.DUE_THIS_WEEK, request, TODAY)
    assert found.deadline == date(2026, 3, 4)
    assert found.reason == "The extended deadline to answer is Wed 4 Mar 2026 (in 2 days)."


def test_appeal_window_closing_says_what_was_decided_and_until_when():
    request = InfoRequest(
        status="classified",
        decision_delivered_on=date(2026, 2, 25),
        appeal_due_on=date(2026, 3, 12),
    )
    found = attention(Group.APPEAL_CLOSING, request, TODAY, BODY)
    assert found.deadline == date(2026, 3, 12)
    assert found.reason == (
        "Refused as classified on Wed 25 Feb 2026: a complaint to the Commissioner is possible "
        "until Thu 12 Mar 2026 (in 10 days)."
    )


@pytest.mark.parametrize(
    ("decide_by", "reason"),
    [
        (date(2026, 3, 20), "the Commissioner must decide by Fri 20 Mar 2026 (in 18 days)."),
        (
            date(2026, 2, 27),
            "the Commissioner should have decided by Fri 27 Feb 2026 (3 days ago).",
        ),
        (None, "the law sets no deadline for the Commissioner."),
    ],
)
def test_awaiting_the_appeal_body(decide_by, reason):
    request = InfoRequest(
        status="appealed", appealed_on=date(2026, 1, 20), appeal_decision_due_on=decide_by
    )
    found = attention(Group.AWAITING_APPEAL_BODY, request, TODAY, BODY)
    assert found.deadline == decide_by
    assert found.reason == f"Appeal lodged on Tue 20 Jan 2026; {reason}"


def test_recently_answered_and_appeal_decided():
    answered = InfoRequest(status="answered", decision_delivered_on=date(2026, 2, 20))
    assert attention(Group.RECENTLY_ANSWERED, answered, TODAY).reason == (
        "Answered on Fri 20 Feb 2026."
    )
    decided = InfoRequest(
        status="appeal_decided", appeal_decided_on=date(2026, 2, 26), appeal_outcome="upheld"
    )
    found = attention(Group.RECENTLY_ANSWERED, decided, TODAY)
    assert found.deadline == date(2026, 2, 26)
    assert found.reason == "Appeal decided on Thu 26 Feb 2026: upheld (requester won)."


def test_without_a_named_body_the_reason_still_reads():
    request = InfoRequest(status="sent", due_on=date(2026, 2, 18), appeal_due_on=date(2026, 3, 5))
    assert "can go to the appeal body until" in attention(Group.OVERDUE, request, TODAY).reason
    assert attention(Group.DRAFTS, InfoRequest(status="draft"), TODAY).deadline is None
