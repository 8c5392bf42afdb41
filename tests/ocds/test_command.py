"""`manage.py import_ocds`: files and folders, every packaging, exit status, summary."""

import gzip
import json

import pytest
from django.core.management import CommandError, call_command

from procurement.models import ImportRun, OcdsRelease, ProcurementProcess
from tests.ocds.releases import package, release, write_lines, write_package


def _call(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_ocds", *map(str, args), "--no-red-flags", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_folder_of_every_packaging(db, tmp_path):
    write_package(tmp_path / "a.json", [release("ocds-test01-a")])
    write_package(tmp_path / "b.json.gz", [release("ocds-test01-b")])
    write_lines(
        tmp_path / "c.jsonl", [release("ocds-test01-c"), package([release("ocds-test01-d")])]
    )
    (tmp_path / "e.json").write_text(json.dumps([release("ocds-test01-e")]))
    (tmp_path / "f.json").write_text(
        json.dumps(release("ocds-test01-f")) + "\n" + json.dumps(release("ocds-test01-g"))
    )
    record = {"ocid": "ocds-test01-h", "releases": [release("ocds-test01-h")]}
    (tmp_path / "h.json").write_bytes(gzip.compress(json.dumps({"records": [record]}).encode()))
    (tmp_path / "notes.txt").write_text("not OCDS")

    output = _call(tmp_path)

    assert set(ProcurementProcess.objects.values_list("ocid", flat=True)) == {
        f"ocds-test01-{c}" for c in "abcdefgh"
    }
    assert ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED).count() == 6
    assert "c.jsonl: succeeded — 2 releases, imported 2" in output


def test_exit_status_one_and_the_report_when_anything_failed(db, tmp_path):
    bad = release("ocds-test01-bad", date="yesterday")
    path = write_package(tmp_path / "p.json", [release("ocds-test01-ok"), bad])

    with pytest.raises(CommandError) as failure:
        _call(path)

    assert failure.value.returncode == 1
    assert "1 of 1 file(s) had errors" in str(failure.value)
    assert ProcurementProcess.objects.get().ocid == "ocds-test01-ok"


def test_the_report_is_printed(db, tmp_path, capsys):
    path = write_package(tmp_path / "p.json", [release("ocds-test01-bad", date="yesterday")])
    from io import StringIO

    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_ocds", str(path), "--dry-run", stdout=out, stderr=StringIO())
    assert "releases[0].date [ocds-test01-bad-r1]: 'yesterday' is not a valid date-time" in (
        out.getvalue()
    )
    assert not OcdsRelease.objects.exists()


def test_bad_arguments_are_refused(db, tmp_path):
    with pytest.raises(CommandError, match="not a file"):
        _call(tmp_path / "missing.json")
    with pytest.raises(CommandError, match="ISO 3166"):
        _call(tmp_path, "--country", "XY")
