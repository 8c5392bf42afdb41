"""Issue 13, the law as written, on requests: each rule through the workflow, the stored
deadlines, the filters, the reminders and the pages.

Sources: tests/fixtures/reference/foi-laws.md, "Corrections" (the Commissioner's guidance
"Kome se žaliti" and Art. 16(3), 22, 24 of Serbia's FOI law; the Kosovo access-to-documents
portal; Montenegro's 2025 law, Sl. list CG 160/2025)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from procurement.core.notices import render
from procurement.foi.selectors.requests import (
    appeal_window_open_q,
    deadline_state,
    stored_appeal_window,
)
from procurement.foi.services.notifications import reminder_params
from procurement.models import InfoRequest, Notification, Reminder, RequestEvent
from tests.foi.builders import at, member, organisation, sent, step

pytestmark = pytest.mark.django_db
D = date
K = Reminder.Kind


def reminder_message(reminder: Reminder, today: date):
    """The reminder as it would be sent `today`, in English."""
    params = reminder_params(reminder, today)
    return render(Notification(kind=reminder.kind, params=params), "en")


@pytest.fixture
def team(reference):
    org = organisation()
    return org, member(org)


def publish(info_request: InfoRequest) -> InfoRequest:
    InfoRequest.objects.filter(pk=info_request.pk).update(
        visibility="published", published_at=timezone.now()
    )
    info_request.refresh_from_db()
    return info_request


def kinds(info_request: InfoRequest) -> set[str]:
    return set(info_request.reminders.exclude(state="cancelled").values_list("kind", flat=True))


@pytest.mark.parametrize("code", ["RS", "BA", "BA-BIH", "BA-SRP", "MK", "ME"])
def test_silence_complaint_has_no_closing_date_and_the_window_stays_open(team, code):
    """Rule 1: RS (the Commissioner: no time limit after silence), and BA, MK, ME (no source
    gives one): "you may complain from <date>; the law sets no closing date"."""
    org, editor = team
    with time_machine.travel(at(D(2026, 3, 2)), tick=False):
        info_request = sent(org, editor, D(2026, 3, 2), code=code)
    opens, closes = stored_appeal_window(info_request)
    assert closes is None and info_request.appeal_due_on is None
    assert opens == info_request.due_on + (D(2026, 1, 2) - D(2026, 1, 1))
    assert "the law sets no closing date" in info_request.deadline_explanation
    assert K.APPEAL_CLOSING not in kinds(info_request)
    for today in (opens, D(2027, 6, 30)):  # the day it opens, and long after
        assert deadline_state(info_request, today).appeal_window_open
        assert InfoRequest.objects.filter(appeal_window_open_q(today), pk=info_request.pk).exists()
    day_before = opens - (D(2026, 1, 2) - D(2026, 1, 1))
    assert not deadline_state(info_request, day_before).appeal_window_open


@pytest.mark.parametrize(
    ("code", "closes"),
    [
        ("AL", D(2026, 5, 13)),  # Art. 24: 30 working days after the deadline passes
        ("XK", D(2026, 3, 5)),  # 15 days from silence (the Agency's page)
    ],
)
def test_albania_and_kosovo_keep_their_silence_windows(team, code, closes):
    org, editor = team
    received = {"AL": D(2026, 3, 10), "XK": D(2026, 2, 10)}[code]
    with time_machine.travel(at(received), tick=False):
        info_request = sent(org, editor, received, code=code)
    assert stored_appeal_window(info_request) == (
        info_request.due_on + (D(2, 1, 2) - D(2, 1, 1)),
        closes,
    )
    assert K.APPEAL_CLOSING in kinds(info_request)
    assert not deadline_state(info_request, closes + (D(2, 1, 2) - D(2, 1, 1))).appeal_window_open


def test_request_page_shows_from_when_to_complain_and_no_closing_date(client, team):
    org, editor = team
    with time_machine.travel(at(D(2026, 1, 31)), tick=False):
        info_request = publish(sent(org, editor, D(2026, 1, 31)))
    with time_machine.travel(at(D(2026, 3, 10)), tick=False):
        html = client.get(info_request.get_absolute_url()).content.decode()
        listed = client.get(reverse("request-list"), {"appeal_window_open": "yes"})
        api = client.get(reverse("api-request-detail", args=[info_request.pk])).json()
    assert "You may complain from" in html and "Thu 19 Feb 2026" in html
    assert "the law sets no closing date" in html
    assert "Appeal window closes" not in html and "Thu 5 Mar 2026" not in html
    assert info_request.pk in {r.pk for r in listed.context["page"]}
    assert "from 19 Feb 2026, no closing date" in listed.content.decode()
    assert (api["appeal_opens_on"], api["appeal_due_on"]) == ("2026-02-19", None)
    assert api["provisional"] is False


def test_serbian_extension_announced_after_seven_days_is_accepted_but_does_not_count(team):
    """Rule 2, Art. 16(3): notice within 7 days of receipt, else the deadline stays."""
    org, editor = team
    with time_machine.travel(at(D(2026, 2, 10)), tick=False):
        late = sent(org, editor, D(2026, 1, 31))
        late = step(late, "extended", D(2026, 2, 10))
        in_time = sent(org, editor, D(2026, 1, 31))
        in_time = step(in_time, "extended", D(2026, 2, 6))
    assert late.status == "extended"  # the step is accepted
    assert late.extended_due_on is None and late.due_on == D(2026, 2, 18)
    event = late.events.get(kind=RequestEvent.Kind.STATUS, to_status="extended")
    assert "within 7 days of receipt, i.e. by Sat 7 Feb 2026" in event.note
    assert "Art. 16(3)" in event.note
    assert in_time.extended_due_on == D(2026, 3, 12)  # 40 days from receipt
    assert not in_time.events.get(kind="status", to_status="extended").note


def test_kosovo_extension_is_fifteen_days_in_total(team):
    """Rule 3: 7 days, or 15 days in total when the body announces it needs more time."""
    org, editor = team
    with time_machine.travel(at(D(2026, 2, 12)), tick=False):
        info_request = sent(org, editor, D(2026, 2, 10), code="XK")
        info_request = step(info_request, "extended", D(2026, 2, 12))
    assert info_request.extended_due_on == D(2026, 2, 25)


@pytest.mark.parametrize(
    ("code", "received", "appealed", "decide_by"),
    [
        ("RS", D(2026, 1, 31), D(2026, 3, 2), D(2026, 4, 1)),  # 30 days (Art. 24(1))
        ("ME", D(2026, 1, 30), D(2026, 3, 2), D(2026, 3, 17)),  # the Agency: 15 days (M)
    ],
)
def test_appeal_bodies_decide_in_their_own_period_and_overdue_reminders_fire(
    team, code, received, appealed, decide_by
):
    """Rule 4: Serbia's Commissioner 30 days, Montenegro's Agency 15 days."""
    org, editor = team
    with time_machine.travel(at(appealed), tick=False):
        info_request = sent(org, editor, received, code=code)
        info_request = step(info_request, "appealed", appealed)
    assert info_request.appeal_decision_due_on == decide_by
    reminder = info_request.reminders.get(kind=K.APPEAL_DECISION_OVERDUE)
    assert reminder.due_on == decide_by and reminder.state == "pending"
    assert timezone.localdate(reminder.send_at) == decide_by + (D(2, 1, 2) - D(2, 1, 1))


def test_montenegro_2025_law_gives_provisional_due_dates_and_reminders(client, team):
    """Rule 5: from 2026-07-07 every request has a due date (the 2012 law's periods, labelled
    provisional on the page, in the API and in the reminders) and no secrecy exclusion."""
    org, editor = team
    with time_machine.travel(at(D(2026, 7, 8)), tick=False):
        info_request = publish(sent(org, editor, D(2026, 7, 8), code="ME"))
    assert info_request.law.short_name == "FOI Law of Montenegro (2025)"
    assert info_request.due_on == D(2026, 7, 31)  # 15 working days, skipping 13–14 Jul
    assert "Provisional" in info_request.deadline_explanation
    assert {K.DUE_SOON, K.OVERDUE} <= kinds(info_request)
    label = "provisional: the 2025 law's period is not confirmed"
    assert info_request.law.provisional_label == label
    assert not info_request.law.classified_outside_law
    assert "outside the law" not in info_request.law.classified_note
    with time_machine.travel(at(D(2026, 7, 20)), tick=False):
        html = client.get(info_request.get_absolute_url()).content.decode()
        api = client.get(reverse("api-request-detail", args=[info_request.pk])).json()
    assert label.replace("'", "&#x27;") in html
    assert api["provisional"] is True and api["due_on"] == "2026-07-31"
    reminder = info_request.reminders.get(kind=K.DUE_SOON)
    text = reminder_message(reminder, D(2026, 7, 28)).text
    assert "Provisional: the 2025 law's period is not confirmed." in text
    from procurement.foi.selectors.calendar import organisation_deadlines

    (entry,) = organisation_deadlines(org.pk, D(2026, 7, 1), D(2026, 7, 31))
    assert entry.day == D(2026, 7, 31) and entry.label == "answer due (provisional)"


def test_recompute_deadlines_corrects_requests_stored_under_the_old_rules(team):
    """After the release: a request stored with an invented silence closing date loses it."""
    from io import StringIO

    from django.core.management import call_command

    org, editor = team
    with time_machine.travel(at(D(2026, 1, 31)), tick=False):
        info_request = sent(org, editor, D(2026, 1, 31))
    InfoRequest.objects.filter(pk=info_request.pk).update(
        appeal_opens_on=None, appeal_due_on=D(2026, 3, 5)
    )
    with time_machine.travel(at(D(2026, 2, 20)), tick=False):
        call_command("recompute_deadlines", stdout=StringIO())
        call_command("recompute_deadlines", stdout=StringIO())  # idempotent
    info_request.refresh_from_db()
    assert (info_request.appeal_opens_on, info_request.appeal_due_on) == (D(2026, 2, 19), None)
    events = info_request.events.filter(kind="deadline")
    assert events.count() == 1 and "appeal window closes: Thu 5 Mar 2026 → —" in events[0].note


def test_serbias_six_top_bodies_go_to_the_administrative_court_not_the_commissioner(client, team):
    """Art. 22(2): against the National Assembly, the President, the Government, the Supreme
    Court, the Constitutional Court and the Republic Public Prosecutor there is no complaint to
    the Commissioner — an action at the Administrative Court. No Commissioner letter is drafted."""
    from procurement.foi.selectors.requests import appeal_addressee, letters_for
    from procurement.foi.services.requests import create_request, mark_sent
    from procurement.models import Jurisdiction
    from tests.factories import AuthorityFactory

    org, editor = team
    serbia = Jurisdiction.objects.get(code="RS")
    made = {}
    with time_machine.travel(at(D(2026, 1, 31)), tick=False):
        for name in ("Влада Републике Србије", "Ministarstvo finansija"):
            draft = create_request(
                organisation=org,
                authority=AuthorityFactory(jurisdiction=serbia, name=name),
                subject=f"Contracts of {name}",
                text="Please send the contracts.",
                actor=editor,
            )
            made[name] = publish(
                mark_sent(request_id=draft.pk, actor=editor, sent_on=D(2026, 1, 31))
            )
    government, ministry = made["Влада Републике Србије"], made["Ministarstvo finansija"]
    today = D(2026, 3, 2)  # both overdue since 18 Feb
    assert "Administrative Court" in appeal_addressee(government)
    assert appeal_addressee(ministry).startswith("Commissioner for Information")
    # Letters issue: the complaint against a top body is the court action, never the
    # Commissioner's complaint.
    complaints = [lt for lt in letters_for(government, today) if lt.kind != "reminder"]
    assert complaints and {lt.route for lt in complaints} == {"court"}
    assert all(
        lt.body.splitlines()[0]
        in (
            "Primalac: Upravni sud",
            "Прималац: Управни суд",
            "To: Administrative Court (Upravni sud)",
        )
        for lt in complaints
    )
    assert "complaint_silence" in {letter.kind for letter in letters_for(ministry, today)}
    with time_machine.travel(at(today), tick=False):
        html = client.get(government.get_absolute_url()).content.decode()
    assert "Administrative Court (Upravni sud)" in html and "Art. 22(2)" in html
    assert "Commissioner for Information" not in html
    overdue = government.reminders.get(kind=K.OVERDUE)
    text = reminder_message(overdue, today).text
    assert "Administrative Court" in text and "Commissioner for Information" not in text
