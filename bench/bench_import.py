"""OCDS import of 100,000 releases: rate as a ratio to a bare COPY of the same rows (same
run), and peak memory at 10,000 vs 100,000 releases (each import in its own process).

The file is a release package streamed from disk: 300 buyers and 2,000 suppliers (spelled
two ways, with and without the legal form, to exercise the name matching), one award and
one contract per release, a signed-contract document on every other one. The COPY limit
copies exactly the rows the import wrote (history rows included) into empty tables of the
same shape, indexes included.
"""

import io
import json
import multiprocessing
import random
import resource
import tempfile
import time
from pathlib import Path

from django.apps import apps
from django.db import connection, connections, transaction

from bench.common import bench
from procurement.models import ImportRun
from procurement.ocds.importer.session import Options
from procurement.ocds.services import import_file, new_run

SMALL, LARGE = 10_000, 100_000
METHODS = ["open", "open", "open", "selective", "limited", "direct"]


def _release(n: int, prefix: str, rng: random.Random) -> dict:
    ocid = f"ocds-bench1-{prefix}{n}"
    buyer, supplier = rng.randrange(300), rng.randrange(2000)
    supplier_name = f"Supplier {supplier} Technologies" + (" d.o.o." if n % 2 else "")
    amount = rng.randrange(10_000, 5_000_000)
    release = {
        "ocid": ocid,
        "id": f"{ocid}-1",
        "date": "2024-03-01T10:00:00Z",
        "tag": ["award", "contract"],
        "initiationType": "tender",
        "parties": [
            {
                "id": f"B{buyer}",
                "name": f"Public Authority {buyer}",
                "identifier": {"scheme": "RS-MB", "id": f"1{buyer:07d}"},
                "roles": ["buyer"],
            },
            {"id": f"S{supplier}", "name": supplier_name, "roles": ["supplier"]},
        ],
        "buyer": {"id": f"B{buyer}", "name": f"Public Authority {buyer}"},
        "tender": {
            "id": f"T{n}",
            "title": f"Procurement {n} of network equipment",
            "status": "complete",
            "procurementMethod": rng.choice(METHODS),
            "value": {"amount": amount, "currency": "EUR"},
            "numberOfTenderers": rng.randrange(1, 6),
            "tenderPeriod": {
                "startDate": "2024-01-01T09:00:00Z",
                "endDate": "2024-01-25T09:00:00Z",
            },
        },
        "awards": [
            {
                "id": f"A{n}",
                "status": "active",
                "date": "2024-02-20T00:00:00Z",
                "value": {"amount": amount - 1000, "currency": "EUR"},
                "suppliers": [{"id": f"S{supplier}", "name": supplier_name}],
            }
        ],
        "contracts": [
            {
                "id": f"C{n}",
                "awardID": f"A{n}",
                "status": "active",
                "value": {"amount": amount - 1000, "currency": "EUR"},
                "dateSigned": "2024-03-01T00:00:00Z",
            }
        ],
    }
    if n % 2:
        release["contracts"][0]["documents"] = [
            {
                "id": f"D{n}",
                "documentType": "contractSigned",
                "title": "Signed contract",
                "url": f"https://portal.example.org/contracts/{n}.pdf",
            }
        ]
    return release


def write_file(path: Path, count: int, prefix: str) -> Path:
    rng = random.Random(count)
    with path.open("w") as out:
        out.write('{"version": "1.1", "publishedDate": "2024-05-01T00:00:00Z", "releases": [\n')
        for n in range(count):
            out.write(("," if n else "") + json.dumps(_release(n, prefix, rng)) + "\n")
        out.write("]}\n")
    return path


def _import_in_child(path: str, results) -> None:
    connections.close_all()  # the child opens its own connection
    options = Options(red_flags=False, batch_size=1000)
    start = time.perf_counter()
    run = import_file(new_run(source_name=path, options=options), Path(path), options)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results.put((run.pk, run.status, run.releases_imported, seconds, peak_kib))
    connections.close_all()


def run_import(path: Path) -> tuple[int, float, float]:
    """Import in a forked process; returns (run id, seconds, peak RSS in MiB)."""
    connections.close_all()
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_import_in_child, args=(str(path), results))
    child.start()
    run_id, status, imported, seconds, peak_kib = results.get()
    child.join()
    assert status == ImportRun.Status.SUCCEEDED, f"import {run_id} ended {status}"
    assert imported > 0
    return run_id, seconds, peak_kib / 1024


def _tables() -> list[tuple[str, str]]:
    """(table, primary-key column) of every table the import writes."""
    names = [
        "Organisation",
        "OrganisationIdentifier",
        "ProcurementProcess",
        "Award",
        "AwardSupplier",
        "Contract",
        "ContractAmendment",
        "Document",
        "OcdsRelease",
    ]
    models = [apps.get_model("procurement", name) for name in names]
    models += [m.history.model for m in models if hasattr(m, "history")]
    return [(m._meta.db_table, m._meta.pk.column) for m in models]


def high_marks() -> dict[str, int]:
    with connection.cursor() as cursor:
        marks = {}
        for table, pk in _tables():
            cursor.execute(f"SELECT COALESCE(MAX({pk}), 0) FROM {table}")
            marks[table] = cursor.fetchone()[0]
        return marks


def copy_seconds(since: dict[str, int]) -> tuple[float, int]:
    """Seconds a bare COPY takes to load the rows written since `since` into empty tables of
    the same shape (indexes included); and how many rows that is."""
    total, rows = 0.0, 0
    with connection.cursor() as cursor:
        for table, pk in _tables():
            buffer = io.BytesIO()
            with cursor.copy(
                f"COPY (SELECT * FROM {table} WHERE {pk} > {since[table]}) TO STDOUT"
            ) as copy:
                for data in copy:
                    buffer.write(data)
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {pk} > {since[table]}")
            rows += cursor.fetchone()[0]
            clone = f"bench_copy_{table}"
            cursor.execute(f"DROP TABLE IF EXISTS {clone}")
            cursor.execute(
                f"CREATE TABLE {clone} (LIKE {table} INCLUDING DEFAULTS INCLUDING INDEXES)"
            )
            start = time.perf_counter()
            with cursor.copy(f"COPY {clone} FROM STDIN") as copy:
                copy.write(buffer.getvalue())
            total += time.perf_counter() - start
            cursor.execute(f"DROP TABLE {clone}")
    return total, rows


def clean_up(since: dict[str, int]) -> None:
    """Remove what the benchmark imported, children first, so later benchmarks start clean."""
    order = [t for t in _tables() if t[0].startswith("procurement_historical")]
    order += list(reversed([t for t in _tables() if not t[0].startswith("procurement_historical")]))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # children go first
        for table, pk in order:
            cursor.execute(f"DELETE FROM {table} WHERE {pk} > {since[table]}")
        cursor.execute("DELETE FROM procurement_importrun WHERE source_name LIKE %s", ["%bench-%"])


def run() -> None:
    before = high_marks()
    with tempfile.TemporaryDirectory() as folder:
        small = write_file(Path(folder) / "bench-10k.json", SMALL, "s")
        large = write_file(Path(folder) / "bench-100k.json", LARGE, "l")
        _, small_s, small_mib = run_import(small)
        middle = high_marks()
        _, large_s, large_mib = run_import(large)
        size_mib = large.stat().st_size / 2**20
    copy_s, rows = copy_seconds(middle)
    bench("import.releases", LARGE, "releases")
    bench("import.file", size_mib, "MiB")
    bench("import.rows_written", rows, "rows")
    bench("import.rate", LARGE / large_s, "releases/s")
    bench("import.copy_rate", LARGE / copy_s, "releases/s")
    bench("import.vs_copy", copy_s / large_s, "x (goal >= 0.10)")
    bench("import.rate_10k", SMALL / small_s, "releases/s")
    bench("import.peak_rss_10k", small_mib, "MiB")
    bench("import.peak_rss_100k", large_mib, "MiB")
    bench("import.peak_rss_100k_vs_10k", large_mib / small_mib, "x")
    clean_up(before)
