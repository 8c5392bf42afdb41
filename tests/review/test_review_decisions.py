"""The review service: the only writer of review_status, with its publication rules."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from procurement.awards.selectors import public
from procurement.models import AuditLog, ReviewDecision, ReviewStatus
from procurement.review.services.decisions import review_bulk, review_transition
from tests.factories import AwardFactory, ContractFactory, ProcessFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]

U, V, P = ReviewStatus.UNVERIFIED, ReviewStatus.VERIFIED, ReviewStatus.PUBLISHED


@pytest.fixture
def unverified():
    process = ProcessFactory(review_status=U)
    award = AwardFactory(process=process, review_status=U, title="Cameras from Huawei")
    contract = ContractFactory(award=award, review_status=U)
    return process, award, contract


def refreshed(*records):
    for record in records:
        record.refresh_from_db()


def test_verify_then_publish_an_award_publishes_its_process_with_it(people, unverified):
    process, award, _contract = unverified
    review_transition(kind="award", pk=award.pk, action="verify", actor=people.reviewer)
    assert not public.published_awards().filter(pk=award.pk).exists()
    review_transition(kind="award", pk=award.pk, action="publish", actor=people.reviewer)
    refreshed(process, award)
    assert award.review_status == P and award.published_at is not None
    assert process.review_status == P and process.published_at is not None
    assert public.award_for_page(award.pk) == award
    decisions = ReviewDecision.objects.order_by("id")
    assert [(d.award_id, d.process_id, d.from_status, d.to_status) for d in decisions] == [
        (award.pk, None, U, V),
        (None, process.pk, U, P),
        (award.pk, None, V, P),
    ]
    assert "Published with its award" in decisions[1].note
    actions = list(AuditLog.objects.order_by("id").values_list("action", "object_type"))
    assert actions == [
        ("review.verify", "award"),
        ("review.publish", "procurementprocess"),
        ("review.publish", "award"),
    ]
    assert award.history.first().history_user == people.reviewer


def test_only_reviewers_and_staff_decide(people, unverified):
    _process, award, _contract = unverified
    for user in (people.admin_a, people.member_b):
        with pytest.raises(PermissionDenied):
            review_transition(kind="award", pk=award.pk, action="verify", actor=user)
    review_transition(kind="award", pk=award.pk, action="verify", actor=people.staff)
    refreshed(award)
    assert award.review_status == V
    assert ReviewDecision.objects.count() == 1


def test_unverified_is_never_published_directly(people, unverified):
    _process, award, _contract = unverified
    with pytest.raises(ValidationError, match="not possible"):
        review_transition(kind="award", pk=award.pk, action="publish", actor=people.reviewer)
    refreshed(award)
    assert award.review_status == U and not ReviewDecision.objects.exists()


def test_reject_needs_a_reason_and_keeps_it(people, unverified):
    _process, award, _contract = unverified
    with pytest.raises(ValidationError, match="needs a reason"):
        review_transition(kind="award", pk=award.pk, action="reject", actor=people.reviewer)
    review_transition(
        kind="award", pk=award.pk, action="reject", actor=people.reviewer, note="No source."
    )
    decision = ReviewDecision.objects.get()
    assert (decision.to_status, decision.note) == (ReviewStatus.REJECTED, "No source.")


def test_a_contract_is_published_only_under_a_published_award(people, unverified):
    _process, award, contract = unverified
    review_transition(kind="contract", pk=contract.pk, action="verify", actor=people.reviewer)
    with pytest.raises(ValidationError, match="publish its award first"):
        review_transition(kind="contract", pk=contract.pk, action="publish", actor=people.reviewer)
    for action in ("verify", "publish"):
        review_transition(kind="award", pk=award.pk, action=action, actor=people.reviewer)
    review_transition(kind="contract", pk=contract.pk, action="publish", actor=people.reviewer)
    refreshed(contract)
    assert contract.review_status == P


def test_an_award_of_a_rejected_process_cannot_be_published(people, unverified):
    process, award, _contract = unverified
    review_transition(
        kind="process", pk=process.pk, action="reject", actor=people.reviewer, note="Duplicate."
    )
    review_transition(kind="award", pk=award.pk, action="verify", actor=people.reviewer)
    with pytest.raises(ValidationError, match="its process was rejected"):
        review_transition(kind="award", pk=award.pk, action="publish", actor=people.reviewer)


def test_nothing_leaves_the_public_site_while_something_under_it_is_published(people):
    award = AwardFactory()  # published, with a published process
    ContractFactory(award=award)
    with pytest.raises(ValidationError, match="contracts are published"):
        review_transition(kind="award", pk=award.pk, action="unpublish", actor=people.reviewer)
    with pytest.raises(ValidationError, match="awards are published"):
        review_transition(
            kind="process",
            pk=award.process_id,
            action="send_back",
            actor=people.reviewer,
            note="Wrong buyer.",
        )


def test_sending_back_a_published_award_takes_it_off_the_public_site(people):
    award = AwardFactory()
    review_transition(
        kind="award", pk=award.pk, action="send_back", actor=people.reviewer, note="Wrong value."
    )
    refreshed(award)
    assert award.review_status == U and award.published_at is None
    assert not public.published_awards().filter(pk=award.pk).exists()


def test_bulk_is_all_or_nothing_and_names_every_refusal(people):
    fine = [AwardFactory(review_status=U) for _ in range(2)]
    published = AwardFactory(title="Already public")
    rejected = AwardFactory(title="Thrown out", review_status=ReviewStatus.REJECTED)
    with pytest.raises(ValidationError) as error:
        review_bulk(
            kind="award",
            ids=[a.pk for a in [*fine, published, rejected]],
            action="verify",
            actor=people.reviewer,
        )
    messages = error.value.messages
    assert len(messages) == 2
    assert messages[0].startswith("Already public:") and messages[1].startswith("Thrown out:")
    assert not ReviewDecision.objects.exists() and not AuditLog.objects.exists()
    assert all(
        a.review_status == U for a in type(fine[0]).objects.filter(pk__in=[f.pk for f in fine])
    )

    rows = review_bulk(
        kind="award", ids=[a.pk for a in fine], action="verify", actor=people.reviewer
    )
    assert {r.review_status for r in rows} == {V}
    assert ReviewDecision.objects.filter(to_status=V).count() == 2


def test_bulk_refuses_missing_rows_and_unknown_kinds(people):
    award = AwardFactory(review_status=U)
    with pytest.raises(ValidationError, match="no longer exist"):
        review_bulk(
            kind="award", ids=[award.pk, award.pk + 1000], action="verify", actor=people.reviewer
        )
    with pytest.raises(ValidationError, match="Unknown kind"):
        review_bulk(kind="agreement", ids=[1], action="verify", actor=people.reviewer)
    with pytest.raises(ValidationError, match="at least one"):
        review_bulk(kind="award", ids=[], action="verify", actor=people.reviewer)
