"""Reads for deadlines: the law in force, the calendar of non-working days, the calculator."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _

from procurement.foi.rules import calendars
from procurement.foi.rules import deadlines as deadline_rules
from procurement.models import DeadlineSuspension, FoiLaw, HolidayOverride, Jurisdiction

# Levels of Bosnia and Herzegovina as the calculator takes them (?jurisdiction=BA&level=SRP).
BA_LEVELS = {"BIH": "BA-BIH", "SRP": "BA-SRP", "BRC": "BA-BRC"}


def applicable_law(jurisdiction: Jurisdiction, on: date) -> FoiLaw | None:
    """The version of the jurisdiction's FOI law in force on `on` (the day of receipt)."""
    return (
        FoiLaw.objects.filter(jurisdiction=jurisdiction)
        .filter(Q(effective_from__isnull=True) | Q(effective_from__lte=on))
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .select_related("jurisdiction", "appeal_body_organisation")
        .order_by("-effective_from")
        .first()
    )


def calendar_span(*days: date | None) -> tuple[date, date]:
    """Dates a calendar must cover for deadlines that start on `days`: from a month before
    the first (reminders count back from a due date) to the end of the year after the last
    (the longest chain — extension, appeal window, appeal decision — stays well inside)."""
    known = [day for day in days if day]
    return min(known) - timedelta(days=31), date(min(max(known).year + 1, 9999), 12, 31)


def work_calendar(
    jurisdiction: Jurisdiction, first: date, last: date
) -> deadline_rules.WorkCalendar:
    """The jurisdiction's non-working days from `first` to `last`: the pinned holidays package
    for its country and subdivision, corrected by admins' overrides (its own and its parent's —
    in Bosnia and Herzegovina a state-wide correction applies to every level, and a level's own
    override wins) and the suspensions of both."""
    owners = [jurisdiction.pk, *([jurisdiction.parent_id] if jurisdiction.parent_id else [])]
    package = calendars.package_holidays(
        jurisdiction.holiday_country,
        jurisdiction.holiday_subdivision,
        jurisdiction.holiday_categories or ["public"],
        range(first.year, last.year + 1),
    )
    note = ""
    if jurisdiction.country == "BA" or not jurisdiction.religious_holidays_closed:
        note = calendars.religious_note(jurisdiction.religious_holidays_closed)
    if not jurisdiction.religious_holidays_closed:
        package = calendars.without_religious(package)
    overrides = sorted(
        HolidayOverride.objects.filter(
            jurisdiction__in=owners, date__gte=first, date__lte=last
        ).values_list("date", "kind", "name", "jurisdiction_id"),
        key=lambda row: row[3] == jurisdiction.pk,  # the parent's first, so that ours win
    )
    suspensions = [
        deadline_rules.Suspension(starts_on, ends_on, reason)
        for starts_on, ends_on, reason in DeadlineSuspension.objects.filter(
            jurisdiction__in=owners, ends_on__gte=first, starts_on__lte=last
        ).values_list("starts_on", "ends_on", "reason")
    ]
    return calendars.build_calendar(
        package, [row[:3] for row in overrides], suspensions, first, last, note
    )


class CalculatorError(ValueError):
    """Input the calculator cannot handle; `field` names the parameter at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


@dataclass(frozen=True)
class Calculation:
    """Everything the public calculator shows for one receipt date."""

    jurisdiction: Jurisdiction
    law: FoiLaw
    received_on: date
    due: deadline_rules.Deadline
    urgent: deadline_rules.Deadline | None
    extended: deadline_rules.Deadline | None
    appeal_after_silence: deadline_rules.AppealWindow | None
    appeal_after_decision: deadline_rules.AppealWindow | None
    decision_delivered_on: date | None
    is_urgent: bool
    calendar: deadline_rules.WorkCalendar
    appealed_on: date | None = None
    appeal_decision: deadline_rules.Deadline | None = None

    @property
    def provisional(self) -> bool:
        return self.law.provisional

    @property
    def appeal_opens_on(self) -> date | None:
        window = self.appeal_after_decision or self.appeal_after_silence
        return window.opens_on if window else None

    @property
    def applicable_due(self) -> deadline_rules.Deadline:
        return self.urgent if self.is_urgent and self.urgent else self.due

    @property
    def explanation(self) -> str:
        lines = []
        if self.is_urgent and self.urgent:
            lines.append(_("Urgent answer due: %(text)s") % {"text": self.urgent.explanation})
        lines.append(_("Answer due: %(text)s") % {"text": self.due.explanation})
        if self.is_urgent and not self.urgent:
            lines.append(_("Urgent: the law sets no shorter period, so the usual one applies."))
        elif self.urgent and not self.is_urgent:
            lines.append(_("If urgent: %(text)s") % {"text": self.urgent.explanation})
        if self.extended:
            lines.append(_("If extended: %(text)s") % {"text": self.extended.explanation})
        if self.appeal_after_silence:
            lines.append(
                _("Appeal window if no answer comes: %(text)s")
                % {"text": self.appeal_after_silence.explanation}
            )
        if self.appeal_after_decision:
            lines.append(
                _("Appeal window after the decision: %(text)s")
                % {"text": self.appeal_after_decision.explanation}
            )
        if self.appeal_decision:
            lines.append(
                _("Appeal body's decision due: %(text)s")
                % {"text": self.appeal_decision.explanation}
            )
        if self.law.provisional:
            lines.append(self.law.provisional_label)
        if self.calendar.note:
            lines.append(self.calendar.note)
        return "\n".join(lines)


def resolve_jurisdiction(code: str, level: str = "") -> Jurisdiction:
    """`RS`, `BA` (state institutions), `BA` + level `SRP`, or `BA-SRP` directly."""
    code, level = (code or "").strip().upper(), (level or "").strip().upper()
    if not code:
        raise CalculatorError(
            "jurisdiction", _("Give a jurisdiction, e.g. RS, BA, ME, MK, AL, XK.")
        )
    if level:
        if code != "BA":
            raise CalculatorError(
                "level", _("A level is given only for Bosnia and Herzegovina (jurisdiction=BA).")
            )
        if level == "RS":
            raise CalculatorError(
                "level",
                _("“RS” is ambiguous: it is Serbia's code. For Republika Srpska give level=SRP."),
            )
        if level not in BA_LEVELS:
            raise CalculatorError(
                "level",
                _("Unknown level “%(level)s”: give BIH, SRP or BRC.") % {"level": level},
            )
        code = BA_LEVELS[level]
    jurisdiction = Jurisdiction.objects.filter(code=code).first()
    if jurisdiction is None:
        known = ", ".join(Jurisdiction.objects.values_list("code", flat=True))
        raise CalculatorError(
            "jurisdiction",
            _("Unknown jurisdiction “%(code)s”. Known: %(known)s.")
            % {"code": code, "known": known},
        )
    return jurisdiction


def calculate(
    *,
    jurisdiction: str,
    received_on: date,
    level: str = "",
    urgent: bool = False,
    decision_delivered_on: date | None = None,
    appealed_on: date | None = None,
) -> Calculation:
    """The statutory deadlines for a request received on `received_on`, under the law in
    force that day; `CalculatorError` says clearly what cannot be computed and why."""
    place = resolve_jurisdiction(jurisdiction, level)
    if decision_delivered_on and decision_delivered_on < received_on:
        raise CalculatorError(
            "decision_delivered_on", _("The decision cannot be delivered before receipt.")
        )
    if appealed_on and appealed_on < received_on:
        raise CalculatorError("appealed_on", _("A complaint cannot be lodged before receipt."))
    law = applicable_law(place, received_on)
    if law is None:
        raise CalculatorError(
            "received_on",
            _("No FOI law of %(place)s in force on %(day)s is on record.")
            % {"place": place.name, "day": deadline_rules.long_day(received_on)},
        )
    rule = deadline_rules.rule_from_law(law)
    if rule.response is None:
        raise CalculatorError(
            "jurisdiction",
            f"{law}: "
            + _(
                "this law sets no response period that the tracker knows of, so no deadline "
                "can be computed. %(note)s"
            )
            % {"note": law.confidence_note},
        )
    try:
        calendar = work_calendar(
            place, *calendar_span(received_on, decision_delivered_on, appealed_on)
        )
        due = deadline_rules.due_on(received_on, rule, calendar)
        urgent_due = deadline_rules.urgent_due_on(received_on, rule)
        applicable = urgent_due if urgent and urgent_due else due
        return Calculation(
            jurisdiction=place,
            law=law,
            received_on=received_on,
            due=due,
            urgent=urgent_due,
            extended=deadline_rules.extended_due_on(received_on, applicable.on, rule, calendar),
            appeal_after_silence=deadline_rules.appeal_window_after_silence(
                applicable.on, rule, calendar
            ),
            appeal_after_decision=(
                deadline_rules.appeal_window_after_decision(decision_delivered_on, rule, calendar)
                if decision_delivered_on
                else None
            ),
            decision_delivered_on=decision_delivered_on,
            is_urgent=urgent,
            calendar=calendar,
            appealed_on=appealed_on,
            appeal_decision=(
                deadline_rules.appeal_decision_due_on(appealed_on, rule, calendar)
                if appealed_on
                else None
            ),
        )
    except deadline_rules.CannotCompute as error:
        raise CalculatorError("received_on", f"{law}: {error}") from error
