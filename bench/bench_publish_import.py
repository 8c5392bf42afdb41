"""Publishing a 50,000-release import with one reviewer's decision (issue 15).

The import (bench_import's synthetic releases: one award and one contract each, a tenth of
the processes tender-only) runs in a child process; then `publish_import` verifies and
publishes every record of the run, writing one ReviewDecision per record. Printed: the
decision's seconds, the records it published, and its ratio to the bare SQL limit — three
`UPDATE … SET review_status = 'published'` over the same rows, timed after the statuses
were put back.
"""

import json
import os
import random
import tempfile
import time
from pathlib import Path

from django.db import connection, transaction

from bench.bench_import import _release, clean_up, high_marks, run_import
from bench.common import bench
from procurement.models import ImportRun, ReviewDecision, User
from procurement.review.services.imports import publish_import

RELEASES = int(os.environ.get("BENCH_PUBLISH_RELEASES", "50000"))


def write_file(path: Path, count: int, prefix: str = "p") -> Path:
    rng = random.Random(count)
    with path.open("w") as out:
        out.write('{"version": "1.1", "publishedDate": "2024-05-01T00:00:00Z", "releases": [\n')
        for n in range(count):
            release = _release(n, prefix, rng)
            if n % 10 == 0:  # tender-only processes are published too
                release["tag"] = ["tender"]
                del release["awards"], release["contracts"]
            out.write(("," if n else "") + json.dumps(release) + "\n")
        out.write("]}\n")
    return path


_RUN_PROCESSES = "SELECT DISTINCT process_id FROM procurement_ocdsrelease WHERE import_run_id = %s"


def _bare_limit(run_id: int) -> float:
    """Seconds of the three bare UPDATEs that publish the same rows (statuses put back first)."""
    tables = (
        ("procurement_procurementprocess", f"id IN ({_RUN_PROCESSES})"),
        ("procurement_award", f"process_id IN ({_RUN_PROCESSES})"),
        (
            "procurement_contract",
            "award_id IN (SELECT id FROM procurement_award "
            f"WHERE process_id IN ({_RUN_PROCESSES}))",
        ),
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for table, where in tables:
            cursor.execute(
                f"UPDATE {table} SET review_status = 'unverified' WHERE {where}", [run_id]
            )
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for table, where in tables:
            cursor.execute(
                f"UPDATE {table} SET review_status = 'published', published_at = now() "
                f"WHERE {where}",
                [run_id],
            )
    return time.perf_counter() - start


def run() -> None:
    before = high_marks()
    decisions_before = ReviewDecision.objects.order_by("-pk").values_list("pk", flat=True).first()
    reviewer, _ = User.objects.get_or_create(
        username="bench-reviewer", defaults={"is_reviewer": True}
    )
    with tempfile.TemporaryDirectory() as folder:
        path = write_file(Path(folder) / "bench-publish.json", RELEASES)
        run_id, import_seconds, _peak = run_import(path)
    run = ImportRun.objects.get(pk=run_id)
    start = time.perf_counter()
    done = publish_import(run_id=run.pk, actor=reviewer)
    seconds = time.perf_counter() - start
    records = done.processes + done.awards + done.contracts
    bench("publish_import_releases", RELEASES, "releases")
    bench("publish_import_records", records, "records")
    bench("publish_import_seconds", seconds, "s")
    bench("publish_import_records_per_second", records / seconds, "records/s")
    bench("publish_import_ratio_to_bare_update", seconds / _bare_limit(run.pk), "x")
    bench("import_seconds_for_comparison", import_seconds, "s")
    ReviewDecision.objects.filter(pk__gt=decisions_before or 0).delete()
    clean_up(before)
