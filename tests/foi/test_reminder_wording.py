"""Issue 16, "no message that misleads": every reminder kind, across a request's timeline
(before the deadline, on it, overdue with the appeal window open, overdue with it closed,
classified, appealed), is written from the request's state on the day it is sent. Each
sentence's tense and claim is checked against that state: a closed window is never called
open, nothing is said to be late before it is, and a reminder letter offered before the
deadline asks politely instead of saying that nothing came."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from procurement.core.formatting import format_date
from procurement.core.notices import render
from procurement.foi.rules import reminders as plans
from procurement.foi.selectors.requests import appeal_addressee, appeal_window
from procurement.foi.services.notifications import reminder_params
from procurement.foi.services.reminders import deliver_reminder, reminder_state
from procurement.models import InfoRequest, Notification, Reminder
from tests.foi.builders import CLASSIFIED_FACTS, at, member, organisation, sent, step

pytestmark = pytest.mark.django_db
D = date
LATE = "did not answer"
NOTHING_CAME = "neither the information nor a decision"
POLITE = "whether the answer is on its way"


def words(info_request: InfoRequest, kind: str, due_on: date, today: date) -> str:
    """Subject and text of a reminder of `kind` sent `today`, in English."""
    info_request = (
        InfoRequest.objects.select_related("law__appeal_body_organisation", "authority")
        .prefetch_related("law__letter_templates")
        .get(pk=info_request.pk)
    )
    reminder = Reminder(request=info_request, kind=kind, due_on=due_on)
    message = render(Notification(kind=kind, params=reminder_params(reminder, today)), "en")
    return message.subject + "\n" + message.text


def check_claims(info_request: InfoRequest, text: str, today: date) -> None:
    """Each claim a reminder can make, against the request's state `today`."""
    info_request.refresh_from_db()
    due = info_request.extended_due_on or info_request.due_on
    window = appeal_window(info_request, today)
    state = window.state(today) if window else ""
    late = bool(due and due < today and info_request.status in {"sent", "acknowledged"})
    if LATE in text:
        assert late
    if not late:
        assert LATE not in text and "No answer in time" not in text
        assert NOTHING_CAME not in text  # the letter too
    assert "appeal window is open" not in text  # the old wording, whatever the state
    if state == "closed":
        assert "You may complain" not in text
        law = info_request.law
        body = (
            law.appeal_body_organisation.name if law.appeal_body_organisation else law.appeal_body
        )
        assert f"Complain to {body}" not in text
        assert "Complaint against" not in text and "ŽALBA" not in text  # no complaint letter
        assert "closed on" in text and "out of time" in text
    else:
        assert "closed on" not in text and "out of time" not in text
    if state == "open":
        assert "You may complain to" in text or "closes" in text
    if state == "not_yet":
        assert "You may complain" not in text
    if "closes today" in text:
        assert info_request.appeal_due_on == today
    if "today," in text and "must answer" in text:
        assert due == today


def wanted_kinds(info_request: InfoRequest, today: date) -> list[tuple[str, date]]:
    """The reminders that would go out `today`: still wanted, and their day has come."""
    info_request.refresh_from_db()
    wanted = plans.wanted(reminder_state(info_request), today)
    rows = info_request.reminders.all()
    return sorted(
        (r.kind, r.due_on)
        for r in rows
        if (r.kind, r.due_on) in wanted and timezone.localdate(r.send_at) <= today
    )


@pytest.fixture
def awaiting(reference):
    """Sent Fri 30 Jan 2026, received Sat 31 Jan in Kosovo, whose law sets a closing date for a
    complaint about silence (15 days, Law 06/L-081): the dates are read from the request."""
    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 2, 2)), tick=False):
        info_request = sent(org, editor, D(2026, 1, 30), received_on=D(2026, 1, 31), code="XK")
    assert info_request.appeal_due_on is not None
    return info_request


@pytest.fixture
def awaiting_rs(reference):
    """The same in Serbia, where a complaint about silence has no closing date (issue 13)."""
    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 2, 2)), tick=False):
        return sent(org, editor, D(2026, 1, 30), received_on=D(2026, 1, 31))


def full(day: date) -> str:
    return format_date(day, "full", language="en")


def short(day: date) -> str:
    return format_date(day, "day_month", language="en")


def moments(info_request: InfoRequest) -> dict[str, date]:
    due, closes = info_request.due_on, info_request.appeal_due_on
    return {
        "before due": due - timedelta(days=5),
        "due": due,
        "overdue, window open": due + timedelta(days=1),
        "overdue, window closes today": closes,
        "overdue, window closed": closes + timedelta(days=1),
    }


MOMENTS = (
    "before due",
    "due",
    "overdue, window open",
    "overdue, window closes today",
    "overdue, window closed",
)


@pytest.mark.parametrize("moment", MOMENTS)
def test_every_reminder_wanted_while_awaiting_says_only_what_is_true(awaiting, moment):
    today = moments(awaiting)[moment]
    kinds = wanted_kinds(awaiting, today)
    assert kinds, moment
    for kind, due_on in kinds:
        text = words(awaiting, kind, due_on, today)
        check_claims(awaiting, text, today)


def test_before_the_deadline_the_reminder_and_its_letter_ask_politely(awaiting):
    due, closes = awaiting.due_on, awaiting.appeal_due_on
    text = words(awaiting, "due_soon", due, due - timedelta(days=5))
    assert "must answer your request" in text and f"by {full(due)}" in text
    assert "If no answer comes, you can complain to" in text
    assert f"from {full(due + timedelta(days=1))} until {full(closes)}" in text
    assert NOTHING_CAME not in text


def test_before_the_deadline_the_serbian_letter_asks_politely(awaiting_rs):
    text = words(awaiting_rs, "due_soon", D(2026, 2, 18), D(2026, 2, 13))
    assert POLITE in text and NOTHING_CAME not in text
    assert "the answer is due by 18 February 2026" in text  # the letter: present tense


def test_on_the_due_day_it_says_today(awaiting):
    due = awaiting.due_on
    text = words(awaiting, "due_soon", due, due)
    assert text.startswith("Due today:")
    assert "must answer your request “Contracts for the Safe City cameras” today," in text
    assert NOTHING_CAME not in text


def test_overdue_with_the_window_open_says_until_when(awaiting):
    due, closes = awaiting.due_on, awaiting.appeal_due_on
    text = words(awaiting, "overdue", due, due + timedelta(days=1))
    assert f"— you may complain until {short(closes)}" in text.split("\n")[0]
    assert "did not answer your request" in text and f"by the deadline, {full(due)}" in text
    body = appeal_addressee(awaiting)
    assert f"You may complain to {body}" in text and f"until {full(closes)}" in text


def test_overdue_after_the_window_closed_never_calls_it_open(awaiting):
    due, closes = awaiting.due_on, awaiting.appeal_due_on
    text = words(awaiting, "overdue", due, closes + timedelta(days=1))
    assert f"the appeal window closed on {short(closes)}" in text.split("\n")[0]
    assert f"The appeal window closed on {full(closes)}" in text
    assert "You may complain" not in text and "is open" not in text


def test_the_issues_case_a_request_logged_after_its_window_closed(reference):
    """Received 1 Sep 2026, logged on 6 Dec 2026 (Kosovo: the complaint about silence has a
    closing date): the overdue reminder goes out at once and says the window closed — never
    that it is open."""
    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 12, 6)), tick=False):
        info_request = sent(org, editor, D(2026, 9, 1), received_on=D(2026, 9, 1), code="XK")
        overdue = info_request.reminders.get(kind="overdue")
        deliver_reminder(reminder_id=overdue.pk)
    info_request.refresh_from_db()
    note = render(Notification.objects.get(reminder=overdue), "en")
    assert info_request.appeal_due_on < D(2026, 12, 6)
    assert "closed on" in note.subject and "is open" not in note.subject
    assert "You may complain" not in note.text and "closed on" in note.text


def test_the_issues_case_in_serbia_stays_open_with_no_closing_date(reference):
    """The same request in Serbia: silence may be complained of with no closing date."""
    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 12, 6)), tick=False):
        info_request = sent(org, editor, D(2026, 9, 1), received_on=D(2026, 9, 1))
        overdue = info_request.reminders.get(kind="overdue")
        deliver_reminder(reminder_id=overdue.pk)
    note = render(Notification.objects.get(reminder=overdue), "en")
    assert "closed on" not in note.subject + note.text
    assert "the law sets no closing date for this complaint" in note.text


def test_a_law_with_no_closing_date_for_silence_is_worded_too(awaiting_rs):
    """Serbia (ZSPIJZ Art. 22, the Commissioner's guidance): a complaint about silence from the
    day after the deadline, with no closing date."""
    assert awaiting_rs.appeal_due_on is None
    text = words(awaiting_rs, "overdue", D(2026, 2, 18), D(2026, 6, 1))
    assert "— you may complain" in text.split("\n")[0]
    assert "from Thursday 19 February 2026; the law sets no closing date for this complaint" in text
    assert "closed on" not in text and "until" not in text.split("Subject:")[0]
    before = words(awaiting_rs, "due_soon", D(2026, 2, 18), D(2026, 2, 13))
    assert "from Thursday 19 February 2026; the law sets no closing date" in before


def test_classified_refusal_within_and_after_its_window(reference):
    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 3, 25)), tick=False):
        info_request = sent(org, editor, D(2026, 3, 2))
        step(info_request, "classified", D(2026, 3, 20), **CLASSIFIED_FACTS)
    info_request.refresh_from_db()
    closes = info_request.appeal_due_on
    for today in (D(2026, 3, 20), closes, closes + timedelta(days=1)):
        kinds = wanted_kinds(info_request, today) or [("classified", D(2026, 3, 20))]
        for kind, due_on in kinds:
            text = words(info_request, kind, due_on, today)
            check_claims(info_request, text, today)
            assert "refused your request" in text or "appeal window" in text
    after = words(info_request, "classified", D(2026, 3, 20), closes + timedelta(days=1))
    assert "closed on" in after and "You may complain" not in after


def test_appealed_the_decision_overdue_is_in_the_past_tense_and_no_window_is_offered(reference):
    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 3, 2)), tick=False):
        info_request = sent(org, editor, D(2026, 1, 5), code="AL")
        step(info_request, "appealed", D(2026, 3, 2))
    info_request.refresh_from_db()
    late = info_request.appeal_decision_due_on + timedelta(days=1)
    assert wanted_kinds(info_request, late) == [
        ("appeal_decision_overdue", info_request.appeal_decision_due_on)
    ]
    text = words(info_request, "appeal_decision_overdue", info_request.appeal_decision_due_on, late)
    check_claims(info_request, text, late)
    assert "had to decide on your appeal" in text and "no decision is recorded" in text
    assert appeal_window(info_request, late) is None  # an appeal is lodged: no window
    assert "You may complain" not in text and "closed on" not in text


def test_a_status_notice_is_worded_from_the_state_when_it_is_sent(reference):
    """Notifications about a step say what holds that day: a refusal logged long after its
    appeal window closed never offers that window as open."""
    org = organisation()
    editor = member(org)
    colleague = member(org)
    with time_machine.travel(at(D(2026, 2, 2)), tick=False):
        info_request = sent(org, editor, D(2026, 1, 30), followers=[colleague])
    with time_machine.travel(at(D(2026, 2, 10)), tick=False):
        step(info_request, "refused", D(2026, 2, 9), actor=editor, refusal_ground="Secret")
    refusal = Notification.objects.filter(user=colleague, params__to_status="refused")
    fresh = render(refusal.get(), "en").text
    assert "You may complain to" in fresh and "closed on" not in fresh

    refusal.delete()
    with time_machine.travel(at(D(2026, 2, 2)), tick=False):
        late = sent(org, editor, D(2026, 1, 30), followers=[colleague])
    with time_machine.travel(at(D(2026, 6, 1)), tick=False):  # logged months later
        step(late, "refused", D(2026, 2, 9), actor=editor, refusal_ground="Secret")
    text = render(refusal.get(), "en").text
    assert "The appeal window closed on" in text and "You may complain" not in text


def test_a_date_ending_a_sentence_has_one_full_stop_in_every_language(awaiting):
    for language in ("mk", "sr-latn", "sr", "bs", "sq", "en"):
        info_request = InfoRequest.objects.select_related("law", "authority").get(pk=awaiting.pk)
        reminder = Reminder(request=info_request, kind="due_soon", due_on=D(2026, 2, 18))
        params = reminder_params(reminder, D(2026, 2, 13))
        message = render(Notification(kind="due_soon", params=params), language)
        assert ".." not in message.subject + message.text.replace("...", ""), language
