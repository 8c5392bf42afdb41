"""The allowed-transition table and the facts each step must record (pure)."""

from datetime import date

import pytest

from procurement.foi.rules import workflow
from procurement.models import RequestStatus as S

TODAY = date(2026, 3, 1)


def test_every_status_has_a_row_and_targets_are_statuses():
    assert set(workflow.TRANSITIONS) == set(S.values)
    for targets in workflow.TRANSITIONS.values():
        assert set(targets) <= set(S.values)


def test_every_status_is_reachable_from_a_draft():
    seen, todo = {S.DRAFT}, [S.DRAFT]
    while todo:
        for target in workflow.TRANSITIONS[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    assert seen == set(S.values)


def test_terminal_statuses_and_drafts():
    assert workflow.allowed_transitions(S.CLOSED) == ()
    assert workflow.allowed_transitions(S.WITHDRAWN) == ()
    assert workflow.allowed_transitions(S.DRAFT) == (S.SENT,)


def test_invalid_transition_names_the_allowed_ones():
    with pytest.raises(workflow.TransitionError) as caught:
        workflow.check_transition(S.DRAFT, S.ANSWERED)
    message = caught.value.messages[0]
    assert "from “draft” to “answered”" in message
    assert "Allowed from “draft”: sent." in message
    assert caught.value.allowed == (S.SENT,)


def test_transition_from_a_closed_request_says_it_cannot_change():
    with pytest.raises(workflow.TransitionError, match="cannot change any more"):
        workflow.check_transition(S.CLOSED, S.APPEALED)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.SENT, S.CLASSIFIED),
        (S.CLASSIFIED, S.APPEALED),
        (S.APPEALED, S.APPEAL_DECIDED),
        (S.APPEAL_DECIDED, S.COMPLIED),
        (S.REFUSED, S.ANSWERED),
        (S.EXTENDED, S.APPEALED),
    ],
)
def test_allowed_transitions(current, target):
    workflow.check_transition(current, target)


def errors(target, on, facts=None, precise=True, **request):
    return workflow.fact_errors(
        target=target, on=on, facts=facts or {}, request=request, today=TODAY, precise=precise
    )


def test_a_classified_refusal_must_record_level_article_and_harm_test():
    found = errors(S.CLASSIFIED, date(2026, 2, 20), sent_on=date(2026, 2, 1))
    assert set(found) == {"classification_level", "classification_article", "harm_test_given"}
    complete = {
        "classification_level": "STROGO POVERLJIVO",
        "classification_article": "Art. 9(5)",
        "harm_test_given": False,  # "no test given" is a fact, not a missing one
    }
    assert errors(S.CLASSIFIED, date(2026, 2, 20), complete, sent_on=date(2026, 2, 1)) == {}


def test_historical_steps_may_lack_facts_the_source_does_not_give():
    facts = {"classification_level": "secret"}
    assert errors(S.CLASSIFIED, date(2019, 1, 1), facts, precise=False) == {}


def test_dates_must_be_in_order_and_not_in_the_future():
    sent = date(2026, 2, 10)
    assert "on" in errors(S.ANSWERED, date(2026, 2, 9), sent_on=sent)
    assert "on" in errors(S.ANSWERED, date(2026, 3, 2), sent_on=sent)  # after today
    later = errors(S.ANSWERED, date(2026, 2, 12), sent_on=sent, last_step_on=date(2026, 2, 14))
    assert "before the previous step" in later["on"][0]
    received = errors(S.SENT, sent, {"received_on": date(2026, 2, 9)})
    assert received == {"received_on": ["Received before it was sent."]}


def test_appeal_against_silence_only_after_the_deadline():
    request = {
        "status": S.SENT,
        "sent_on": date(2026, 1, 31),
        "effective_due_on": date(2026, 2, 18),
    }
    early = errors(S.APPEALED, date(2026, 2, 18), **request)
    assert "only after the deadline" in early["on"][0]
    assert errors(S.APPEALED, date(2026, 2, 19), **request) == {}


def test_appeal_decided_needs_the_outcome_and_a_later_date():
    request = {"sent_on": date(2026, 1, 5), "appealed_on": date(2026, 2, 10)}
    found = errors(S.APPEAL_DECIDED, date(2026, 2, 9), **request)
    assert set(found) == {"on", "appeal_outcome"}
    assert (
        errors(S.APPEAL_DECIDED, date(2026, 2, 20), {"appeal_outcome": "upheld"}, **request) == {}
    )


def test_facts_a_step_does_not_record_are_refused():
    found = errors(S.ANSWERED, date(2026, 2, 20), {"appeal_outcome": "upheld"})
    assert "does not record" in found["appeal_outcome"][0]
