"""Which deadlines stay on the calendar, and the month grid (no database)."""

from datetime import date
from types import SimpleNamespace

import pytest

from procurement.foi.rules.deadline_calendar import (
    DeadlineKind,
    deadlines_between,
    grid_range,
    open_deadlines,
    parse_month,
    shift_month,
    weeks_of_month,
)

D1, D2, D3, D4 = date(2025, 3, 3), date(2025, 3, 20), date(2025, 4, 4), date(2025, 5, 5)


def request(status: str, pk: int = 1, **dates):
    fields = {
        "pk": pk,
        "status": status,
        "due_on": None,
        "extended_due_on": None,
        "appeal_due_on": None,
        "appeal_decision_due_on": None,
        "appealed_on": None,
        "appeal_decided_on": None,
    }
    fields.update(dates)
    return SimpleNamespace(**fields)


@pytest.mark.parametrize(
    ("status", "dates", "expected"),
    [
        ("sent", {"due_on": D1}, [DeadlineKind.DUE]),
        ("acknowledged", {"due_on": D1, "appeal_due_on": D3}, ["due", "appeal_window"]),
        ("extended", {"due_on": D1, "extended_due_on": D2}, ["extended_due"]),
        ("answered", {"due_on": D1}, []),  # the answer came: the due date is met
        ("classified", {"due_on": D1, "appeal_due_on": D3}, ["appeal_window"]),
        ("refused", {"appeal_due_on": D3, "appealed_on": D2}, []),  # appeal lodged
        ("appealed", {"appeal_due_on": D3, "appeal_decision_due_on": D4}, ["appeal_decision"]),
        ("appeal_decided", {"appeal_decision_due_on": D4}, []),
        ("withdrawn", {"due_on": D1, "appeal_due_on": D3}, []),
        ("complied", {"appeal_decision_due_on": D4}, []),
        ("draft", {}, []),
    ],
)
def test_open_deadlines(status, dates, expected):
    assert [d.kind for d in open_deadlines(request(status, **dates))] == expected


def test_deadlines_between_is_inclusive_and_sorted():
    requests = [
        request("sent", pk=2, due_on=D2),
        request("extended", pk=1, due_on=D1, extended_due_on=D3),
        request("refused", pk=3, appeal_due_on=D1),
    ]
    found = deadlines_between(requests, D1, D3)
    assert [(d.day, d.request.pk) for d in found] == [(D1, 3), (D2, 2), (D3, 1)]
    assert deadlines_between(requests, D1 + (D2 - D1) / 2, D2)[0].request.pk == 2


def test_parse_and_shift_month():
    assert parse_month("2025-03") == date(2025, 3, 1)
    for bad in ["2025-13", "2025-3", "25-03", "2025/03", "", "2025-03-01", "abcd-ef"]:
        with pytest.raises(ValueError):
            parse_month(bad)
    assert shift_month(date(2025, 1, 1), -1) == date(2024, 12, 1)
    assert shift_month(date(2025, 12, 1), 1) == date(2026, 1, 1)
    assert shift_month(date(2025, 3, 1), 14) == date(2026, 5, 1)


def test_weeks_of_month_start_on_monday_and_place_the_deadlines():
    first = date(2025, 3, 1)  # a Saturday
    deadline = open_deadlines(request("sent", due_on=D1))[0]
    weeks = weeks_of_month(first, [deadline])
    assert weeks[0][0].day == date(2025, 2, 24) and weeks[0][0].day.weekday() == 0
    assert not weeks[0][0].in_month and weeks[0][5].in_month
    assert all(len(week) == 7 for week in weeks)
    cells = [day for week in weeks for day in week if day.deadlines]
    assert [(c.day, c.deadlines[0].kind) for c in cells] == [(D1, "due")]
    assert grid_range(first) == (date(2025, 2, 24), date(2025, 4, 6))
