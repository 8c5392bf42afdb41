"""Statutory deadline arithmetic (pure): the worked examples of the FOI law reference
(tests/fixtures/reference/foi-laws.md)
and a table per jurisdiction, each date checked by hand against the 2026 holiday calendar."""

import re
from datetime import date, timedelta

import pytest

from procurement.foi.rules import deadlines as deadline_rules
from procurement.foi.rules import request_schedule
from procurement.foi.rules.calendars import CLOSED, OPEN
from tests import FIXTURES
from tests.foi.reference import calendar, rule

D = date


def due(code: str, received: date, **calendar_options) -> deadline_rules.Deadline:
    return deadline_rules.due_on(received, rule(code, received), calendar(code, **calendar_options))


# --- the worked examples of foi-laws.md ---------------------------------------------------


def worked_examples() -> str:
    text = (FIXTURES / "reference" / "foi-laws.md").read_text(encoding="utf-8")
    return text.split("Worked examples", 1)[1].split("\n\n", 1)[0]


@pytest.mark.parametrize(
    ("code", "received", "expected", "line"),
    [
        ("RS", D(2026, 1, 31), D(2026, 2, 18), "Serbia, received 2026-01-31"),
        ("RS", D(2026, 4, 16), D(2026, 5, 4), "Serbia, received 2026-04-16"),
        ("AL", D(2026, 3, 10), D(2026, 3, 27), "Albania, received 2026-03-10"),
    ],
)
def test_worked_examples_of_the_reference_come_out_exactly(code, received, expected, line):
    examples = worked_examples()
    stated = next(ln for ln in examples.splitlines() if line in ln)
    assert f"**{expected.isoformat()}**" in stated  # the reference still says so
    assert due(code, received).on == expected


def test_albania_extension_of_the_worked_example():
    stated = next(ln for ln in worked_examples().splitlines() if "Albania" in ln)
    assert re.search(r"\+5 working days → 2026-04-03", stated)
    received = D(2026, 3, 10)
    answer = due("AL", received)
    extended = deadline_rules.extended_due_on(received, answer.on, rule("AL"), calendar("AL"))
    assert extended.on == D(2026, 4, 3)
    assert "added to the original due date Fri 27 Mar 2026" in extended.explanation


def test_serbian_explanation_names_the_holidays_it_skipped():
    text = due("RS", D(2026, 1, 31)).explanation
    # The article in the sentence that applies it; each closed day on its own date, the
    # observed day on the day it is observed (issue 13).
    assert text == (
        "received Sat 31 Jan 2026 (not counted); 15 calendar days (Art. 16(1)) → "
        "Sun 15 Feb 2026 (Statehood Day); rolls to the next working day (ZUP Art. 80; "
        "confidence M: one good secondary source), past Mon 16 Feb (Statehood Day), "
        "Tue 17 Feb (Statehood Day, observed); due Wed 18 Feb 2026"
    )
    labour = due("RS", D(2026, 4, 16)).explanation
    assert (
        "→ Fri 1 May 2026 (Labor Day); rolls to the next working day (ZUP Art. 80; "
        "confidence M: one good secondary source), past Sat 2 May (Labor Day), "
        "Sun 3 May (weekend); due Mon 4 May 2026"
    ) in labour


def test_albanian_explanation_lists_the_weekday_holidays_skipped():
    text = due("AL", D(2026, 3, 10)).explanation
    assert "10 working days (Art. 15(2)), skipping weekends and Mon 16 Mar (Summer Day, " in text
    assert "Fri 20 Mar (Eid al-Fitr), Mon 23 Mar (Nowruz Day, observed)" in text
    assert text.endswith("due Fri 27 Mar 2026")


# --- one table per jurisdiction (dates checked by hand) -------------------------------------


@pytest.mark.parametrize(
    ("code", "received", "due_on", "extended", "silence_closes"),
    [
        # 15 days → Sun 15 Feb (Statehood Day), 16–17 Feb holidays; 40 days from receipt.
        # A complaint about silence has no closing date (Art. 22(1), the Commissioner).
        ("RS", D(2026, 1, 31), D(2026, 2, 18), D(2026, 3, 12), None),
        # State level: Fri 20 Mar (Eid al-Fitr) is a day off for believers, not a closed day
        # for authorities: it counts (issue 13, rule 6). No extension, no silence limit.
        ("BA", D(2026, 3, 5), D(2026, 3, 20), None, None),
        ("BA-BIH", D(2026, 3, 5), D(2026, 3, 20), None, None),
        # Republika Srpska's Orthodox New Year (14 Jan) is a religious feast: a working day.
        ("BA-SRP", D(2025, 12, 30), D(2026, 1, 14), None, None),
        ("BA-BIH", D(2025, 12, 30), D(2026, 1, 14), None, None),
        # 15 working days, skipping Independence Day (21–22 May); +8 days added.
        ("ME", D(2026, 5, 8), D(2026, 6, 2), D(2026, 6, 10), None),
        # 20 days → Sun 24 May (Cyril and Methodius), Mon 25 May observed; 30 from receipt.
        ("MK", D(2026, 5, 4), D(2026, 5, 26), D(2026, 6, 3), None),
        # 10 working days; +5 working days added; 30 working days after the deadline (Art. 24).
        ("AL", D(2026, 3, 10), D(2026, 3, 27), D(2026, 4, 3), D(2026, 5, 13)),
        # 7 days → Tue 17 Feb (Independence Day); 15 days in total from registration (not
        # 7 + 15); 15 days from silence.
        ("XK", D(2026, 2, 10), D(2026, 2, 18), D(2026, 2, 25), D(2026, 3, 5)),
    ],
)
def test_deadlines_per_jurisdiction(code, received, due_on, extended, silence_closes):
    law, cal = rule(code, received), calendar(code)
    answer = deadline_rules.due_on(received, law, cal)
    assert answer.on == due_on, answer.explanation
    extension = deadline_rules.extended_due_on(received, answer.on, law, cal)
    assert (extension.on if extension else None) == extended
    window = deadline_rules.appeal_window_after_silence(answer.on, law, cal)
    assert window.opens_on == answer.on + timedelta(days=1)
    assert window.closes_on == silence_closes, window.explanation
    if silence_closes is None:
        assert "the law sets no closing date" in window.explanation


def test_bosnian_religious_holidays_are_a_calendar_setting():
    received = D(2026, 3, 5)  # +15 = Fri 20 Mar, Eid al-Fitr (estimated)
    working = calendar("BA")
    assert deadline_rules.due_on(received, rule("BA", received), working).on == D(2026, 3, 20)
    assert "counted as working days" in working.note and "L–M" in working.note
    closed = calendar("BA", religious_closed=True)
    assert deadline_rules.due_on(received, rule("BA", received), closed).on == D(2026, 3, 23)
    assert "counted as days the authorities are closed" in closed.note


def test_bosnian_state_level_before_13_september_2023_is_the_2000_act():
    old = rule("BA", D(2023, 9, 12))
    assert old.response == deadline_rules.Period(15)
    assert rule("BA", D(2023, 9, 13)).response == deadline_rules.Period(15)
    answer = deadline_rules.due_on(D(2023, 9, 1), old, calendar("BA", first=2023, last=2024))
    assert answer.on == D(2023, 9, 18)  # Sat 16 Sep → Mon 18 Sep
    assert "Art. 14(4)" in answer.explanation


def test_serbian_extension_counts_only_if_announced_within_seven_days():
    law = rule("RS")
    received = D(2026, 1, 31)
    assert deadline_rules.extension_notice_late(received, D(2026, 2, 7), law) == ""
    late = deadline_rules.extension_notice_late(received, D(2026, 2, 8), law)
    assert "within 7 days of receipt, i.e. by Sat 7 Feb 2026" in late
    assert "Art. 16(3)" in late and "confidence M" in late


def test_appeal_window_after_a_decision_counts_from_its_delivery():
    # Serbia: decision delivered Mon 27 Apr 2026 → 15 days → Tue 12 May.
    appeal = deadline_rules.appeal_due_after_decision(D(2026, 4, 27), rule("RS"), calendar("RS"))
    assert appeal.on == D(2026, 5, 12)
    assert appeal.explanation.startswith("decision delivered Mon 27 Apr 2026 (not counted)")


def test_albanian_commissioner_decides_within_fifteen_working_days():
    # Complaint Mon 30 Mar 2026: 6 Apr and 13 Apr (Easter, observed) are skipped.
    decision = deadline_rules.appeal_decision_due_on(D(2026, 3, 30), rule("AL"), calendar("AL"))
    assert decision.on == D(2026, 4, 22)


def test_serbian_commissioner_decides_within_thirty_days():
    # Complaint Mon 30 Mar 2026 + 30 days = Wed 29 Apr 2026 (Art. 24(1)).
    decision = deadline_rules.appeal_decision_due_on(D(2026, 3, 30), rule("RS"), calendar("RS"))
    assert decision.on == D(2026, 4, 29)
    assert "30 calendar days (Art. 24(1); confidence M" in decision.explanation


def test_laws_without_an_appeal_decision_period_give_none():
    assert deadline_rules.appeal_decision_due_on(D(2026, 3, 30), rule("MK"), calendar("MK")) is None


def test_urgent_requests_count_hours_through_weekends():
    urgent = deadline_rules.urgent_due_on(D(2026, 1, 30), rule("RS"))  # a Friday
    assert urgent.on == D(2026, 2, 1)  # Sunday: hours are not rolled forward
    assert "48 hours" in urgent.explanation
    assert deadline_rules.urgent_due_on(D(2026, 1, 30), rule("BA")) is None  # no urgent period


@pytest.mark.parametrize(
    ("code", "received", "message"),
    [
        ("BA-BRC", D(2026, 1, 31), "sets no response period"),
    ],
)
def test_laws_without_a_response_period_cannot_compute(code, received, message):
    with pytest.raises(deadline_rules.CannotCompute, match=message):
        deadline_rules.due_on(received, rule(code, received), calendar(code))


def test_montenegro_2012_law_applies_until_6_july_2026():
    assert due("ME", D(2026, 7, 6)).on > D(2026, 7, 6)
    assert not rule("ME", D(2026, 7, 6)).provisional


def test_montenegro_2025_law_gives_provisional_deadlines_on_the_2012_periods():
    received = D(2026, 7, 7)
    law = rule("ME", received)
    assert law.provisional
    answer = deadline_rules.due_on(received, law, calendar("ME"))
    # 15 working days, skipping Statehood Day (13–14 Jul) → Thu 30 Jul 2026.
    assert answer.on == D(2026, 7, 30)
    assert "2012 law, Art. 31(1), provisional" in answer.explanation


def test_overrides_add_and_remove_days_off():
    received = D(2026, 2, 3)  # +15 = Wed 18 Feb, a working day
    assert due("RS", received).on == D(2026, 2, 18)
    closed = [(D(2026, 2, 18), CLOSED, "Day off by government decision")]
    moved = due("RS", received, overrides=closed)
    assert moved.on == D(2026, 2, 19)
    assert "Day off by government decision" in moved.explanation
    # Albania: Eid confirmed a day earlier (Thu 19 Mar), so Fri 20 Mar is a working day.
    eid = [(D(2026, 3, 19), CLOSED, "Eid al-Fitr (confirmed)"), (D(2026, 3, 20), OPEN, "")]
    shifted = due("AL", D(2026, 3, 10), overrides=eid)
    assert "Thu 19 Mar (Eid al-Fitr (confirmed))" in shifted.explanation
    assert "Fri 20 Mar" not in shifted.explanation
    assert shifted.on == D(2026, 3, 27)  # one holiday moved: the count is the same


def test_a_working_saturday_counts_in_a_working_day_period():
    received = D(2026, 3, 10)
    saturday = [(D(2026, 3, 21), OPEN, "Working Saturday")]
    assert due("AL", received, overrides=saturday).on == D(2026, 3, 26)


def test_suspension_stops_the_clock():
    # Serbia's 2020 state of emergency (15 Mar – 6 May 2020): received Tue 10 Mar, four days
    # counted before it, eleven after it → Sun 17 May → Mon 18 May.
    emergency = [deadline_rules.Suspension(D(2020, 3, 15), D(2020, 5, 6), "state of emergency")]
    answer = due("RS", D(2020, 3, 10), first=2020, last=2021, suspensions=emergency)
    assert answer.on == D(2020, 5, 18)
    assert "the clock stood still 15 Mar–6 May (state of emergency): 53 days not counted" in (
        answer.explanation
    )


def test_a_deadline_never_ends_inside_a_suspension():
    stop = [deadline_rules.Suspension(D(2026, 2, 18), D(2026, 2, 20), "strike decree")]
    # 15 days from 31 Jan land on Sun 15 Feb; the roll forward passes 16–17 Feb (holidays)
    # and 18–20 Feb (suspended), then the weekend.
    answer = due("RS", D(2026, 1, 31), suspensions=stop)
    assert answer.on == D(2026, 2, 23)


def test_counting_past_the_calendar_loaded_is_refused():
    short = calendar("RS", first=2026, last=2026)
    with pytest.raises(deadline_rules.CannotCompute, match="outside the holiday calendar"):
        deadline_rules.due_on(D(2026, 12, 20), rule("RS"), short)


def test_working_days_before_skips_closed_days():
    cal = calendar("RS")
    # Three working days before Wed 18 Feb 2026: Fri 13, Thu 12, Wed 11 (16–17 are holidays).
    assert deadline_rules.working_days_before(D(2026, 2, 18), 3, cal) == D(2026, 2, 11)


def test_schedule_of_a_request_under_each_status():
    law, cal = rule("RS"), calendar("RS")
    received = D(2026, 1, 31)
    awaiting = request_schedule.schedule(request_schedule.RequestFacts("sent", received), law, cal)
    assert (awaiting.due_on, awaiting.extended_due_on) == (D(2026, 2, 18), None)
    # If no answer comes: one may complain from the day after, with no closing date.
    assert (awaiting.appeal_opens_on, awaiting.appeal_due_on) == (D(2026, 2, 19), None)
    assert awaiting.explanation.splitlines()[0].startswith("Answer due: received Sat 31 Jan")
    extended = request_schedule.schedule(
        request_schedule.RequestFacts("extended", received, extension_noticed_on=D(2026, 2, 5)),
        law,
        cal,
    )
    assert extended.extended_due_on == D(2026, 3, 12)
    assert (extended.appeal_opens_on, extended.appeal_due_on) == (D(2026, 3, 13), None)
    # Announced on day 10: too late under Art. 16(3), the deadline stays; the reason is given.
    late = request_schedule.schedule(
        request_schedule.RequestFacts("extended", received, extension_noticed_on=D(2026, 2, 10)),
        law,
        cal,
    )
    assert late.extended_due_on is None
    assert "within 7 days of receipt" in late.explanation
    assert "within 7 days of receipt" in late.extension_refused
    refused = request_schedule.schedule(
        request_schedule.RequestFacts("refused", received, decision_delivered_on=D(2026, 4, 27)),
        law,
        cal,
    )
    assert (refused.appeal_opens_on, refused.appeal_due_on) == (D(2026, 4, 27), D(2026, 5, 12))
    appealed = request_schedule.schedule(
        request_schedule.RequestFacts(
            "appealed", received, decision_delivered_on=D(2026, 4, 27), appealed_on=D(2026, 5, 4)
        ),
        law,
        cal,
    )
    assert appealed.appeal_decision_due_on == D(2026, 6, 3)  # 30 days (Art. 24(1))
    answered = request_schedule.schedule(
        request_schedule.RequestFacts("answered", received, decision_delivered_on=D(2026, 2, 2)),
        law,
        cal,
    )
    assert answered.appeal_due_on is None


def test_montenegro_classified_refusal_has_no_appeal_window():
    received = D(2026, 3, 2)
    facts = request_schedule.RequestFacts(
        "classified",
        received,
        decision_delivered_on=D(2026, 3, 20),
        classified_outside_law=True,
    )
    result = request_schedule.schedule(facts, rule("ME", received), calendar("ME"))
    assert result.appeal_due_on is None
    assert "does not apply to classified information" in result.explanation
    refused = request_schedule.schedule(
        request_schedule.RequestFacts("refused", received, decision_delivered_on=D(2026, 3, 20)),
        rule("ME", received),
        calendar("ME"),
    )
    assert refused.appeal_due_on == D(2026, 4, 6)  # 15 days → Sat 4 Apr → Mon 6 Apr


def test_urgent_request_schedule_uses_the_urgent_deadline():
    result = request_schedule.schedule(
        request_schedule.RequestFacts("sent", D(2026, 1, 30), is_urgent=True),
        rule("RS"),
        calendar("RS"),
    )
    assert result.due_on == D(2026, 2, 1)
    assert result.explanation.startswith("Urgent answer due:")
    no_urgent = request_schedule.schedule(
        request_schedule.RequestFacts("sent", D(2026, 3, 5), is_urgent=True),
        rule("BA"),
        calendar("BA"),
    )
    assert no_urgent.due_on == D(2026, 3, 20)  # Eid al-Fitr counts as a working day in BA
    assert "no shorter period" in no_urgent.explanation
    assert "counted as working days" in no_urgent.explanation  # the setting, said
