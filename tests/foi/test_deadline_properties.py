"""Properties of the deadline arithmetic over random calendars (hypothesis): a due date is
never a closed day, never before receipt, never earlier for a later receipt; a working-day
period counts exactly N working days."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from procurement.foi.rules import deadlines as deadline_rules
from tests.foi.reference import calendar as package_calendar

FIRST, LAST = date(2024, 1, 1), date(2028, 12, 31)
RECEIPTS = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 6, 30))


@st.composite
def calendars(draw) -> deadline_rules.WorkCalendar:
    """Weekends, random holidays (some in long runs), working Saturdays and suspensions."""
    days = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 6, 30))
    closed = dict.fromkeys(draw(st.lists(days, max_size=60)), "holiday")
    for start in draw(st.lists(days, max_size=3)):
        for offset in range(draw(st.integers(1, 12))):
            closed[start + timedelta(days=offset)] = "closure"
    opened = frozenset(d for d in draw(st.lists(days, max_size=5)) if d.weekday() == 5)
    suspensions = []
    for start in draw(st.lists(days, max_size=2)):
        suspensions.append(
            deadline_rules.Suspension(start, start + timedelta(days=draw(st.integers(0, 40))))
        )
    return deadline_rules.WorkCalendar(closed, opened, tuple(suspensions), FIRST, LAST)


periods = st.builds(
    deadline_rules.Period,
    days=st.integers(1, 45),
    kind=st.sampled_from([deadline_rules.CALENDAR, deadline_rules.WORKING]),
    roll_forward=st.just(True),
)


def due(received: date, period: deadline_rules.Period, cal: deadline_rules.WorkCalendar) -> date:
    return deadline_rules.add_period(received, period, cal, "received").on


@settings(max_examples=300, deadline=None)
@given(received=RECEIPTS, period=periods, cal=calendars())
def test_due_date_is_an_open_day_after_receipt(received, period, cal):
    result = due(received, period, cal)
    assert result > received
    assert cal.is_open(result)  # a working day, outside any suspension
    assert result >= received + timedelta(days=period.days)


@settings(max_examples=300, deadline=None)
@given(first=RECEIPTS, gap=st.integers(0, 60), period=periods, cal=calendars())
def test_a_later_receipt_never_gives_an_earlier_due_date(first, gap, period, cal):
    later = first + timedelta(days=gap)
    assert due(later, period, cal) >= due(first, period, cal)


@settings(max_examples=300, deadline=None)
@given(received=RECEIPTS, days=st.integers(1, 45), cal=calendars())
def test_a_working_day_period_counts_exactly_n_working_days(received, days, cal):
    result = due(received, deadline_rules.Period(days, deadline_rules.WORKING), cal)
    assert deadline_rules.working_days_between(received, result, cal) == days


@settings(max_examples=300, deadline=None)
@given(received=RECEIPTS, days=st.integers(1, 45), cal=calendars())
def test_a_calendar_period_ends_on_the_first_open_day_from_its_last_day(received, days, cal):
    result = due(received, deadline_rules.Period(days, deadline_rules.CALENDAR), cal)
    suspended = sum(
        1
        for offset in range(1, (result - received).days + 1)
        if cal.suspension(received + timedelta(days=offset))
    )
    last_counted = received + timedelta(days=days + suspended)
    # Every day from the last counted day to the due date (exclusive) is closed.
    assert last_counted <= result
    for offset in range((result - last_counted).days):
        assert not cal.is_open(last_counted + timedelta(days=offset))


@settings(max_examples=100, deadline=None)
@given(received=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 6, 30)))
def test_real_calendars_never_give_a_closed_due_date(received):
    for code, days, kind in [("RS", 15, "calendar"), ("AL", 10, "working"), ("ME", 15, "working")]:
        cal = package_calendar(code, 2025, 2028)
        result = due(received, deadline_rules.Period(days, kind), cal)
        assert cal.is_working(result) and result > received
