"""Import runs, for the reviewers' import pages."""

from django.db.models import QuerySet

from procurement.models import ImportRun

FINISHED = (ImportRun.Status.SUCCEEDED, ImportRun.Status.PARTIAL, ImportRun.Status.FAILED)


def recent_import_runs(limit: int = 50) -> QuerySet[ImportRun]:
    """The latest runs, command-line and uploads alike, with who started them."""
    return ImportRun.objects.select_related("created_by").defer("report")[:limit]


def import_run(pk: int) -> ImportRun:
    return ImportRun.objects.select_related("created_by").get(pk=pk)


def progress_percent(run: ImportRun) -> int:
    """How far through the file the run has read, 0–100 (100 once finished)."""
    if run.status in FINISHED:
        return 100
    if not run.bytes_total:
        return 0
    return min(99, int(100 * run.bytes_done / run.bytes_total))
