"""OCDS imports: an ImportRun per file, run by the command or, for uploads, by a worker.

Valid releases are imported, invalid ones reported with their JSON path and message and
nothing of them written; `strict` rejects the whole file on any error (a validating pass
first, then the writing pass in one transaction); `dry_run` validates and writes nothing
but the run's report.
"""

import hashlib
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.core import enqueue
from procurement.models import ImportRun, StoredFile, User
from procurement.ocds.importer.reading import OcdsFile
from procurement.ocds.importer.session import Counts, Options, Session, StrictAbort

IMPORT_TASK = "procurement.tasks.import_ocds_task"
FILE_SUFFIXES = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz")


def ocds_files(paths: list[Path]) -> list[Path]:
    """The files named, and the OCDS-looking files inside the folders named (sorted)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.name.lower().endswith(FILE_SUFFIXES))
        else:
            found.append(path)
    return found


def new_run(
    *,
    source_name: str,
    options: Options,
    stored_file: StoredFile | None = None,
    created_by: User | None = None,
) -> ImportRun:
    return ImportRun.objects.create(
        source_name=source_name[:300],
        stored_file=stored_file,
        created_by=created_by,
        dry_run=options.dry_run,
        strict=options.strict,
        default_country=options.default_country,
        encoding=options.encoding,
    )


def options_of(run: ImportRun) -> Options:
    return Options(
        dry_run=run.dry_run,
        strict=run.strict,
        default_country=str(run.default_country or ""),
        encoding=run.encoding,
    )


def import_file(
    run: ImportRun,
    path: Path,
    options: Options,
    progress: Callable[[OcdsFile, Counts], None] | None = None,
) -> ImportRun:
    """Import `path` for `run` (which must be pending); the run ends succeeded, partial or
    failed, with its report. Claims the run first, so a second delivery does nothing."""
    now = timezone.now()
    claimed = ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.PENDING).update(
        status=ImportRun.Status.RUNNING, started_at=now, progress_at=now
    )
    if not claimed:
        run.refresh_from_db()
        return run
    ocds_file = OcdsFile(path, options.encoding)
    ImportRun.objects.filter(pk=run.pk).update(bytes_total=ocds_file.size)

    def on_batch(session: Session) -> None:
        counts = session.counts
        ImportRun.objects.filter(pk=run.pk).update(
            progress_at=timezone.now(),
            bytes_done=ocds_file.bytes_read,
            releases_seen=counts.seen,
            releases_imported=counts.imported,
            releases_unchanged=counts.unchanged,
            releases_failed=counts.failed,
        )
        if progress:
            progress(ocds_file, counts)

    try:
        if options.strict and not options.dry_run:
            counts = _strict(run, ocds_file, options, on_batch)
        else:
            session = Session(run, ocds_file, options, write=not options.dry_run, on_batch=on_batch)
            counts = session.run_pass()
            counts.organisations = session.organisations()
    except Exception as error:
        # Batches already committed stay (each is whole); the run says where it stopped.
        counts = Counts(failed=1)
        counts.report.append(
            {"location": "$", "path": "$", "message": f"the import stopped: {error!r}"}
        )
        _finish(run, counts, ocds_file, status=ImportRun.Status.FAILED)
        raise
    return _finish(run, counts, ocds_file)


def _strict(run: ImportRun, ocds_file: OcdsFile, options: Options, on_batch) -> Counts:
    """Validate the whole file; only when nothing failed, write it in one transaction."""
    checked = Session(run, ocds_file, options, write=False, on_batch=on_batch).run_pass()
    if checked.failed:
        checked.imported = 0
        return checked
    writing = Session(run, ocds_file, options, write=True)
    try:
        with transaction.atomic():
            counts = writing.run_pass()
            if counts.failed:
                raise StrictAbort
    except (StrictAbort, DatabaseError) as error:
        counts = writing.counts
        if isinstance(error, DatabaseError):
            writing.problem("$", f"refused by the database: {error}")
        counts.imported = 0
    else:
        counts.organisations = writing.organisations()
    return counts


def _status(run: ImportRun, counts: Counts) -> str:
    if not counts.failed:
        return ImportRun.Status.SUCCEEDED
    if (counts.imported or counts.unchanged) and not run.strict:
        return ImportRun.Status.PARTIAL
    return ImportRun.Status.FAILED


def _finish(
    run: ImportRun, counts: Counts, ocds_file: OcdsFile, status: str | None = None
) -> ImportRun:
    status = status or _status(run, counts)
    report = counts.report
    if counts.omitted:
        report = [*report, {"location": "", "path": "", "message": f"{counts.omitted} more"}]
    ImportRun.objects.filter(pk=run.pk).update(
        status=status,
        bytes_done=ocds_file.size,
        releases_seen=counts.seen,
        releases_imported=counts.imported,
        releases_unchanged=counts.unchanged,
        releases_failed=counts.failed,
        report=report,
        summary={**run.summary, **counts.organisations},
        finished_at=timezone.now(),
    )
    run.refresh_from_db()
    return run


def store_upload(upload: UploadedFile) -> StoredFile:
    """The uploaded bytes, stored once per SHA-256 (content-addressed, outside the web root)."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    sha256 = digest.hexdigest()
    existing = StoredFile.objects.filter(sha256=sha256).first()
    if existing:
        return existing
    upload.seek(0)
    kind = filetype.guess(upload.read(262))
    upload.seek(0)
    stored = StoredFile(sha256=sha256, size=upload.size, mime_type=kind.mime if kind else "")
    stored.mime_type = stored.mime_type or "application/json"
    stored.file.save(sha256, upload, save=False)
    stored.save()
    return stored


def start_upload_import(*, upload: UploadedFile, options: Options, created_by: User) -> ImportRun:
    """Store the file and queue its import for a worker (after the commit; the sweep
    publishes it again if the broker was down)."""
    with transaction.atomic():
        stored = store_upload(upload)
        run = new_run(
            source_name=upload.name, options=options, stored_file=stored, created_by=created_by
        )
        enqueue.defer(IMPORT_TASK, ImportRun, [run.pk])
    return run


def sweep_import_runs(*, now=None) -> int:
    """Publish again the uploaded runs still waiting after their grace (the broker was down
    or lost the task); mark failed the running ones silent for IMPORT_STALL_MINUTES (their
    worker died: batches already written stay, each whole). Returns how many were published."""
    now = now or timezone.now()
    stalled = ImportRun.objects.filter(
        status=ImportRun.Status.RUNNING,
        progress_at__lt=now - timedelta(minutes=settings.IMPORT_STALL_MINUTES),
    )
    for run in stalled.only("pk", "report"):
        message = _("the import stopped: its worker stopped answering; upload the file again")
        ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING).update(
            status=ImportRun.Status.FAILED,
            finished_at=now,
            report=[*run.report, {"location": "$", "path": "$", "message": message}],
        )
    waiting = ImportRun.objects.filter(status=ImportRun.Status.PENDING, stored_file__isnull=False)
    cutoff = now - enqueue.grace()
    due = Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=cutoff)
    return enqueue.republish_owed(IMPORT_TASK, waiting, now=now, due=due, order=("pk",))


def import_stored_run(run_id: int) -> ImportRun:
    """Run the import of an uploaded file (in a worker); nothing happens twice."""
    run = ImportRun.objects.select_related("stored_file").get(pk=run_id)
    return import_file(run, Path(run.stored_file.file.path), options_of(run))
