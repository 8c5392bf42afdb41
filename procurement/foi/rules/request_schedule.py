"""A request's whole schedule from its facts: which deadline applies now (answer, extension,
urgent answer, appeal window, appeal decision), each with its explanation in words.

Pure: no database, no clock. The arithmetic of each period is in `deadlines`; this module only
chooses, from the request's status and dates, which of them apply.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from procurement.foi.rules import workflow
from procurement.foi.rules.deadlines import (
    AppealWindow,
    CannotCompute,
    Deadline,
    LawRule,
    WorkCalendar,
    appeal_decision_due_on,
    appeal_window_after_decision,
    appeal_window_after_silence,
    due_on,
    extended_due_on,
    extension_notice_late,
    long_day,
    urgent_due_on,
)


@dataclass(frozen=True)
class RequestFacts:
    """What a request's deadlines depend on."""

    status: str
    received_on: date | None
    is_urgent: bool = False
    extension_noticed_on: date | None = None  # None: the authority did not extend
    decision_delivered_on: date | None = None
    appealed_on: date | None = None
    classified_outside_law: bool = False


@dataclass(frozen=True)
class Schedule:
    """A request's deadlines and, one line each, how they were computed."""

    due_on: date | None = None
    extended_due_on: date | None = None
    appeal_opens_on: date | None = None
    appeal_due_on: date | None = None  # None with appeal_opens_on: no closing date
    appeal_decision_due_on: date | None = None
    explanation: str = ""
    extension_refused: str = ""  # why an announced extension does not count

    @property
    def effective_due_on(self) -> date | None:
        return self.extended_due_on or self.due_on


def schedule(facts: RequestFacts, rule: LawRule, calendar: WorkCalendar) -> Schedule:
    """Every deadline of a request under `rule`: the answer (urgent or extended where that
    applies), the appeal window (after silence or after the decision) and the appeal body's
    own deadline."""
    if facts.received_on is None:
        return Schedule()
    received = facts.received_on
    try:
        normal = due_on(received, rule, calendar)
    except CannotCompute as error:
        return Schedule(explanation=str(error))
    answer, lines = normal, []
    urgent = urgent_due_on(received, rule) if facts.is_urgent else None
    if urgent:
        answer = urgent
        lines.append(_("Urgent answer due: %(text)s") % {"text": urgent.explanation})
        lines.append(_("Without urgency: %(text)s") % {"text": normal.explanation})
    else:
        lines.append(_("Answer due: %(text)s") % {"text": normal.explanation})
        if facts.is_urgent:
            lines.append(_("Urgent: the law sets no shorter period, so the usual one applies."))
    extended = appeal = decision = None
    refused: list[str] = []
    try:
        extended = _extension(facts, answer, rule, calendar, lines, refused)
        effective = extended.on if extended else answer.on
        appeal = appeal_window(facts, effective, rule, calendar, lines)
        if facts.appealed_on and facts.status not in workflow.AWAITING:
            decision = appeal_decision_due_on(facts.appealed_on, rule, calendar)
            if decision:
                lines.append(
                    _("Appeal body's decision due: %(text)s") % {"text": decision.explanation}
                )
    except CannotCompute as error:
        lines.append(str(error))
    if rule.provisional:
        lines.append(provisional_line())
    if calendar.note:
        lines.append(calendar.note)
    return Schedule(
        due_on=answer.on,
        extended_due_on=extended.on if extended else None,
        appeal_opens_on=appeal.opens_on if appeal else None,
        appeal_due_on=appeal.closes_on if appeal else None,
        appeal_decision_due_on=decision.on if decision else None,
        explanation="\n".join(lines),
        extension_refused=" ".join(refused),
    )


def provisional_line() -> str:
    return _(
        "Provisional: the new law's periods are not confirmed from its text, so the previous "
        "law's periods are used until an administrator confirms them."
    )


def _extension(
    facts: RequestFacts,
    answer: Deadline,
    rule: LawRule,
    calendar: WorkCalendar,
    lines: list,
    refused: list,
) -> Deadline | None:
    """The extended deadline, if the authority extended in time and the law allows it; why
    not goes into `refused` too (for the event that recorded the notice)."""
    noticed = facts.extension_noticed_on
    if noticed is None:
        return None
    late = extension_notice_late(facts.received_on, noticed, rule)
    if late:
        lines.append(late + " " + _("The deadline stays %(day)s.") % {"day": long_day(answer.on)})
        refused.append(late)
        return None
    extended = extended_due_on(facts.received_on, answer.on, rule, calendar)
    if extended is None:
        text = _("Extension announced, but the law provides none: the deadline stays %(day)s.") % {
            "day": long_day(answer.on)
        }
        lines.append(text)
        refused.append(text)
        return None
    if noticed > answer.on:
        text = _(
            "Extension announced on %(noticed)s, after the deadline of %(day)s had passed: "
            "the law requires notice within the period, so the deadline stays %(day)s."
        ) % {"noticed": long_day(noticed), "day": long_day(answer.on)}
        lines.append(text)
        refused.append(text)
        return None
    lines.append(_("Extended: %(text)s") % {"text": extended.explanation})
    return extended


def appeal_window(
    facts: RequestFacts, effective: date, rule: LawRule, calendar: WorkCalendar, lines: list
) -> AppealWindow | None:
    """The appeal window of a request: from when one may complain and until when (None: the
    law sets no closing date) — after the decision when one was delivered, else after
    silence once the effective deadline has passed. The one place that decides it."""
    if facts.status in (workflow.S.ANSWERED, workflow.S.WITHDRAWN, workflow.S.DRAFT):
        return None
    decided = facts.decision_delivered_on and facts.status not in workflow.AWAITING
    if decided and facts.status == workflow.S.CLASSIFIED and facts.classified_outside_law:
        lines.append(
            _(
                "No appeal window: this law does not apply to classified information, so the "
                "appeal body does not review a classified refusal."
            )
        )
        return None
    if decided:
        window = appeal_window_after_decision(facts.decision_delivered_on, rule, calendar)
        if window:
            lines.append(_("Appeal window: %(text)s") % {"text": window.explanation})
    else:
        window = appeal_window_after_silence(effective, rule, calendar)
        if window:
            lines.append(
                _("Appeal window if no answer comes: %(text)s") % {"text": window.explanation}
            )
    if window is None:
        lines.append(_("The law sets no appeal window that the tracker knows of."))
    return window
