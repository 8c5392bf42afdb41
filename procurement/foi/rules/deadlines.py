"""Statutory deadline arithmetic: pure functions, no database, no clock.

How days are counted follows the general administrative-procedure rules of the region
(Serbia's Law on General Administrative Procedure, Art. 80, as the model):
- the day of the event (receipt, delivery of a decision, a lapsed deadline) is not counted;
- a period in calendar days whose last day falls on a day the authority does not work
  (weekend or public holiday) ends on the next working day;
- a period in working days skips weekends and holidays;
- days inside a suspension (e.g. Serbia's 2020 state of emergency) are not counted at all.

The law's figures come from the database (`FoiLaw`, turned into a `LawRule` by
`rule_from_law`); the non-working days come from `procurement.foi.rules.calendars` and the admins'
overrides, loaded by `procurement.foi.selectors.deadlines.work_calendar`. Every result carries
its explanation in words, so that a requester can check it against the statute.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from procurement.core.formatting import format_date, format_date_range

CALENDAR = "calendar"
WORKING = "working"
ONE_DAY = timedelta(days=1)
# Longest walk any count may take: a guard against a calendar closed for ever.
MAX_WALK_DAYS = 3 * 366


class CannotCompute(ValueError):
    """The law or the calendar does not allow a deadline to be computed; says why."""


@dataclass(frozen=True)
class Period:
    """A statutory period: `days` calendar or working days."""

    days: int
    kind: str = CALENDAR
    roll_forward: bool = True

    def describe(self) -> str:
        if self.kind == WORKING:
            return ngettext("%(n)d working day", "%(n)d working days", self.days) % {"n": self.days}
        return ngettext("%(n)d calendar day", "%(n)d calendar days", self.days) % {"n": self.days}


@dataclass(frozen=True)
class Suspension:
    """Days on which deadlines do not run, inclusive at both ends."""

    starts_on: date
    ends_on: date
    reason: str = ""


@dataclass(frozen=True)
class WorkCalendar:
    """The days an authority works: weekdays, minus holidays (`closed`, with their names),
    plus days declared working (`opened`, e.g. a working Saturday); and suspensions.
    `first`..`last` is the range the holidays were loaded for: counting past it is refused."""

    closed: Mapping[date, str] = field(default_factory=dict)
    opened: frozenset[date] = frozenset()
    suspensions: tuple[Suspension, ...] = ()
    first: date | None = None
    last: date | None = None
    note: str = ""  # how the calendar was set up, for the explanation (religious holidays)

    def is_working(self, day: date) -> bool:
        if day in self.opened:
            return True
        return day.weekday() < 5 and day not in self.closed

    def closed_reason(self, day: date) -> str:
        """Why `day` is not a working day: the holiday's name, or "weekend"."""
        if day in self.closed:
            return self.closed[day]
        return _("weekend")

    def suspension(self, day: date) -> Suspension | None:
        for suspension in self.suspensions:
            if suspension.starts_on <= day <= suspension.ends_on:
                return suspension
        return None

    def is_open(self, day: date) -> bool:
        """A day on which a deadline may end: a working day outside any suspension."""
        return self.is_working(day) and self.suspension(day) is None

    def check_covers(self, day: date) -> None:
        if (self.first and day < self.first) or (self.last and day > self.last):
            raise CannotCompute(
                _("%(day)s is outside the holiday calendar loaded (%(first)s to %(last)s).")
                % {"day": long_day(day), "first": long_day(self.first), "last": long_day(self.last)}
            )


@dataclass(frozen=True)
class LawRule:
    """The figures of one version of a jurisdiction's FOI law that deadlines need.
    `citations`: per rule key (response, urgent, extension, appeal, silence_appeal,
    appeal_decision, counting) the article and the confidence, cited in the sentence that
    uses it."""

    response: Period | None
    urgent_hours: int | None = None
    forwarded: Period | None = None
    extension: Period | None = None
    extension_from_receipt: bool = False
    extension_notice_days: int | None = None
    appeal: Period | None = None
    silence_appeal_closes: bool = True
    appeal_decision: Period | None = None
    provisional: bool = False
    citations: Mapping[str, Mapping[str, str]] = field(default_factory=dict, hash=False)

    def cite(self, key: str) -> str:
        """' (Art. 16(1))', or ' (Art. 24; confidence M: one good secondary source)': the
        article and, where it is not high, the confidence, for the sentence that uses it."""
        entry = self.citations.get(key)
        if not entry:
            return ""
        article, confidence = entry.get("article", ""), entry.get("confidence", "")
        parts = [article or _("article not confirmed")]
        if confidence == "M":
            parts.append(_("confidence M: one good secondary source"))
        elif confidence == "L":
            parts.append(_("confidence L: verify before relying on it"))
        return f" ({'; '.join(parts)})" if parts else ""


@dataclass(frozen=True)
class Deadline:
    """A computed date and how it was reached, in words."""

    on: date
    explanation: str


@dataclass(frozen=True)
class AppealWindow:
    """From when one may complain, and until when: `closes` None means the law sets no
    closing date (a complaint about silence in Serbia, Bosnia and Herzegovina, North
    Macedonia, Montenegro)."""

    opens_on: date
    closes: Deadline | None
    explanation: str

    @property
    def closes_on(self) -> date | None:
        return self.closes.on if self.closes else None


def long_day(day: date | None) -> str:
    return format_date(day, "weekday") if day else "—"


def short_day(day: date) -> str:
    return format_date(day, "day")


def rule_from_law(law) -> LawRule:
    """The counting rules of a `FoiLaw` row (read by attribute, so that tests may pass any
    object with the same fields)."""

    def period(days, kind) -> Period | None:
        return Period(days, kind, law.roll_forward) if days else None

    return LawRule(
        response=period(law.response_days, law.response_day_kind),
        urgent_hours=law.urgent_hours or None,
        forwarded=period(law.forwarded_response_days, law.response_day_kind),
        extension=period(law.extension_days, law.extension_day_kind),
        extension_from_receipt=law.extension_basis == "from_receipt",
        extension_notice_days=law.extension_notice_days or None,
        appeal=period(law.appeal_days, law.appeal_day_kind),
        silence_appeal_closes=law.silence_appeal_closes,
        appeal_decision=period(law.appeal_decision_days, law.appeal_decision_day_kind),
        provisional=law.provisional,
        citations=dict(law.citations or {}),
    )


def _day_range(days: list[date]) -> str:
    """'16–17 Feb', '30 Apr–1 May', or one day."""
    first, last = days[0], days[-1]
    if first == last:
        return short_day(first)
    return format_date_range(first, last)


def _runs(days: list[date]) -> list[list[date]]:
    """Consecutive days grouped: [1, 2, 5] → [[1, 2], [5]]."""
    runs: list[list[date]] = []
    for day in days:
        if runs and day - runs[-1][-1] == ONE_DAY:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def holiday_name(name: str) -> str:
    """'Statehood Day (observed)' → 'Statehood Day, observed': no parentheses inside the
    parentheses an explanation puts around a holiday's name."""
    return name.replace(" (observed)", ", " + _("observed")).replace(
        " (estimated)", ", " + _("estimated")
    )


def _describe_closed(days: list[date], calendar: WorkCalendar) -> str:
    """'Mon 16 Feb (Statehood Day), Tue 17 Feb (Statehood Day, observed)': each closed day
    on its own date, so an observed day shows on the day it is observed."""
    return _list_days(days, calendar)


def _list_days(days: list[date], calendar: WorkCalendar) -> str:
    """'Mon 16 Mar (Summer Day), Fri 20 Mar (Eid al-Fitr)'."""
    return ", ".join(
        f"{short_day(day)} ({holiday_name(calendar.closed_reason(day))})" for day in days
    )


def _describe_suspended(days: list[date], calendar: WorkCalendar) -> str:
    parts = []
    for run in _runs(days):
        reason = calendar.suspension(run[0]).reason
        parts.append(
            ngettext(
                "the clock stood still %(range)s (%(reason)s): %(n)d day not counted",
                "the clock stood still %(range)s (%(reason)s): %(n)d days not counted",
                len(run),
            )
            % {"range": _day_range(run), "reason": reason or _("suspension"), "n": len(run)}
        )
    return "; ".join(parts)


def add_period(
    start: date,
    period: Period,
    calendar: WorkCalendar,
    start_label: str,
    *,
    cite: str = "",
    roll_cite: str = "",
) -> Deadline:
    """The last day of `period` counted from the day after `start`; a calendar period that
    ends on a closed day rolls to the next open day (when the law says so). `cite` names the
    article of the period, `roll_cite` the rule that rolls it (e.g. ' (ZUP Art. 80)')."""
    if period.days < 0:
        raise CannotCompute(_("A period cannot be negative."))
    day, counted = start, 0
    skipped_holidays: list[date] = []  # weekday holidays skipped by a working-day count
    suspended: list[date] = []
    while counted < period.days:
        day += ONE_DAY
        calendar.check_covers(day)
        if calendar.suspension(day):
            suspended.append(day)
        elif period.kind == WORKING and not calendar.is_working(day):
            if day.weekday() < 5:  # weekends go without saying
                skipped_holidays.append(day)
        else:
            counted += 1
        if (day - start).days > MAX_WALK_DAYS:
            raise CannotCompute(_("No end to this period within three years."))
    landing, rolled = day, []
    if period.kind == CALENDAR and period.roll_forward:
        while not calendar.is_open(day):
            rolled.append(day)
            day += ONE_DAY
            calendar.check_covers(day)
            if (day - start).days > MAX_WALK_DAYS:
                raise CannotCompute(_("No working day within three years."))
    parts = [start_label]
    described = f"{period.describe()}{cite}"
    if period.kind == WORKING and skipped_holidays:
        parts.append(
            _("%(period)s, skipping weekends and %(holidays)s")
            % {"period": described, "holidays": _list_days(skipped_holidays, calendar)}
        )
    elif period.kind == WORKING:
        parts.append(_("%(period)s, skipping weekends") % {"period": described})
    elif rolled:
        landing_reason = (
            holiday_name(calendar.closed_reason(landing))
            if not calendar.is_working(landing)
            else (calendar.suspension(landing).reason or _("suspension"))
        )
        parts.append(f"{described} → {long_day(landing)} ({landing_reason})")
    else:
        parts.append(described)
    if suspended:
        parts.append(_describe_suspended(suspended, calendar))
    if rolled:
        others = [d for d in rolled[1:] if not calendar.suspension(d)]
        if others:
            parts.append(
                _("rolls to the next working day%(cite)s, past %(days)s")
                % {"cite": roll_cite, "days": _describe_closed(others, calendar)}
            )
        else:
            parts.append(_("rolls to the next working day%(cite)s") % {"cite": roll_cite})
    still = [d for d in rolled[1:] if calendar.suspension(d)]
    if still:
        parts.append(_describe_suspended(still, calendar))
    parts.append(_("due %(day)s") % {"day": long_day(day)})
    return Deadline(day, "; ".join(parts))


def received_label(received: date) -> str:
    return _("received %(day)s (not counted)") % {"day": long_day(received)}


def _cites(rule: LawRule, key: str) -> dict[str, str]:
    return {"cite": rule.cite(key), "roll_cite": rule.cite("counting")}


def due_on(
    received: date, rule: LawRule, calendar: WorkCalendar, *, forwarded: bool = False
) -> Deadline:
    """Last day for the authority to answer (forwarded: the longer period, where the law has
    one, for a request passed on to another authority)."""
    period = rule.forwarded if forwarded and rule.forwarded else rule.response
    if period is None:
        raise CannotCompute(
            _(
                "The law in force on %(day)s sets no response period that the tracker knows of, "
                "so no deadline can be computed."
            )
            % {"day": long_day(received)}
        )
    return add_period(
        received, period, calendar, received_label(received), **_cites(rule, "response")
    )


def urgent_due_on(received: date, rule: LawRule) -> Deadline | None:
    """The shorter period for urgent requests (life, liberty, health, environment), counted in
    hours: it runs through weekends and holidays and is never rolled forward."""
    if not rule.urgent_hours:
        return None
    days = -(-rule.urgent_hours // 24)  # hours are counted from receipt; round up to a day
    day = received + timedelta(days=days)
    text = _(
        "received %(received)s; %(hours)d hours%(cite)s (they run on weekends and holidays "
        "too); due by %(day)s at the latest"
    ) % {
        "received": long_day(received),
        "hours": rule.urgent_hours,
        "day": long_day(day),
        "cite": rule.cite("urgent"),
    }
    return Deadline(day, text)


def extended_due_on(
    received: date, due: date, rule: LawRule, calendar: WorkCalendar
) -> Deadline | None:
    """The extended deadline: the extension counted from receipt (a longer total period) or
    added to the original due date, as the law says."""
    if rule.extension is None:
        return None
    if rule.extension_from_receipt:
        label = _("extension counted from receipt on %(day)s (not counted), in total") % {
            "day": long_day(received)
        }
        return add_period(received, rule.extension, calendar, label, **_cites(rule, "extension"))
    label = _("extension added to the original due date %(day)s") % {"day": long_day(due)}
    return add_period(due, rule.extension, calendar, label, **_cites(rule, "extension"))


def extension_notice_late(received: date, noticed: date, rule: LawRule) -> str:
    """Why a notice of extension does not extend the deadline ('' when it does): the law
    requires it within `extension_notice_days` of receipt (Serbia, Art. 16(3): 7 days)."""
    if rule.extension_notice_days is None:
        return ""
    last = received + timedelta(days=rule.extension_notice_days)
    if noticed <= last:
        return ""
    return _(
        "The extension was announced on %(noticed)s, but the law requires notice within "
        "%(n)d days of receipt, i.e. by %(last)s%(cite)s: it does not extend the deadline."
    ) % {
        "noticed": long_day(noticed),
        "n": rule.extension_notice_days,
        "last": long_day(last),
        "cite": rule.cite("extension_notice") or rule.cite("extension"),
    }


def appeal_window_after_silence(
    lapsed: date, rule: LawRule, calendar: WorkCalendar
) -> AppealWindow | None:
    """When one may complain because the authority did not answer: from the day after the
    lapsed deadline; until the end of the appeal window only where the law sets one for
    silence (Albania, Kosovo), else with no closing date."""
    opens = lapsed + ONE_DAY
    if not rule.silence_appeal_closes:
        text = _(
            "no answer by %(day)s: you may complain from %(opens)s; the law sets no closing "
            "date for a complaint about silence%(cite)s"
        ) % {
            "day": long_day(lapsed),
            "opens": long_day(opens),
            "cite": rule.cite("silence_appeal"),
        }
        return AppealWindow(opens, None, text)
    if rule.appeal is None:
        return None
    label = _("no answer by %(day)s: you may complain from %(opens)s") % {
        "day": long_day(lapsed),
        "opens": long_day(opens),
    }
    closes = add_period(lapsed, rule.appeal, calendar, label, **_cites(rule, "silence_appeal"))
    return AppealWindow(opens, closes, closes.explanation)


def appeal_window_after_decision(
    delivered: date, rule: LawRule, calendar: WorkCalendar
) -> AppealWindow | None:
    """When one may complain against a decision: from its delivery, for the appeal window."""
    if rule.appeal is None:
        return None
    closes = appeal_due_after_decision(delivered, rule, calendar)
    return AppealWindow(delivered, closes, closes.explanation)


def appeal_due_after_decision(
    delivered: date, rule: LawRule, calendar: WorkCalendar
) -> Deadline | None:
    """Last day to complain against a decision: the appeal window counted from its delivery."""
    if rule.appeal is None:
        return None
    label = _("decision delivered %(day)s (not counted)") % {"day": long_day(delivered)}
    return add_period(delivered, rule.appeal, calendar, label, **_cites(rule, "appeal"))


def appeal_decision_due_on(
    appealed: date, rule: LawRule, calendar: WorkCalendar
) -> Deadline | None:
    """The appeal body's own deadline to decide, where the law sets one."""
    if rule.appeal_decision is None:
        return None
    label = _("complaint lodged %(day)s (not counted)") % {"day": long_day(appealed)}
    return add_period(
        appealed, rule.appeal_decision, calendar, label, **_cites(rule, "appeal_decision")
    )


def working_days_before(day: date, n: int, calendar: WorkCalendar) -> date:
    """The date `n` working days before `day` (for reminders sent ahead of a deadline)."""
    counted = 0
    while counted < n:
        day -= ONE_DAY
        if calendar.is_open(day):
            counted += 1
    return day


def working_days_between(start: date, end: date, calendar: WorkCalendar) -> int:
    """Working days after `start` up to and including `end`."""
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if calendar.is_open(start + timedelta(days=offset))
    )
