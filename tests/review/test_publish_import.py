"""Publishing a whole import (issue 15): the import's review page (summary, flags, failures,
a sample), then one decision that verifies and publishes every record of the run still
waiting — processes (tender-only too), awards, then contracts — recorded per record in the
review history with the reviewer."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from procurement.models import (
    AuditLog,
    Award,
    Contract,
    ImportRun,
    Organisation,
    ProcurementProcess,
    RedFlag,
    ReviewDecision,
    ReviewStatus,
)
from procurement.review.services.decisions import review_transition
from procurement.review.services.imports import publish_import
from tests.factories import UserFactory
from tests.ocds.real import PY_RELEASES, UK, import_real, reviewer

pytestmark = pytest.mark.django_db

PUBLISHED = ReviewStatus.PUBLISHED


@pytest.fixture
def run():
    """Paraguay's release package: 11 processes (one tender-only, one whose award release is
    missing), 9 awards, 14 contracts — one contract release failed."""
    return import_real(PY_RELEASES, "PY")


def statuses(model) -> set[str]:
    return set(model.objects.values_list("review_status", flat=True))


def test_one_decision_publishes_every_record_of_the_run(run):
    actor = reviewer()
    before = ReviewDecision.objects.count()

    done = publish_import(run_id=run.pk, actor=actor, note="Checked against DNCP's site.")

    total = (ProcurementProcess.objects.count(), Award.objects.count(), Contract.objects.count())
    assert (done.processes, done.awards, done.contracts) == total == (11, 9, 14)
    assert statuses(ProcurementProcess) == statuses(Award) == statuses(Contract) == {PUBLISHED}
    tender_only = ProcurementProcess.objects.filter(awards__isnull=True)
    assert tender_only.count() == 2 and set(
        tender_only.values_list("review_status", flat=True)
    ) == {PUBLISHED}
    decisions = ReviewDecision.objects.all()
    assert decisions.count() - before == sum(total)
    assert {(d.reviewer_id, d.from_status, d.to_status, d.note) for d in decisions} == {
        (actor.pk, "unverified", PUBLISHED, "Checked against DNCP's site.")
    }
    audit = AuditLog.objects.get(action="review.publish_import")
    assert (audit.actor, audit.object_id, audit.details["contracts"]) == (actor, str(run.pk), 14)
    # publication rules hold: every published contract is under a published award
    assert not Contract.objects.filter(review_status=PUBLISHED).exclude(
        award__review_status=PUBLISHED
    )


def test_what_a_reviewer_rejected_stays_rejected_with_everything_under_it(run):
    actor = reviewer()
    award = Award.objects.filter(contracts__isnull=False).first()
    review_transition(kind="award", pk=award.pk, action="reject", actor=actor, note="Wrong buyer")
    published = Award.objects.exclude(pk=award.pk).first()
    review_transition(kind="award", pk=published.pk, action="verify", actor=actor)

    done = publish_import(run_id=run.pk, actor=actor)

    award.refresh_from_db()
    assert award.review_status == ReviewStatus.REJECTED
    assert not award.contracts.filter(review_status=PUBLISHED).exists()
    assert done.awards == 8 and done.contracts == 14 - award.contracts.count()
    decision = ReviewDecision.objects.filter(award=published).latest("pk")
    assert (decision.from_status, decision.to_status) == ("verified", PUBLISHED)
    # a second decision finds nothing left to publish
    again = publish_import(run_id=run.pk, actor=actor)
    assert (again.processes, again.awards, again.contracts) == (0, 0, 0)


def test_only_reviewers_publish_and_only_finished_imports(run):
    with pytest.raises(PermissionDenied):
        publish_import(run_id=run.pk, actor=UserFactory())
    dry = ImportRun.objects.create(source_name="x.json", dry_run=True, status="succeeded")
    with pytest.raises(ValidationError):
        publish_import(run_id=dry.pk, actor=reviewer())
    assert statuses(Award) == {ReviewStatus.UNVERIFIED}


def test_the_review_page_summarises_then_publishes(client, run, django_assert_max_num_queries):
    RedFlag.objects.create(
        key="R010:process:1",
        code="R010",
        rule_version="2",
        process=ProcurementProcess.objects.first(),
        inputs={"method": "limited", "missing": ["rationale"]},
        computed_at=run.finished_at,
    )
    client.force_login(reviewer())
    url = reverse("import-review", args=[run.pk])

    with django_assert_max_num_queries(16):
        page = client.get(url)

    assert page.status_code == 200
    html = page.content.decode()
    review = page.context["review"]
    assert [row[:3] for row in review.rows] == [
        ("process", 11, 11),
        ("award", 9, 9),
        ("contract", 14, 14),
    ]
    assert review.tender_only == 2 and review.flags == [("R010", 1)]
    # a first import into an empty database: every organisation is new
    assert run.summary == {
        "organisations_new": Organisation.objects.count(),
        "organisations_matched": 0,
    }
    assert "Organisations created" in html
    assert "Verify and publish 11 processes, 9 awards and 14 contracts" in html
    assert len(review.spread_awards) == 5 and len(review.tender_only_sample) == 2
    assert reverse("review-detail", args=["award", review.spread_awards[0].pk]) in html
    assert "1 release failed" in html

    refused = client.post(url, {"note": "no confirmation"})
    assert refused.status_code == 400 and statuses(Award) == {ReviewStatus.UNVERIFIED}

    done = client.post(url, {"confirm": "on", "note": ""})
    assert done.status_code == 302
    assert statuses(Award) == statuses(Contract) == {PUBLISHED}
    assert "Nothing of this import is waiting" in client.get(url).content.decode()


def test_the_import_page_offers_the_review_of_a_finished_import(client):
    run = import_real(UK)
    client.force_login(reviewer())

    html = client.get(reverse("import-detail", args=[run.pk])).content.decode()

    assert reverse("import-review", args=[run.pk]) in html
    assert "Review and publish this import" in html
