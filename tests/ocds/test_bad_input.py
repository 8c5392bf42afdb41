"""The bad-input corpus: each failing release named with its JSON path and message, the valid
ones imported, nothing of the invalid ones written."""

import gzip
import json

import pytest
from django.db import IntegrityError

from procurement.models import (
    Award,
    Contract,
    ImportRun,
    OcdsRelease,
    Organisation,
    ProcurementProcess,
)
from procurement.ocds.importer import writing
from tests.ocds.releases import package, release, write_lines, write_package


def _entry(run, path):
    matches = [e for e in run.report if e["path"] == path]
    assert matches, f"{path} not in {run.report}"
    return matches[0]


def _nothing_of(ocid: str) -> None:
    assert not ProcurementProcess.objects.filter(ocid=ocid).exists()
    assert not OcdsRelease.objects.filter(ocid=ocid).exists()
    assert not Organisation.objects.filter(name__contains=ocid).exists()


def corpus() -> list[dict]:
    euro = release("ocds-test01-euro")
    euro["awards"][0]["value"]["currency"] = "EURO"
    yesterday = release("ocds-test01-yesterday", date="yesterday")
    no_ocid = release("ocds-test01-noocid")
    del no_ocid["ocid"]
    method = release("ocds-test01-method")
    method["tender"]["procurementMethod"] = "negotiated"
    types = release("ocds-test01-types")
    types["tender"]["numberOfTenderers"] = "two"
    types["awards"][0]["value"]["amount"] = "a lot"
    duplicate = release("ocds-test01-valid", title="same id again")
    orphan = release("ocds-test01-orphan")
    orphan["contracts"][0]["awardID"] = "no-such-award"
    return [
        release("ocds-test01-valid"),
        euro,
        yesterday,
        no_ocid,
        method,
        types,
        duplicate,
        orphan,
        release("ocds-test01-valid2"),
    ]


def test_corpus_reports_each_failing_release_and_imports_the_valid(tmp_path, run_import):
    run = run_import(write_package(tmp_path / "corpus.json", corpus()))

    assert run.status == ImportRun.Status.PARTIAL
    assert (run.releases_seen, run.releases_imported, run.releases_failed) == (9, 2, 7)
    assert _entry(run, "releases[1].awards[0].value.currency")["message"] == (
        "'EURO' is not in currency"  # the codelist named (too long to list)
    )
    assert "'yesterday' is not a valid date-time" in _entry(run, "releases[2].date")["message"]
    assert "required" in _entry(run, "releases[3].ocid")["message"]
    method = _entry(run, "releases[4].tender.procurementMethod")
    assert "'negotiated'" in method["message"] and "direct" in method["message"]
    assert method["ocid"] == "ocds-test01-method"
    assert "integer" in _entry(run, "releases[5].tender.numberOfTenderers")["message"]
    assert _entry(run, "releases[5].awards[0].value.amount")["release_id"].endswith("-r1")
    assert "duplicate release id" in _entry(run, "releases[6].id")["message"]
    assert "no award with id" in _entry(run, "releases[7].contracts[0].awardID")["message"]

    assert set(ProcurementProcess.objects.values_list("ocid", flat=True)) == {
        "ocds-test01-valid",
        "ocds-test01-valid2",
    }
    valid = ProcurementProcess.objects.get(ocid="ocds-test01-valid")
    assert valid.title == "Tender ocds-test01-valid"  # the duplicate did not overwrite it
    for ocid in ("euro", "yesterday", "noocid", "method", "types", "orphan"):
        _nothing_of(f"ocds-test01-{ocid}")
    assert Award.objects.count() == Contract.objects.count() == 2


def test_malformed_json_keeps_what_came_before(tmp_path, run_import):
    text = json.dumps(package([release("ocds-test01-a"), release("ocds-test01-b")]))
    broken = text.replace('"ocid": "ocds-test01-b"', '"ocid": "ocds-test01-b",, "x"')
    run = run_import(_write(tmp_path / "malformed.json", broken))

    assert run.status == ImportRun.Status.PARTIAL
    assert list(ProcurementProcess.objects.values_list("ocid", flat=True)) == ["ocds-test01-a"]
    assert run.report[0]["location"] == "releases[1]"
    assert "malformed JSON" in run.report[0]["message"]


@pytest.mark.parametrize("compressed", [False, True])
def test_truncated_file_is_reported_where_it_ends(tmp_path, run_import, compressed):
    text = json.dumps(package([release(f"ocds-test01-t{n}") for n in range(3)]), indent=1)
    cut = text[: text.index('"ocid": "ocds-test01-t2"') + 30]
    path = tmp_path / ("cut.json.gz" if compressed else "cut.json")
    path.write_bytes(gzip.compress(cut.encode()) if compressed else cut.encode())
    run = run_import(path)

    assert run.status == ImportRun.Status.PARTIAL
    assert ProcurementProcess.objects.count() == 2
    assert run.report[-1]["location"] == "releases[2]"
    assert "truncated" in run.report[-1]["message"]
    _nothing_of("ocds-test01-t2")


def test_line_delimited_bad_lines_do_not_stop_the_rest(tmp_path, run_import):
    path = write_lines(
        tmp_path / "releases.jsonl",
        [release("ocds-test01-l1"), "{not json", [1, 2], release("ocds-test01-l4")],
    )
    run = run_import(path)

    assert [e["location"] for e in run.report] == ["line 2", "line 3"]
    assert "malformed JSON" in run.report[0]["message"]
    assert "expected a release object" in run.report[1]["message"]
    assert ProcurementProcess.objects.count() == 2


def test_a_batch_the_database_refuses_is_written_ocid_by_ocid(tmp_path, run_import, monkeypatch):
    original = writing.BatchWriter._documents

    def refuse_one(self, batch, *args):
        if any(item.data.ocid == "ocds-test01-refused" for item in batch):
            raise IntegrityError("refused for the test")
        return original(self, batch, *args)

    monkeypatch.setattr(writing.BatchWriter, "_documents", refuse_one)
    releases = [
        release("ocds-test01-ok1"),
        release("ocds-test01-refused"),
        release("ocds-test01-ok2"),
    ]
    run = run_import(write_package(tmp_path / "p.json", releases))

    assert run.status == ImportRun.Status.PARTIAL
    assert run.report[0]["path"] == "releases[1]"
    assert "refused by the database" in run.report[0]["message"]
    assert set(ProcurementProcess.objects.values_list("ocid", flat=True)) == {
        "ocds-test01-ok1",
        "ocds-test01-ok2",
    }
    _nothing_of("ocds-test01-refused")  # its organisations were rolled back with it
    assert Award.objects.count() == 2


def test_dry_run_validates_and_writes_nothing(tmp_path, run_import):
    run = run_import(write_package(tmp_path / "corpus.json", corpus()), dry_run=True)

    assert run.dry_run and run.status == ImportRun.Status.PARTIAL
    assert run.releases_imported == 2 and run.releases_failed == 7  # would be imported
    assert "duplicate release id" in _entry(run, "releases[6].id")["message"]
    assert not ProcurementProcess.objects.exists()
    assert not OcdsRelease.objects.exists()
    assert not Organisation.objects.exists()


def test_strict_rejects_the_whole_file_on_any_error(tmp_path, run_import):
    run = run_import(write_package(tmp_path / "corpus.json", corpus()), strict=True)

    assert run.status == ImportRun.Status.FAILED
    assert run.releases_imported == 0 and run.releases_failed == 7
    assert not ProcurementProcess.objects.exists()
    assert not Organisation.objects.exists()


def test_strict_imports_a_clean_file(tmp_path, run_import):
    releases = [release("ocds-test01-s1"), release("ocds-test01-s2")]
    run = run_import(write_package(tmp_path / "clean.json", releases), strict=True)

    assert run.status == ImportRun.Status.SUCCEEDED
    assert ProcurementProcess.objects.count() == 2


def test_unknown_country_needs_a_default(tmp_path, run_import):
    foreign = release("ocds-test01-foreign")
    for party in foreign["parties"]:
        party["identifier"]["scheme"] = "XX-REG"
    path = write_package(tmp_path / "foreign.json", [foreign])

    run = run_import(path)
    assert "country" in _entry(run, "releases[0].buyer")["message"]
    assert run_import(path, default_country="ME").status == ImportRun.Status.SUCCEEDED
    assert ProcurementProcess.objects.get().country == "ME"


def _write(path, text):
    path.write_text(text)
    return path


def test_an_unexpected_failure_ends_the_run_as_failed(tmp_path, run_import, monkeypatch):
    def crash(self, batch):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writing.BatchWriter, "write", crash)
    with pytest.raises(RuntimeError):
        run_import(write_package(tmp_path / "p.json", [release("ocds-test01-x")]))

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and run.finished_at
    assert "disk on fire" in run.report[0]["message"]
