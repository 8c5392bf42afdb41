"""Importing the same file twice changes nothing; a newer release updates and keeps history."""

from decimal import Decimal

from django.apps import apps

from procurement.models import (
    Award,
    Contract,
    ContractAmendment,
    ImportRun,
    OcdsRelease,
    ProcurementProcess,
    ReviewStatus,
)
from tests.ocds.releases import release, write_lines, write_package


def snapshot() -> dict:
    """Every row of every table of the app (history tables included), except import runs."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_app_config("procurement").get_models()
        if model is not ImportRun
    }


def test_the_same_file_twice_changes_nothing(tmp_path, run_import):
    releases = [release(f"ocds-test01-{n}") for n in range(5)]
    path = write_package(tmp_path / "package.json", releases)
    first = run_import(path)
    before = snapshot()

    second = run_import(path)

    assert first.releases_imported == 5
    assert (second.status, second.releases_unchanged, second.releases_imported) == (
        ImportRun.Status.SUCCEEDED,
        5,
        0,
    )
    assert snapshot() == before


def test_the_same_releases_as_lines_are_unchanged_too(tmp_path, run_import):
    releases = [release(f"ocds-test01-{n}") for n in range(3)]
    run_import(write_package(tmp_path / "package.json", releases))
    before = snapshot()

    run = run_import(write_lines(tmp_path / "same.jsonl", releases))

    assert run.releases_unchanged == 3
    assert snapshot() == before


def test_a_newer_release_updates_and_keeps_the_history(tmp_path, run_import):
    first = release("ocds-test01-up")
    run_import(write_package(tmp_path / "first.json", [first]))
    process = ProcurementProcess.objects.get()
    ProcurementProcess.objects.filter(pk=process.pk).update(review_status=ReviewStatus.PUBLISHED)

    amended = release("ocds-test01-up", release_id="ocds-test01-up-r2")
    amended.update(date="2024-06-01T00:00:00Z", tag=["contractAmendment"])
    amended["contracts"][0]["value"]["amount"] = 1500
    amended["contracts"][0]["amendments"] = [
        {"id": "am-1", "date": "2024-05-30T00:00:00Z", "rationale": "More cameras"}
    ]
    amended["tender"]["title"] = "Tender, renamed"
    run = run_import(write_package(tmp_path / "second.json", [amended]))

    assert run.releases_imported == 1
    process.refresh_from_db()
    assert process.title == "Tender, renamed"
    assert process.review_status == ReviewStatus.PUBLISHED  # a reviewer's decision stays
    assert OcdsRelease.objects.filter(ocid="ocds-test01-up").count() == 2
    contract = Contract.objects.get()
    assert contract.value_amount == Decimal("900.00")  # as signed
    amendment = ContractAmendment.objects.get()
    assert (amendment.ocds_id, amendment.value_amount, amendment.rationale) == (
        "am-1",
        Decimal("1500.00"),
        "More cameras",
    )
    assert Award.objects.count() == 1  # updated in place, never duplicated
    assert process.history.count() == 2  # created, then changed by the import


def test_a_value_change_without_an_amendment_entry_is_a_new_value_not_an_amendment(
    tmp_path, run_import
):
    """Issue 15 (5): the publisher made no amendment, so the tracker records none; the
    contract's value is the later release's, with that release as its source (and the
    earlier value in the contract's history)."""
    later = release("ocds-test01-v", release_id="ocds-test01-v-r2", date="2024-07-01T00:00:00Z")
    later["contracts"][0]["value"]["amount"] = 2000
    run_import(write_package(tmp_path / "both.json", [release("ocds-test01-v"), later]))

    assert not ContractAmendment.objects.exists()
    contract = Contract.objects.get()
    assert (contract.value_amount, contract.value_source) == (Decimal("2000"), "ocds-test01-v-r2")


def test_the_same_id_with_other_content_is_refused(tmp_path, run_import):
    run_import(write_package(tmp_path / "first.json", [release("ocds-test01-c")]))
    changed = release("ocds-test01-c")
    changed["tender"]["title"] = "Quietly rewritten"

    run = run_import(write_package(tmp_path / "second.json", [changed]))

    assert run.status == ImportRun.Status.FAILED
    assert "different content" in run.report[0]["message"]
    assert ProcurementProcess.objects.get().title == "Tender ocds-test01-c"
