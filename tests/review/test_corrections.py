"""Suggested corrections: anyone on what is public, resolved only by reviewers."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from procurement.models import AuditLog, ReviewStatus, SuggestedCorrection
from procurement.review.services.corrections import resolve_correction, suggest_correction
from tests.factories import AwardFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]


def suggest(award, user=None, **fields):
    values = {"suggestion": "The value was EUR 150 million.", **fields}
    return suggest_correction(kind="award", pk=award.pk, user=user or AnonymousUser(), **values)


def test_the_public_suggests_a_correction_to_a_published_award():
    award = AwardFactory()
    correction = suggest(
        award, field="value", email="reader@example.org", source_url="https://example.org/article"
    )
    assert correction.award == award and correction.state == SuggestedCorrection.State.OPEN
    assert correction.submitted_by is None and correction.submitter_email == "reader@example.org"


def test_members_write_in_the_name_of_their_own_organisation_only(people):
    award = AwardFactory()
    correction = suggest(award, user=people.member_a, organisation_id=people.org_a.pk)
    assert correction.organisation == people.org_a and correction.submitted_by == people.member_a
    assert correction.submitter_email == people.member_a.email
    with pytest.raises(PermissionDenied):
        suggest(award, user=people.member_a, organisation_id=people.org_b.pk)


def test_unpublished_records_take_no_public_suggestions(people):
    award = AwardFactory(review_status=ReviewStatus.UNVERIFIED)
    with pytest.raises(PermissionDenied):
        suggest(award)
    with pytest.raises(PermissionDenied):
        suggest(award, user=people.admin_a)
    assert suggest(award, user=people.reviewer).award == award


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"suggestion": "   "}, "Say what should be corrected"),
        ({"suggestion": "x" * 5001}, "too long"),
        ({"field": "f" * 101}, "too long"),
        ({"source_url": "javascript:alert(1)"}, "valid URL"),
    ],
)
def test_bad_suggestions_are_refused(fields, message):
    award = AwardFactory()
    with pytest.raises(ValidationError, match=message):
        suggest(award, **fields)
    assert not SuggestedCorrection.objects.exists()


def test_reviewers_resolve_once_and_say_why_when_rejecting(people):
    award = AwardFactory()
    first, second = suggest(award), suggest(award, suggestion="Wrong supplier.")
    with pytest.raises(PermissionDenied):
        resolve_correction(correction_id=first.pk, accept=True, actor=people.admin_a)
    resolve_correction(
        correction_id=first.pk, accept=True, actor=people.reviewer, note="Value corrected."
    )
    with pytest.raises(ValidationError, match="already been resolved"):
        resolve_correction(correction_id=first.pk, accept=False, actor=people.reviewer, note="x")
    with pytest.raises(ValidationError, match="Say why"):
        resolve_correction(correction_id=second.pk, accept=False, actor=people.reviewer)
    resolve_correction(
        correction_id=second.pk, accept=False, actor=people.staff, note="The source says otherwise."
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, first.resolved_by, first.resolution_note) == (
        "accepted",
        people.reviewer,
        "Value corrected.",
    )
    assert second.state == "rejected" and second.resolved_at is not None
    assert sorted(AuditLog.objects.values_list("action", flat=True)) == [
        "correction.accepted",
        "correction.rejected",
    ]
