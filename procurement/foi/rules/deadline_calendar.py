"""Which deadlines of a request are still open, and the month grid they are shown on (pure).

A deadline stays on the calendar until the thing it waits for has happened: the answer
(due, extended due), the appeal (appeal window), the appeal body's decision. The dates
themselves are computed and stored by the deadline service; nothing here counts days.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from procurement.models.requests import RequestStatus as S


class DeadlineKind(models.TextChoices):
    DUE = "due", _("answer due")
    EXTENDED_DUE = "extended_due", _("extended answer due")
    APPEAL_WINDOW = "appeal_window", _("appeal window closes")
    APPEAL_DECISION = "appeal_decision", _("appeal body's decision due")


# The request field holding each kind's date, and the statuses in which it is still open.
AWAITING_ANSWER = frozenset({S.SENT, S.ACKNOWLEDGED, S.EXTENDED})
APPEALABLE = frozenset(
    {
        S.SENT,
        S.ACKNOWLEDGED,
        S.EXTENDED,
        S.ANSWERED,
        S.PARTIALLY_ANSWERED,
        S.REFUSED,
        S.CLASSIFIED,
        S.NOT_HELD,
    }
)
FIELDS = {
    DeadlineKind.DUE: "due_on",
    DeadlineKind.EXTENDED_DUE: "extended_due_on",
    DeadlineKind.APPEAL_WINDOW: "appeal_due_on",
    DeadlineKind.APPEAL_DECISION: "appeal_decision_due_on",
}
DATE_FIELDS = tuple(FIELDS.values())


@dataclass(frozen=True)
class CalendarEntry:
    """One deadline of a request as calendars show it: the day, what falls due, the request."""

    day: date
    kind: DeadlineKind
    request: object  # an InfoRequest (or anything with its fields)

    @property
    def label(self) -> str:
        """'due', or 'due (provisional)' where the law's periods are not confirmed."""
        law = getattr(self.request, "law", None)
        if law is not None and getattr(law, "provisional", False):
            return _("%(deadline)s (provisional)") % {"deadline": self.kind.label}
        return str(self.kind.label)


def _is_open(kind: DeadlineKind, request) -> bool:
    status = request.status
    if kind == DeadlineKind.DUE:
        # An extension replaces the original due date.
        return status in AWAITING_ANSWER and not request.extended_due_on
    if kind == DeadlineKind.EXTENDED_DUE:
        return status in AWAITING_ANSWER
    if kind == DeadlineKind.APPEAL_WINDOW:
        return status in APPEALABLE and request.appealed_on is None
    return status == S.APPEALED and request.appeal_decided_on is None


def open_deadlines(request) -> list[CalendarEntry]:
    """The request's deadlines that still matter, in date order."""
    found = [
        CalendarEntry(getattr(request, field), kind, request)
        for kind, field in FIELDS.items()
        if getattr(request, field) and _is_open(kind, request)
    ]
    return sorted(found, key=lambda deadline: deadline.day)


def deadlines_between(requests, first: date, last: date) -> list[CalendarEntry]:
    """Open deadlines of `requests` falling on `first` … `last` (inclusive), by date."""
    found = [
        deadline
        for request in requests
        for deadline in open_deadlines(request)
        if first <= deadline.day <= last
    ]
    return sorted(found, key=lambda d: (d.day, d.kind, d.request.pk))


def parse_month(text: str) -> date:
    """'2025-03' → 2025-03-01; ValueError for anything else."""
    year, dash, month = text.partition("-")
    if not (dash and len(year) == 4 and year.isdigit() and len(month) == 2 and month.isdigit()):
        raise ValueError(text)
    return date(int(year), int(month), 1)


def shift_month(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Day:
    day: date
    in_month: bool
    deadlines: tuple[CalendarEntry, ...]


def weeks_of_month(first: date, deadlines: list[CalendarEntry]) -> list[list[Day]]:
    """The weeks (Monday first) covering `first`'s month, each day with its deadlines."""
    by_day: dict[date, list[CalendarEntry]] = defaultdict(list)
    for deadline in deadlines:
        by_day[deadline.day].append(deadline)
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        first.year, first.month
    )
    return [
        [Day(day, day.month == first.month, tuple(by_day.get(day, ()))) for day in week]
        for week in weeks
    ]


def grid_range(first: date) -> tuple[date, date]:
    """The first and last day shown on `first`'s month grid (whole weeks)."""
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        first.year, first.month
    )
    return weeks[0][0], weeks[-1][-1]
