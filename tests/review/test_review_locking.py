"""Two reviewers deciding on the same record at once: the second waits, then sees the first's
decision (the service locks the row before it checks the transition)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from procurement.models import Award, ReviewDecision, ReviewStatus
from procurement.review.services.decisions import review_transition
from tests.factories import AwardFactory
from tests.people import make_people
from tests.processes import wait_until

pytestmark = [
    pytest.mark.postgres_only,  # needs pg_stat_activity to see that the second one waits
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference"),
]


def test_a_second_decision_waits_for_the_first_and_then_is_refused():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are observed through PostgreSQL's pg_stat_activity")
    people = make_people()
    award = AwardFactory(review_status=ReviewStatus.UNVERIFIED)
    locked, release, outcome = threading.Event(), threading.Event(), {}

    def first_reviewer():
        try:
            with transaction.atomic():
                Award.objects.select_for_update().get(pk=award.pk)
                locked.set()
                release.wait(60)
                Award.objects.filter(pk=award.pk).update(review_status=ReviewStatus.VERIFIED)
        finally:
            connections.close_all()

    def second_reviewer():
        try:
            review_transition(kind="award", pk=award.pk, action="verify", actor=people.reviewer)
            outcome["result"] = "verified"
        except ValidationError as error:
            outcome["result"] = " ".join(error.messages)
        finally:
            connections.close_all()

    first = threading.Thread(target=first_reviewer)
    first.start()
    assert locked.wait(30)
    second = threading.Thread(target=second_reviewer)
    second.start()
    try:
        wait_until(
            lambda: _waiting_for_a_lock(),
            timeout=30,
            what="the second decision to wait for the row lock",
        )
    finally:
        release.set()
        first.join(60)
        second.join(60)
    assert "not possible for a record that is verified" in outcome["result"]
    assert not ReviewDecision.objects.exists()


def _waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0
