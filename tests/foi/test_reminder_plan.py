"""Which reminders a request should have, and when each goes out (pure)."""

from datetime import date

from procurement.foi.rules import reminders
from procurement.foi.rules.reminders import ReminderState
from tests.foi.reference import calendar

D = date
RS = calendar("RS")


def kinds(state, today, lead=3):
    return {
        (p.kind, p.due_on, p.send_on)
        for p in reminders.plan(state, lead_days=lead, calendar=RS, today=today)
    }


def test_awaiting_an_answer():
    state = ReminderState("sent", D(2026, 2, 18), appeal_due_on=D(2026, 3, 5))
    assert kinds(state, D(2026, 2, 2)) == {
        ("due_soon", D(2026, 2, 18), D(2026, 2, 11)),  # 3 working days: 16–17 Feb are holidays
        ("overdue", D(2026, 2, 18), D(2026, 2, 19)),
        ("appeal_closing", D(2026, 3, 5), D(2026, 3, 2)),
    }
    # After the deadline a "due soon" reminder has no reason any more.
    assert {k for k, _, _ in kinds(state, D(2026, 2, 19))} == {"overdue", "appeal_closing"}
    assert {k for k, _, _ in kinds(state, D(2026, 3, 6))} == {"overdue"}


def test_lead_days_per_organisation():
    state = ReminderState("acknowledged", D(2026, 2, 18))
    assert ("due_soon", D(2026, 2, 18), D(2026, 2, 13)) in kinds(state, D(2026, 2, 2), lead=1)
    assert "due_soon" not in {k for k, _, _ in kinds(state, D(2026, 2, 2), lead=0)}


def test_classified_refusal_goes_out_at_once_and_the_window_is_watched():
    state = ReminderState(
        "classified", None, appeal_due_on=D(2026, 3, 3), decision_delivered_on=D(2026, 2, 16)
    )
    assert kinds(state, D(2026, 2, 17)) == {
        ("classified", D(2026, 2, 16), D(2026, 2, 16)),
        ("appeal_closing", D(2026, 3, 3), D(2026, 2, 26)),
    }


def test_no_appeal_closing_once_an_appeal_is_lodged_and_decision_overdue_then():
    state = ReminderState(
        "appealed",
        None,
        appeal_due_on=D(2026, 3, 3),
        appeal_decision_due_on=D(2026, 4, 22),
        decision_delivered_on=D(2026, 2, 16),
        appealed_on=D(2026, 3, 1),
    )
    assert kinds(state, D(2026, 3, 2)) == {
        ("appeal_decision_overdue", D(2026, 4, 22), D(2026, 4, 23)),
    }


def test_answered_withdrawn_and_historical_requests_have_none():
    for status in ("answered", "withdrawn", "closed", "complied"):
        assert kinds(ReminderState(status, D(2026, 2, 18)), D(2026, 2, 2)) == set()
    old = ReminderState("classified", None, decision_delivered_on=D(2019, 1, 1), precise=False)
    assert kinds(old, D(2026, 2, 2)) == set()


def test_still_wanted_is_asked_again_before_sending():
    state = ReminderState("sent", D(2026, 2, 18))
    assert reminders.still_wanted("overdue", D(2026, 2, 18), state, D(2026, 2, 19))
    assert not reminders.still_wanted("overdue", D(2026, 2, 17), state, D(2026, 2, 19))  # moved
    answered = ReminderState("answered", D(2026, 2, 18))
    assert not reminders.still_wanted("overdue", D(2026, 2, 18), answered, D(2026, 2, 19))
