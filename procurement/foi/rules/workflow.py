"""The FOI request workflow: which status may follow which, and what each step must record.

Pure: no database, no clock (today is passed in). The workflow service
(`procurement.foi.services.requests.request_transition`) is the only writer of the status and
calls `check_transition` and `fact_errors` before it changes anything.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from procurement.core.formatting import format_date
from procurement.models.requests import AWAITING_ANSWER
from procurement.models.requests import RequestStatus as S

# The authority has not answered yet: the deadline runs.
AWAITING = AWAITING_ANSWER
# The authority decided and the requester may complain to the appeal body.
APPEALABLE_DECISIONS = frozenset({S.PARTIALLY_ANSWERED, S.REFUSED, S.CLASSIFIED, S.NOT_HELD})
DECISIONS = APPEALABLE_DECISIONS | {S.ANSWERED}
# Some deadline still matters: these requests are recomputed when a calendar or law changes.
OPEN = AWAITING | APPEALABLE_DECISIONS | {S.APPEALED}

_ANSWERS = (S.ANSWERED, S.PARTIALLY_ANSWERED, S.REFUSED, S.CLASSIFIED, S.NOT_HELD)

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.SENT,),  # a draft nobody sent is discarded, not withdrawn
    S.SENT: (S.ACKNOWLEDGED, S.EXTENDED, *_ANSWERS, S.APPEALED, S.WITHDRAWN, S.CLOSED),
    S.ACKNOWLEDGED: (S.EXTENDED, *_ANSWERS, S.APPEALED, S.WITHDRAWN, S.CLOSED),
    S.EXTENDED: (*_ANSWERS, S.APPEALED, S.WITHDRAWN, S.CLOSED),
    S.ANSWERED: (S.CLOSED,),
    # A partial answer may be completed later; a refusal may be reconsidered.
    S.PARTIALLY_ANSWERED: (S.ANSWERED, S.APPEALED, S.CLOSED),
    S.REFUSED: (S.ANSWERED, S.PARTIALLY_ANSWERED, S.APPEALED, S.CLOSED),
    S.CLASSIFIED: (S.ANSWERED, S.PARTIALLY_ANSWERED, S.APPEALED, S.CLOSED),
    S.NOT_HELD: (S.APPEALED, S.CLOSED),
    S.WITHDRAWN: (),
    # The authority may give in before the appeal body decides.
    S.APPEALED: (S.APPEAL_DECIDED, S.COMPLIED, S.WITHDRAWN, S.CLOSED),
    S.APPEAL_DECIDED: (S.COMPLIED, S.CLOSED),
    S.COMPLIED: (S.CLOSED,),
    S.CLOSED: (),
}

# The request field that holds the date of each step (other steps only date their event).
DATE_FIELD = {
    S.SENT: "sent_on",
    **dict.fromkeys(_ANSWERS, "decision_delivered_on"),
    S.APPEALED: "appealed_on",
    S.APPEAL_DECIDED: "appeal_decided_on",
}

# Facts each step must record (when the step is known from the document itself).
REQUIRED_FACTS: dict[str, tuple[str, ...]] = {
    S.REFUSED: ("refusal_ground",),
    S.CLASSIFIED: ("classification_level", "classification_article", "harm_test_given"),
    S.APPEAL_DECIDED: ("appeal_outcome",),
}
# Facts each step may record; anything else is refused so that nothing is silently dropped.
ALLOWED_FACTS: dict[str, tuple[str, ...]] = {
    S.SENT: ("received_on", "channel", "reference_number"),
    S.ACKNOWLEDGED: ("reference_number",),
    S.REFUSED: ("refusal_ground", "decision_number", "decision_appeal_body"),
    S.NOT_HELD: ("refusal_ground", "decision_number", "decision_appeal_body"),
    S.PARTIALLY_ANSWERED: ("refusal_ground", "decision_number", "decision_appeal_body"),
    S.CLASSIFIED: (
        "decision_number",
        "decision_appeal_body",
        "classification_level",
        "classification_article",
        "harm_test_given",
        "refusal_ground",
    ),
    S.APPEALED: ("appeal_reference",),
    S.APPEAL_DECIDED: ("appeal_outcome",),
}


def label(status: str) -> str:
    return str(S(status).label)


class TransitionError(ValidationError):
    """A status change the workflow does not allow; the message names the allowed ones."""

    def __init__(self, current: str, target: str) -> None:
        self.current, self.target = current, target
        self.allowed = TRANSITIONS.get(current, ())
        if self.allowed:
            message = _(
                "A request cannot go from “%(current)s” to “%(target)s”. "
                "Allowed from “%(current)s”: %(allowed)s."
            ) % {
                "current": label(current),
                "target": label(target) if target in S.values else target,
                "allowed": ", ".join(label(s) for s in self.allowed),
            }
        else:
            message = _("A request that is “%(current)s” cannot change any more.") % {
                "current": label(current)
            }
        super().__init__(message, code="invalid_transition")


def allowed_transitions(current: str) -> tuple[str, ...]:
    return TRANSITIONS.get(current, ())


def check_transition(current: str, target: str) -> None:
    """Raise `TransitionError` unless `target` may follow `current`."""
    if target not in allowed_transitions(current):
        raise TransitionError(current, target)


def _day(value: date) -> str:
    return format_date(value)


def fact_errors(
    *,
    target: str,
    on: date,
    facts: Mapping[str, Any],
    request: Mapping[str, Any],
    today: date,
    precise: bool = True,
) -> dict[str, list[str]]:
    """What is wrong with the facts of a step, by field (empty when all is well).

    `request` holds the request's current dates (sent_on, decision_delivered_on,
    appealed_on, effective_due_on, last_step_on). `precise` is False for historical steps
    known only from a secondary source (a year, no article cited): then facts may be missing.
    """
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    unknown = sorted(set(facts) - set(ALLOWED_FACTS.get(target, ())))
    for name in unknown:
        add(name, _("“%(status)s” does not record this.") % {"status": label(target)})
    if on > today:
        add("on", _("The date cannot be in the future."))
    sent_on = request.get("sent_on")
    if target != S.SENT and sent_on and on < sent_on:
        add("on", _("The date is before the request was sent (%(day)s).") % {"day": _day(sent_on)})
    last = request.get("last_step_on")
    if last and on < last:
        add("on", _("The date is before the previous step (%(day)s).") % {"day": _day(last)})
    received = facts.get("received_on")
    if target == S.SENT and received:
        if received < on:
            add("received_on", _("Received before it was sent."))
        if received > today:
            add("received_on", _("The date cannot be in the future."))
    if target == S.APPEALED:
        _appeal_date_errors(on, request, add)
    appealed = request.get("appealed_on")
    if target == S.APPEAL_DECIDED and appealed and on < appealed:
        add("on", _("Decided before the appeal was lodged (%(day)s).") % {"day": _day(appealed)})
    if precise:
        for name in REQUIRED_FACTS.get(target, ()):
            value = facts.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                add(name, _("Required when a request is “%(status)s”.") % {"status": label(target)})
    return errors


def _appeal_date_errors(on: date, request: Mapping[str, Any], add) -> None:
    delivered = request.get("decision_delivered_on")
    if request.get("status") in AWAITING:
        due = request.get("effective_due_on")
        if due and on <= due:
            add(
                "on",
                _(
                    "A complaint about silence can be lodged only after the deadline "
                    "(%(day)s) has passed."
                )
                % {"day": _day(due)},
            )
    elif delivered and on < delivered:
        add("on", _("Before the decision was delivered (%(day)s).") % {"day": _day(delivered)})
