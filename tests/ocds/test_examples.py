"""The OCDS examples in tests/fixtures/ocds/examples/ import, map as expected and re-import as
unchanged: release packages, record packages (linked and versioned) and a direct award."""

from decimal import Decimal

import pytest

from procurement.models import (
    Award,
    Contract,
    Document,
    ImportRun,
    OcdsRelease,
    Organisation,
    ProcurementProcess,
    ReviewStatus,
)
from tests import FIXTURES
from tests.factories import AgreementFactory

EXAMPLES = FIXTURES / "ocds" / "examples"
BARNET = "ocds-213czf-000-00001"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_every_example_imports(path, run_import):
    run = run_import(path, default_country="RS")

    assert run.status == ImportRun.Status.SUCCEEDED, run.report
    assert run.releases_imported == run.releases_seen >= 1
    assert ProcurementProcess.objects.get().review_status == ReviewStatus.UNVERIFIED


def test_the_release_history_compiles_to_the_record(run_import):
    run = run_import(EXAMPLES / f"fictional-example_1.1_{BARNET}.json")

    assert run.releases_imported == 6
    assert OcdsRelease.objects.filter(ocid=BARNET).count() == 6
    process = ProcurementProcess.objects.get(ocid=BARNET)
    assert (process.country, process.method, process.status) == ("GB", "open", "complete")
    assert process.buyer.name == "London Borough of Barnet"
    assert process.buyer.kind == Organisation.Kind.PUBLIC_AUTHORITY
    assert process.value_currency == "GBP"
    award = Award.objects.get()
    assert (award.value_amount, award.value_currency) == (Decimal("11000000.00"), "GBP")
    # a method alone does not say under which rules the award was made (issue 15)
    assert award.legal_basis == Award.LegalBasis.NOT_STATED
    assert [s.name for s in award.suppliers.all()] == ["AnyCorp Cycle Provision"]
    assert award.search_document and award.buyer == process.buyer
    contract = Contract.objects.get()
    assert contract.award == award and str(contract.signed_on) == "2010-06-10"
    assert contract.documents.filter(document_type="contractSigned").exists()
    assert process.releases.count() == 6

    # the compiled record of the same process adds one compiled release, changes no row
    record = run_import(EXAMPLES / f"fictional-example_1.1_record_{BARNET}.json")
    assert record.releases_imported == 1
    assert Award.objects.count() == Contract.objects.count() == 1
    assert Organisation.objects.count() == 2


def test_a_direct_award_under_a_known_agreement_names_it(run_import):
    agreement = AgreementFactory(title="Strategic Cooperation Agreement")

    run_import(EXAMPLES / "direct-award-under-agreement.json", default_country="RS")

    award = Award.objects.get()
    assert (award.legal_basis, award.agreement) == (Award.LegalBasis.AGREEMENT, agreement)
    assert "Art. X(y)" in award.legal_basis_note
    process = award.process
    assert (process.method, process.country) == ("direct", "RS")
    assert process.method_details.startswith("Direct award outside the Public Procurement Law")
    assert (process.value_amount, award.value_amount) == (
        Decimal("90000000.00"),
        Decimal("95000000.00"),
    )
    assert Document.objects.get(process=process).document_type == "procurementMethodRationale"


def test_without_a_known_agreement_the_basis_is_undisclosed(run_import):
    run_import(EXAMPLES / "direct-award-under-agreement.json", default_country="RS")

    award = Award.objects.get()
    assert (award.legal_basis, award.agreement) == (Award.LegalBasis.UNKNOWN, None)
