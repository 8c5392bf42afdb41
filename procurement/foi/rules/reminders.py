"""Which reminders a request should have, and when each goes out (pure: today is passed in).

- due soon: N working days before the deadline (N per organisation, default 3);
- overdue: the day after a deadline passed without an answer;
- classified: at once, on a refusal on secrecy grounds;
- appeal closing: N working days before the appeal window closes with no appeal recorded
  (after silence, a refusal, a partial answer, "not held" or a classified refusal);
- appeal decision overdue: the day after the appeal body's own deadline.

A reminder is a row keyed by (request, kind, due date); the reminder service creates the rows
`plan` returns and cancels pending rows it no longer returns. The send service asks
`still_wanted` again under a row lock, so a reminder whose reason has gone is never sent.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from procurement.foi.rules.deadlines import WorkCalendar, working_days_before
from procurement.foi.rules.workflow import APPEALABLE_DECISIONS, AWAITING, S
from procurement.models.requests import Reminder

K = Reminder.Kind
SEND_HOUR = 8  # local time at which reminders of a day go out


@dataclass(frozen=True)
class ReminderState:
    """The facts of a request that reminders depend on."""

    status: str
    due_on: date | None  # effective: the extended date when extended
    appeal_due_on: date | None = None
    appeal_decision_due_on: date | None = None
    decision_delivered_on: date | None = None
    appealed_on: date | None = None
    precise: bool = True  # dates known to the day (historical records are not reminded)


@dataclass(frozen=True)
class Planned:
    kind: str
    due_on: date
    send_on: date


def wanted(state: ReminderState, today: date) -> set[tuple[str, date]]:
    """(kind, due date) of every reminder whose reason still holds today."""
    if not state.precise:
        return set()
    keys: set[tuple[str, date]] = set()
    awaiting = state.status in AWAITING
    if awaiting and state.due_on:
        if today <= state.due_on:
            keys.add((K.DUE_SOON, state.due_on))
        keys.add((K.OVERDUE, state.due_on))
    appealable = awaiting or state.status in APPEALABLE_DECISIONS
    if (
        appealable
        and state.appeal_due_on
        and not state.appealed_on
        and today <= state.appeal_due_on
    ):
        keys.add((K.APPEAL_CLOSING, state.appeal_due_on))
    if state.status == S.CLASSIFIED and state.decision_delivered_on:
        keys.add((K.CLASSIFIED, state.decision_delivered_on))
    if state.status == S.APPEALED and state.appeal_decision_due_on:
        keys.add((K.APPEAL_DECISION_OVERDUE, state.appeal_decision_due_on))
    return keys


def send_on(kind: str, due_on: date, lead_days: int, calendar: WorkCalendar) -> date:
    """The day a reminder goes out."""
    if kind == K.DUE_SOON:
        return working_days_before(due_on, lead_days, calendar)
    if kind == K.APPEAL_CLOSING:
        return working_days_before(due_on, max(lead_days, 1), calendar)
    if kind == K.CLASSIFIED:
        return due_on  # the day the decision was delivered: at once
    return due_on + timedelta(days=1)  # overdue, appeal decision overdue: the day after


def plan(
    state: ReminderState, *, lead_days: int, calendar: WorkCalendar, today: date
) -> list[Planned]:
    """The reminders a request should have now, with the day each goes out. An organisation
    with a lead of 0 days gets no "due soon" reminders."""
    planned = []
    for kind, due_on in sorted(wanted(state, today)):
        if kind == K.DUE_SOON and lead_days <= 0:
            continue
        planned.append(Planned(kind, due_on, send_on(kind, due_on, lead_days, calendar)))
    return planned


def still_wanted(kind: str, due_on: date, state: ReminderState, today: date) -> bool:
    """Whether a reminder's reason still holds (asked again just before sending)."""
    return (kind, due_on) in wanted(state, today)
