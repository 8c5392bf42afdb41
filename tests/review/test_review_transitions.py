"""The review transition table: which decision is allowed from which state (no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procurement.models import ReviewStatus
from procurement.review.transitions import (
    ACTIONS,
    ReviewTransitionError,
    available_actions,
    check_review_transition,
)

U, R, V, P, X = (
    ReviewStatus.UNVERIFIED,
    ReviewStatus.IN_REVIEW,
    ReviewStatus.VERIFIED,
    ReviewStatus.PUBLISHED,
    ReviewStatus.REJECTED,
)


@pytest.mark.parametrize(
    ("current", "action", "target"),
    [
        (U, "start", R),
        (U, "verify", V),
        (R, "verify", V),
        (V, "publish", P),
        (U, "reject", X),
        (R, "reject", X),
        (V, "reject", X),
        (R, "send_back", U),
        (V, "send_back", U),
        (X, "send_back", U),
        (P, "send_back", U),
        (P, "unpublish", V),
    ],
)
def test_allowed_transitions(current, action, target):
    assert check_review_transition(current, action, note="a reason") == target


@pytest.mark.parametrize(
    ("current", "action"),
    [
        (U, "publish"),  # nothing unverified is published
        (R, "publish"),
        (X, "publish"),
        (P, "publish"),
        (P, "verify"),
        (X, "verify"),
        (P, "reject"),  # withdraw it first
        (U, "send_back"),
        (V, "unpublish"),
        (R, "start"),
    ],
)
def test_forbidden_transitions(current, action):
    with pytest.raises(ReviewTransitionError, match="not possible"):
        check_review_transition(current, action, note="a reason")


@pytest.mark.parametrize("action", ["reject", "send_back"])
def test_rejecting_or_sending_back_needs_a_reason(action):
    with pytest.raises(ReviewTransitionError, match="needs a reason"):
        check_review_transition(V, action, note="   ")


def test_unknown_action_is_refused():
    with pytest.raises(ReviewTransitionError, match="Unknown"):
        check_review_transition(U, "approve-everything")


@given(
    st.sampled_from(ReviewStatus.values),
    st.sampled_from(list(ACTIONS)),
    st.text(max_size=5),
)
def test_only_publish_from_verified_reaches_the_public(current, action, note):
    try:
        target = check_review_transition(current, action, note)
    except ReviewTransitionError:
        return
    assert target in ReviewStatus.values
    if target == P:
        assert (current, action) == (V, "publish")


def test_available_actions_follow_the_table():
    assert [a.name for a in available_actions(U)] == ["start", "verify", "reject"]
    assert [a.name for a in available_actions(P)] == ["send_back", "unpublish"]
    for status in ReviewStatus.values:
        for action in available_actions(status):
            check_review_transition(status, action.name, note="why")
