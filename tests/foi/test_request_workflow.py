"""The workflow service: the only writer of status — checks, events, deadlines, reminders,
notifications; a step that fails changes nothing."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from procurement.core.notices import render
from procurement.foi.rules.workflow import TransitionError
from procurement.foi.services.requests import (
    discard_draft,
    follow_request,
    record_receipt,
    unfollow_request,
)
from procurement.models import (
    Document,
    InfoRequest,
    Membership,
    Notification,
    Reminder,
    RequestEvent,
)
from tests.foi.builders import (
    CLASSIFIED_FACTS,
    at,
    authority,
    draft,
    member,
    organisation,
    sent,
    step,
)

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def org(reference):
    return organisation()


@pytest.fixture
def editor(org):
    return member(org)


def snapshot(info_request: InfoRequest) -> tuple:
    info_request.refresh_from_db()
    return (
        info_request.status,
        info_request.due_on,
        info_request.appeal_due_on,
        info_request.events.count(),
        sorted(info_request.reminders.values_list("kind", "state")),
        Notification.objects.count(),
    )


def test_create_request_makes_a_followed_draft_under_the_authoritys_law(org, editor):
    info_request = draft(org, editor)
    assert info_request.status == "draft" and info_request.law.jurisdiction.code == "RS"
    assert list(info_request.followers.all()) == [editor]
    assert info_request.events.get().kind == "created"
    assert info_request.due_on is None and not info_request.reminders.exists()


def test_only_editors_of_the_organisation_record_steps(org, editor):
    reader = member(org, role=Membership.Role.MEMBER)
    outsider = member(organisation())
    with pytest.raises(PermissionDenied):
        draft(org, outsider)
    info_request = draft(org, editor)
    for person in (reader, outsider):
        with pytest.raises(PermissionDenied):
            step(info_request, "sent", D(2026, 1, 30), actor=person)
    assert snapshot(info_request)[0] == "draft"


def test_authority_without_jurisdiction_is_a_clear_error(org, editor):
    nowhere = authority()
    nowhere.jurisdiction = None
    nowhere.save()
    from procurement.foi.services.requests import create_request

    with pytest.raises(ValidationError) as caught:
        create_request(organisation=org, authority=nowhere, subject="x", text="y", actor=editor)
    assert "authority" in caught.value.message_dict
    assert not InfoRequest.objects.exists()


@time_machine.travel(at(D(2026, 2, 2)), tick=False)
def test_sending_computes_deadlines_with_explanation_and_plans_reminders(org, editor):
    info_request = sent(org, editor, D(2026, 1, 30), received_on=D(2026, 1, 31))
    assert info_request.status == "sent"
    assert info_request.due_on == D(2026, 2, 18)
    # A complaint about silence: from Thu 19 Feb, with no closing date (issue 13).
    assert (info_request.appeal_opens_on, info_request.appeal_due_on) == (D(2026, 2, 19), None)
    assert "Sun 15 Feb 2026 (Statehood Day)" in info_request.deadline_explanation
    event = info_request.events.get(kind="status")
    assert (event.from_status, event.to_status, event.actor) == ("draft", "sent", editor)
    assert event.data["received_on"] == "2026-01-31"
    reminders = {r.kind: r for r in info_request.reminders.all()}
    assert set(reminders) == {"due_soon", "overdue"}  # no "appeal closing": no closing date
    # Three working days before Wed 18 Feb (16–17 Feb are holidays): Wed 11 Feb, 08:00.
    assert reminders["due_soon"].send_at == at(D(2026, 2, 11), 8)
    assert reminders["overdue"].send_at == at(D(2026, 2, 19), 8)


@time_machine.travel(at(D(2026, 2, 2)), tick=False)
def test_without_a_receipt_date_the_deadline_runs_from_the_day_sent(org, editor):
    info_request = sent(org, editor, D(2026, 1, 31))
    assert info_request.due_on == D(2026, 2, 18)
    assert info_request.deadline_explanation.startswith("The day of receipt is not recorded")
    record_receipt(request_id=info_request.pk, actor=editor, received_on=D(2026, 2, 2))
    info_request.refresh_from_db()
    assert info_request.due_on == D(2026, 2, 17 + 1)  # 17 Feb is a holiday → Wed 18 Feb
    assert info_request.events.filter(kind="deadline").exists()


@time_machine.travel(at(D(2026, 2, 2)), tick=False)
def test_invalid_transition_names_the_allowed_ones_and_changes_nothing(org, editor):
    info_request = sent(org, editor, D(2026, 1, 30), received_on=D(2026, 1, 31))
    before = snapshot(info_request)
    with pytest.raises(TransitionError) as caught:
        step(info_request, "appeal_decided", D(2026, 2, 1), appeal_outcome="upheld")
    assert "Allowed from “sent”: acknowledged, extended, answered" in caught.value.messages[0]
    assert snapshot(info_request) == before


@time_machine.travel(at(D(2026, 3, 1)), tick=False)
def test_classified_needs_its_facts_and_a_failed_step_changes_nothing(org, editor):
    info_request = sent(org, editor, D(2026, 1, 30), received_on=D(2026, 1, 31))
    before = snapshot(info_request)
    with pytest.raises(ValidationError) as caught:
        step(info_request, "classified", D(2026, 2, 10), classification_level="POVERLJIVO")
    assert set(caught.value.message_dict) == {"classification_article", "harm_test_given"}
    with pytest.raises(ValidationError) as caught:
        step(info_request, "answered", D(2026, 1, 29))  # before it was sent
    assert "before the request was sent" in caught.value.message_dict["on"][0]
    with pytest.raises(ValidationError):
        step(info_request, "refused", D(2026, 2, 10), refusal_ground="x" * 5, appeal_outcome="x")
    with pytest.raises(ValidationError) as caught:
        step(info_request, "acknowledged", D(2026, 2, 2), note="n" * 10001)
    assert "at most 10000" in caught.value.message_dict["note"][0]
    with pytest.raises(ValidationError) as caught:
        step(info_request, "acknowledged", D(2026, 2, 2), reference_number="r" * 101)
    assert "reference_number" in caught.value.message_dict  # the model's own limits too
    with pytest.raises(TransitionError):
        step(info_request, "lost_in_the_post", D(2026, 2, 2))
    assert snapshot(info_request) == before


@time_machine.travel(at(D(2026, 2, 20)), tick=False)
def test_classified_refusal_in_serbia_plans_the_classified_reminder_and_appeal(org, editor):
    info_request = sent(org, editor, D(2026, 1, 30), received_on=D(2026, 1, 31))
    info_request = step(info_request, "classified", D(2026, 2, 16), **CLASSIFIED_FACTS)
    assert info_request.decision_delivered_on == D(2026, 2, 16)
    assert info_request.appeal_due_on == D(2026, 3, 3)  # 15 days from delivery
    pending = set(info_request.reminders.filter(state="pending").values_list("kind", "due_on"))
    assert pending == {("classified", D(2026, 2, 16)), ("appeal_closing", D(2026, 3, 3))}
    cancelled = set(info_request.reminders.filter(state="cancelled").values_list("kind", flat=True))
    # Recorded after the deadline: no "due soon" was planned; the silence complaint has no
    # closing date in Serbia, so it never had an "appeal closing" reminder.
    assert cancelled == {"overdue"}
    classified = info_request.reminders.get(kind="classified")
    assert classified.due_on == D(2026, 2, 16) and classified.send_at <= at(D(2026, 2, 20))
    cancelled = info_request.reminders.get(kind="overdue")
    assert "classified" in cancelled.cancel_reason


@time_machine.travel(at(D(2026, 3, 25)), tick=False)
def test_montenegro_classified_refusal_closes_the_agency_route(org, editor):
    info_request = sent(org, editor, D(2026, 3, 2), code="ME")
    info_request = step(info_request, "classified", D(2026, 3, 20), **CLASSIFIED_FACTS)
    assert info_request.appeal_due_on is None
    assert "does not apply to classified information" in info_request.deadline_explanation
    assert set(info_request.reminders.filter(state="pending").values_list("kind", flat=True)) == {
        "classified"
    }


@time_machine.travel(at(D(2026, 2, 12)), tick=False)
def test_extension_reschedules_the_reminders(org, editor):
    info_request = sent(org, editor, D(2026, 1, 30), received_on=D(2026, 1, 31))
    info_request = step(info_request, "extended", D(2026, 2, 6))  # within 7 days (Art. 16(3))
    assert info_request.due_on == D(2026, 2, 18)
    assert info_request.extended_due_on == D(2026, 3, 12)
    pending = dict(info_request.reminders.filter(state="pending").values_list("kind", "due_on"))
    assert pending["due_soon"] == D(2026, 3, 12) and pending["overdue"] == D(2026, 3, 12)
    old = info_request.reminders.get(kind="due_soon", due_on=D(2026, 2, 18))
    assert old.state == "cancelled"


@time_machine.travel(at(D(2026, 2, 10)), tick=False)
def test_answered_before_the_deadline_cancels_every_reminder(org, editor):
    info_request = sent(org, editor, D(2026, 1, 30), received_on=D(2026, 1, 31))
    info_request = step(info_request, "answered", D(2026, 2, 9), note="All contracts sent.")
    assert not info_request.reminders.filter(state="pending").exists()
    assert info_request.appeal_due_on is None
    withdrawn = sent(org, editor, D(2026, 2, 2))
    withdrawn = step(withdrawn, "withdrawn", D(2026, 2, 10))
    assert set(withdrawn.reminders.values_list("state", flat=True)) == {"cancelled"}


@time_machine.travel(at(D(2026, 3, 2)), tick=False)
def test_appeal_path_to_the_albanian_commissioner(org, editor):
    info_request = sent(org, editor, D(2026, 3, 10 - 8), code="AL", received_on=D(2026, 3, 2))
    with pytest.raises(ValidationError, match="only after the deadline"):
        step(info_request, "appealed", D(2026, 3, 2))
    with time_machine.travel(at(D(2026, 4, 10)), tick=False):
        info_request = step(info_request, "appealed", D(2026, 3, 30), appeal_reference="K-17")
        assert info_request.appeal_decision_due_on == D(2026, 4, 22)
        overdue = info_request.reminders.get(kind="appeal_decision_overdue")
        assert overdue.send_at == at(D(2026, 4, 23), 8) and overdue.state == "pending"
        with pytest.raises(ValidationError) as caught:
            step(info_request, "appeal_decided", D(2026, 4, 9))
        assert "appeal_outcome" in caught.value.message_dict
        info_request = step(info_request, "appeal_decided", D(2026, 4, 9), appeal_outcome="upheld")
        assert info_request.appeal_outcome == "upheld"
        assert not info_request.reminders.filter(state="pending").exists()


@time_machine.travel(at(D(2026, 2, 10)), tick=False)
def test_followers_are_notified_of_a_status_change_but_not_the_actor_or_outsiders(org, editor):
    colleague = member(org, role=Membership.Role.MEMBER)
    former = member(org)
    info_request = sent(org, editor, D(2026, 1, 30), followers=[colleague, former])
    Membership.objects.filter(user=former).delete()  # left the organisation
    step(info_request, "acknowledged", D(2026, 2, 3), actor=editor, reference_number="07-12/26")
    notes = list(Notification.objects.filter(kind="status"))
    assert [n.user for n in notes if "acknowledged" in render(n, "en").subject] == [colleague]
    assert "Answer due: Wednesday 18 February 2026" in render(notes[0], "en").text


@time_machine.travel(at(D(2026, 2, 10)), tick=False)
def test_documents_attach_to_the_step_and_foreign_ones_are_refused(org, editor):
    info_request = sent(org, editor, D(2026, 1, 30))
    other = sent(org, editor, D(2026, 1, 30))
    own = Document.objects.create(title="Answer", url="https://example.org/a", request=info_request)
    foreign = Document.objects.create(title="Other", url="https://example.org/b", request=other)
    before = snapshot(info_request)
    with pytest.raises(ValidationError, match="do not belong"):
        step(info_request, "answered", D(2026, 2, 9), document_ids=[own.pk, foreign.pk])
    assert snapshot(info_request) == before
    step(info_request, "answered", D(2026, 2, 9), document_ids=[own.pk])
    own.refresh_from_db()
    assert own.event.to_status == "answered"


def test_discard_only_drafts(org, editor):
    info_request = draft(org, editor)
    discard_draft(request_id=info_request.pk, actor=editor)
    assert not InfoRequest.objects.exists()
    with time_machine.travel(at(D(2026, 2, 10)), tick=False):
        kept = sent(org, editor, D(2026, 2, 2))
        with pytest.raises(ValidationError):
            discard_draft(request_id=kept.pk, actor=editor)
    assert InfoRequest.objects.filter(pk=kept.pk).exists()


def test_follow_needs_visibility(org, editor):
    info_request = draft(org, editor)
    outsider = member(organisation())
    with pytest.raises(PermissionDenied):
        follow_request(request_id=info_request.pk, user=outsider)
    reader = member(org, role=Membership.Role.MEMBER)
    follow_request(request_id=info_request.pk, user=reader)
    assert reader in info_request.followers.all()
    unfollow_request(request_id=info_request.pk, user=reader)
    assert reader not in info_request.followers.all()


def test_year_only_history_computes_no_deadlines(org, editor):
    info_request = draft(org, editor)
    step(info_request, "sent", D(2019, 1, 1), precision="year")
    info_request = step(
        info_request,
        "classified",
        D(2019, 1, 1),
        precision="year",
        classification_level="secret",
    )
    assert info_request.due_on is None and info_request.deadline_explanation == ""
    assert not info_request.reminders.exists()
    assert (
        RequestEvent.objects.filter(request=info_request, data__date_precision="year").count() == 2
    )


def test_reminder_rows_are_unique_per_request_kind_and_due_date(org, editor):
    from django.db import IntegrityError, transaction

    with time_machine.travel(at(D(2026, 2, 2)), tick=False):
        info_request = sent(org, editor, D(2026, 1, 31))
    row = Reminder.objects.filter(request=info_request).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(
            request=info_request, kind=row.kind, due_on=row.due_on, send_at=row.send_at
        )
