"""Computing and storing red flags: set-based batches, replaced on recomputation, per-country
thresholds, FOI records read only when published; and the selectors pages will call."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procurement.awards.selectors import organisations
from procurement.models import Award, Document, RedFlag, RedFlagThreshold, ReviewStatus
from procurement.redflags.explanations import explain
from procurement.redflags.selectors import flags as selectors
from procurement.redflags.services import compute_red_flags
from tests.factories import (
    AgreementFactory,
    AuthorityFactory,
    AwardFactory,
    ContractFactory,
    InfoRequestFactory,
    OrganisationFactory,
    ProcessFactory,
)

pytestmark = pytest.mark.usefixtures("reference")


def codes(**subject) -> set[str]:
    return set(RedFlag.objects.filter(**subject).values_list("code", flat=True))


def single_bid(**changes):
    return ProcessFactory(method="open", number_of_tenderers=1, **changes)


def test_flags_are_stored_with_code_inputs_version_and_explanation():
    agreement = AgreementFactory(title="2009 Serbia–China agreement")
    award = AwardFactory(legal_basis="agreement", agreement=agreement)
    contract = ContractFactory(award=award)

    compute_red_flags(today=date(2024, 6, 1))

    x001 = RedFlag.objects.get(code="X001")
    assert (x001.award, x001.process, x001.country) == (award, award.process, "RS")
    assert x001.key == f"X001:award:{award.pk}" and x001.rule_version == "1"
    assert x001.inputs == {
        "agreement": "2009 Serbia–China agreement",
        "method": "direct",
        "signed_year": agreement.signed_on.year if agreement.signed_on else None,
    }
    # no sentence is stored: it is rendered from the inputs in the reader's language
    assert not hasattr(x001, "explanation")
    assert "outside the procurement law" in explain(x001.code, x001.inputs)
    r063 = RedFlag.objects.get(code="R063")
    assert (r063.contract, r063.award, r063.process) == (contract, award, award.process)


def test_recomputation_replaces_what_no_longer_holds():
    process = single_bid()
    compute_red_flags(process_ids=[process.pk])
    assert codes(process=process) == {"R018"}

    process.number_of_tenderers = 4
    process.save()
    compute_red_flags(process_ids=[process.pk])

    assert codes(process=process) == set()


def test_contract_flags_follow_amendments_and_documents():
    contract = ContractFactory(
        value_status="disclosed", value_amount=Decimal(100), value_currency="EUR"
    )
    contract.amendments.create(
        value_status="disclosed", value_amount=Decimal(200), value_currency="EUR"
    )
    compute_red_flags()
    assert codes(contract=contract) == {"R063", "R064", "R069"}
    # R059 compares the award with the sum of its contracts: a flag of the award
    assert "R059" in codes(award=contract.award)

    Document.objects.create(
        contract=contract,
        title="Signed",
        document_type="contractSigned",
        url="https://example.org/c.pdf",
    )
    compute_red_flags(process_ids=[contract.award.process_id])
    assert "R063" not in codes(contract=contract)


def test_thresholds_are_configurable_per_country():
    start = datetime(2024, 1, 1, tzinfo=UTC)
    serbian = ProcessFactory(
        method="open",
        country="RS",
        tender_start=start,
        tender_end=datetime(2024, 1, 21, tzinfo=UTC),
    )
    albanian = ProcessFactory(
        method="open",
        country="AL",
        tender_start=start,
        tender_end=datetime(2024, 1, 21, tzinfo=UTC),
    )
    RedFlagThreshold.objects.create(code="R003", country="RS", params={"min_days": 30})

    compute_red_flags()

    assert codes(process=serbian) == {"R003"}
    assert RedFlag.objects.get(code="R003").inputs == {"method": "open", "days": 20, "min_days": 30}
    assert codes(process=albanian) == set()


def test_only_published_foi_requests_count():
    award = AwardFactory()
    private = InfoRequestFactory(
        status="classified", sent_on=date(2019, 1, 1), classification_level="secret"
    )
    private.awards.add(award)
    compute_red_flags()
    assert "X002" not in codes(award=award)  # a private request never shows through a flag

    private.visibility = "published"
    private.published_at = datetime(2024, 1, 1, tzinfo=UTC)
    private.decision_delivered_on = date(2019, 3, 1)
    private.save()
    compute_red_flags(process_ids=[award.process_id])

    x002 = RedFlag.objects.get(code="X002", award=award)
    assert x002.inputs["requests"] == [private.pk]
    assert explain("X002", x002.inputs).endswith("on 2019-03-01.")


def test_unanswered_requests_make_r063_stronger():
    contract = ContractFactory()
    request = InfoRequestFactory(
        status="sent",
        sent_on=date(2024, 1, 1),
        due_on=date(2024, 1, 16),
        visibility="published",
        published_at=datetime(2024, 1, 1, tzinfo=UTC),
    )
    request.contracts.add(contract)

    compute_red_flags(today=date(2024, 2, 1))

    flag = RedFlag.objects.get(code="R063")
    assert flag.inputs["strength"] == "stronger"
    assert flag.inputs["unanswered_requests"] == [request.pk]


def test_r013_compares_a_buyer_year_with_its_peers():
    heavy, light = AuthorityFactory(), AuthorityFactory()
    when = date(2023, 5, 1)
    for _ in range(4):
        AwardFactory(process=ProcessFactory(buyer=heavy, method="direct"), award_date=when)
    for method in ("open", "open", "open", "direct"):
        AwardFactory(process=ProcessFactory(buyer=light, method=method), award_date=when)
    AwardFactory(
        process=ProcessFactory(buyer=light, method="direct"),
        award_date=when,
        review_status=ReviewStatus.UNVERIFIED,
    )

    compute_red_flags()

    flag = RedFlag.objects.get(code="R013")
    assert (flag.buyer, flag.year, flag.country) == (heavy, 2023, "RS")
    assert flag.inputs["share"] == 1.0 and flag.inputs["peer_share"] == 0.25
    assert flag.key == f"R013:buyer:{heavy.pk}:2023"


def test_queries_grow_with_batches_not_rows():
    def queries(batch_size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            compute_red_flags(batch_size=batch_size)
        return len(captured.captured_queries)

    for _ in range(4):
        ContractFactory(award=AwardFactory(process=single_bid()))
    four = queries(batch_size=100)
    for _ in range(8):
        ContractFactory(award=AwardFactory(process=single_bid()))
    twelve = queries(batch_size=100)
    assert twelve == four  # three times the rows, one batch: the same queries
    assert queries(batch_size=4) > twelve  # three batches
    assert RedFlag.objects.filter(code="R018").count() == 12


# --- selectors for pages, filters and counts ------------------------------------------------


def test_public_flags_hide_unpublished_records():
    published = AwardFactory(process=single_bid())
    hidden = AwardFactory(
        process=single_bid(review_status=ReviewStatus.UNVERIFIED),
        review_status=ReviewStatus.UNVERIFIED,
    )
    compute_red_flags()

    assert RedFlag.objects.filter(code="R018").count() == 2
    assert [f.process_id for f in selectors.public_flags().filter(code="R018")] == [
        published.process_id
    ]
    assert list(selectors.flags_for_award(hidden)) == []
    assert selectors.flag_counts_by_country()["RS"]["R018"] == 1


def test_award_pages_filters_and_counts(django_assert_num_queries):
    huawei = OrganisationFactory(name="Huawei")
    agreement = AgreementFactory()
    exempted = AwardFactory(legal_basis="agreement", agreement=agreement, suppliers=[huawei])
    single = AwardFactory(process=single_bid())
    plain = AwardFactory(process=ProcessFactory(method="open", number_of_tenderers=3))
    compute_red_flags()

    assert [f.code for f in selectors.flags_for_award(single)] == ["R018"]  # its process's
    assert [f.code for f in organisations.flags_for_supplier(huawei.pk)] == ["R010", "X001"]
    assert [f.code for f in organisations.flags_for_buyer(single.process.buyer_id)] == ["R018"]
    awards = Award.objects.all()
    assert list(selectors.filter_awards_by_flags(awards, ["x001"])) == [exempted]
    assert set(selectors.filter_awards_by_flags(awards, ["X001", "R018", "bogus"])) == {
        exempted,
        single,
    }
    assert selectors.filter_awards_by_flags(awards, ["bogus"]).count() == 3  # ignored
    with django_assert_num_queries(1):
        by_award = selectors.flag_codes_by_award([exempted.pk, single.pk, plain.pk])
    assert by_award == {exempted.pk: ["R010", "X001"], single.pk: ["R018"], plain.pk: []}
    assert selectors.flag_counts_by_country() == {"RS": {"R010": 1, "X001": 1, "R018": 1}}
    assert dict(selectors.indicator_choices())["X002"].startswith("X002 — ")


def test_other_write_paths_ask_for_a_recomputation_after_commit(
    django_capture_on_commit_callbacks,
):
    from procurement.redflags.services import processes_touched, recompute_red_flags_on_commit

    contract = ContractFactory()
    request = InfoRequestFactory()
    request.awards.add(contract.award)
    process_id = contract.award.process_id

    assert processes_touched(contract_ids=[contract.pk]) == {process_id}
    assert processes_touched(request_ids=[request.pk]) == {process_id}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        recompute_red_flags_on_commit(request_ids=[request.pk])
        recompute_red_flags_on_commit([])  # nothing to do: nothing queued
    assert len(callbacks) == 1


@pytest.mark.parametrize("attached_to", ["process", "award", None])
def test_r010_reads_supporting_documents_of_the_process_and_its_awards(attached_to):
    award = AwardFactory(process=ProcessFactory(method="direct", method_rationale="Article 7"))
    if attached_to:
        subject = award.process if attached_to == "process" else award
        Document.objects.create(
            title="Decision",
            document_type="procurementMethodRationale",
            url="https://example.org/d.pdf",
            **{attached_to: subject},
        )

    compute_red_flags(process_ids=[award.process_id])

    flags = RedFlag.objects.filter(code="R010")
    assert [f.inputs["missing"] for f in flags] == (
        [] if attached_to else [["supporting document"]]
    )
