"""Each award's public red-flag codes, kept on the award by the red-flag service (issue 17):
in sync through every writer (computation, review decisions that publish or hide a flag, an
award withdrawn), and `?red_flag=` over them finds what the joins to the flags found."""

from decimal import Decimal
from itertools import combinations

import pytest
from django.db.models import Q

from procurement.models import Award, CodeSetField, ReviewStatus
from procurement.redflags import CODES
from procurement.redflags.selectors import flags as selectors
from procurement.redflags.services import compute_red_flags
from procurement.review.services.decisions import review_transition
from tests.factories import AgreementFactory, AwardFactory, ContractFactory, ProcessFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]
P, V, U = ReviewStatus.PUBLISHED, ReviewStatus.VERIFIED, ReviewStatus.UNVERIFIED


def stored(award) -> str:
    return Award.objects.values_list("red_flag_codes", flat=True).get(pk=award.pk)


def joined_filter(awards, codes):
    """The filter as it was before the codes were kept on the award: two IN subqueries
    over the public flags (the reference the index lookup must agree with)."""
    codes = selectors.valid_codes(codes)
    if not codes:
        return awards
    flagged = selectors.public_flags().filter(code__in=codes)
    own = flagged.filter(award__isnull=False).values("award")
    of_process = flagged.filter(award__isnull=True, buyer__isnull=True).values("process")
    return awards.filter(Q(pk__in=own) | Q(process__in=of_process))


def amended_contract(**award):
    contract = ContractFactory(
        award=AwardFactory(**award),
        value_status="disclosed",
        value_amount=Decimal(100),
        value_currency="EUR",
    )
    contract.amendments.create(
        value_status="disclosed", value_amount=Decimal(200), value_currency="EUR"
    )
    return contract


def test_computation_writes_the_codes_in_the_same_transaction_and_keeps_them_current():
    single = AwardFactory(process=ProcessFactory(method="open", number_of_tenderers=1))
    plain = AwardFactory(process=ProcessFactory(method="open", number_of_tenderers=3))
    contract = amended_contract()
    compute_red_flags()

    assert stored(single) == "R018"  # its process's flag
    assert stored(plain) == ""
    assert set(CodeSetField.split(stored(contract.award))) >= {"R063", "R064", "R069"}

    process = single.process
    process.number_of_tenderers = 4
    process.save()
    compute_red_flags(process_ids=[process.pk])
    assert stored(single) == ""


def test_review_decisions_hide_and_show_flags_at_once(people):
    contract = amended_contract()
    award = contract.award
    compute_red_flags()
    with_contract = set(CodeSetField.split(stored(award)))
    assert {"R063", "R064", "R069"} <= with_contract

    # The contract leaves the public site: its flags leave the award's codes in the same
    # transaction (before any worker recomputes anything).
    review_transition(kind="contract", pk=contract.pk, action="unpublish", actor=people.reviewer)
    without = set(CodeSetField.split(stored(award)))
    assert not {"R063", "R064", "R069"} & without
    assert selectors.filter_awards_by_flags(Award.objects.all(), ["R069"]).count() == 0

    review_transition(kind="contract", pk=contract.pk, action="publish", actor=people.reviewer)
    assert set(CodeSetField.split(stored(award))) == with_contract
    assert list(selectors.filter_awards_by_flags(Award.objects.all(), ["R069"])) == [award]


def test_an_award_withdrawn_keeps_no_code_of_its_own(people):
    exempted = AwardFactory(legal_basis="agreement", agreement=AgreementFactory())
    compute_red_flags()
    assert "X001" in stored(exempted)

    review_transition(kind="award", pk=exempted.pk, action="unpublish", actor=people.reviewer)
    assert "X001" not in stored(exempted)
    review_transition(kind="award", pk=exempted.pk, action="publish", actor=people.reviewer)
    assert "X001" in stored(exempted)


def test_the_index_lookup_finds_what_the_joins_found():
    awards = [
        AwardFactory(process=ProcessFactory(method="open", number_of_tenderers=1)),
        AwardFactory(legal_basis="agreement", agreement=AgreementFactory()),
        AwardFactory(process=ProcessFactory(method="open", number_of_tenderers=3)),
        amended_contract().award,
        amended_contract(review_status=V).award,  # unpublished award, published process
        AwardFactory(process=ProcessFactory(method="open", number_of_tenderers=1, review_status=U)),
    ]
    hidden = ContractFactory(
        award=awards[2],
        review_status=V,
        value_status="disclosed",
        value_amount=Decimal(1),
        value_currency="EUR",
    )
    hidden.amendments.create(
        value_status="disclosed", value_amount=Decimal(9), value_currency="EUR"
    )
    compute_red_flags()
    everything = Award.objects.all()
    found = 0
    for size in (1, 2):
        for codes in combinations(CODES, size):
            expected = set(joined_filter(everything, codes))
            assert set(selectors.filter_awards_by_flags(everything, codes)) == expected, codes
            found += len(expected)
    assert found > 20
    # The flag of an unpublished process is not public: only the published one is found.
    assert set(selectors.filter_awards_by_flags(everything, ["R018"])) == {awards[0]}
    assert set(selectors.filter_awards_by_flags(everything, ["R069"])) == {awards[3]}
