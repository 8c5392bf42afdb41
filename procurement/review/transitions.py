"""The review of processes, awards and contracts as a transition table (pure: no database).

unverified → in review → verified → published; rejected with a reason; sent back to
unverified with a note; a published record can be withdrawn to verified. Nothing reaches the
public site without a reviewer's explicit "publish".
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from procurement.models.common import ReviewStatus

UNVERIFIED = ReviewStatus.UNVERIFIED
IN_REVIEW = ReviewStatus.IN_REVIEW
VERIFIED = ReviewStatus.VERIFIED
PUBLISHED = ReviewStatus.PUBLISHED
REJECTED = ReviewStatus.REJECTED


@dataclass(frozen=True)
class ReviewAction:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    needs_note: bool = False


ACTIONS: dict[str, ReviewAction] = {
    action.name: action
    for action in [
        ReviewAction("start", _("Start review"), frozenset({UNVERIFIED}), IN_REVIEW),
        ReviewAction("verify", _("Verify"), frozenset({UNVERIFIED, IN_REVIEW}), VERIFIED),
        ReviewAction("publish", _("Publish"), frozenset({VERIFIED}), PUBLISHED),
        ReviewAction(
            "reject",
            _("Reject"),
            frozenset({UNVERIFIED, IN_REVIEW, VERIFIED}),
            REJECTED,
            needs_note=True,
        ),
        ReviewAction(
            "send_back",
            _("Send back"),
            frozenset({IN_REVIEW, VERIFIED, REJECTED, PUBLISHED}),
            UNVERIFIED,
            needs_note=True,
        ),
        ReviewAction(
            "unpublish", _("Withdraw from the public site"), frozenset({PUBLISHED}), VERIFIED
        ),
    ]
}

ACTION_CHOICES = [(action.name, action.label) for action in ACTIONS.values()]

# What the queue shows by default: records nobody has decided on yet.
AWAITING_REVIEW = frozenset({UNVERIFIED, IN_REVIEW})


class ReviewTransitionError(ValueError):
    """A review action the table does not allow, or one missing its reason."""


def check_review_transition(current: str, action_name: str, note: str = "") -> str:
    """The status `action_name` leads to from `current`; raises ReviewTransitionError if the
    table forbids it or the action needs a reason and none was given."""
    action = ACTIONS.get(action_name)
    if action is None:
        raise ReviewTransitionError(
            _("Unknown review action “%(action)s”.") % {"action": action_name}
        )
    if current not in action.sources:
        raise ReviewTransitionError(
            _("“%(action)s” is not possible for a record that is %(status)s.")
            % {"action": action.label, "status": ReviewStatus(current).label}
        )
    if action.needs_note and not note.strip():
        raise ReviewTransitionError(
            _("“%(action)s” needs a reason: say what is wrong.") % {"action": action.label}
        )
    return action.target


def available_actions(current: str) -> list[ReviewAction]:
    """The actions a reviewer may take on a record in status `current`, in table order."""
    return [action for action in ACTIONS.values() if current in action.sources]
