import codecs
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django_countries import countries
from tqdm import tqdm

from procurement.models import ImportRun
from procurement.ocds.importer.session import Options
from procurement.ocds.services import import_file, new_run, ocds_files

REPORT_LINES = 50


class Command(BaseCommand):
    help = (
        "Import OCDS files (release packages, record packages, line-delimited releases; "
        ".json, .jsonl, .json.gz) or folders of them. Valid releases are imported, invalid "
        "ones reported with their JSON path; the exit status is 1 when anything failed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="files or folders")
        parser.add_argument("--dry-run", action="store_true", help="validate only; write nothing")
        parser.add_argument(
            "--strict", action="store_true", help="reject a whole file on any error"
        )
        parser.add_argument(
            "--country",
            default="",
            help="ISO 3166 code of the processes whose buyer's country the data does not tell",
        )
        parser.add_argument(
            "--encoding",
            default="",
            help="the files' character encoding when it is not UTF-8 (e.g. latin-1, cp1252)",
        )
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--no-red-flags",
            action="store_true",
            help="do not queue the red-flag recomputation (run compute_red_flags later)",
        )

    def handle(
        self, *args, paths, dry_run, strict, country, batch_size, encoding, **options
    ) -> None:
        country = country.upper()
        if country and country not in dict(countries):
            raise CommandError(f"--country {country}: not an ISO 3166 country code")
        try:
            encoding = codecs.lookup(encoding).name if encoding else ""
        except LookupError as error:
            raise CommandError(f"--encoding {encoding}: not an encoding Python knows") from error
        files = ocds_files(paths)
        missing = [str(p) for p in files if not p.is_file()]
        if missing:
            raise CommandError(f"not a file: {', '.join(missing)}")
        settings = Options(
            dry_run=dry_run,
            strict=strict,
            default_country=country,
            batch_size=batch_size,
            red_flags=not options["no_red_flags"],
            encoding=encoding,
        )
        failed = 0
        for path in files:
            run = self._import(path, settings)
            failed += run.status != ImportRun.Status.SUCCEEDED
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) had errors", returncode=1)

    def _import(self, path: Path, settings: Options) -> ImportRun:
        run = new_run(source_name=str(path), options=settings)
        with tqdm(
            total=path.stat().st_size, unit="B", unit_scale=True, desc=path.name, file=sys.stderr
        ) as bar:

            def progress(ocds_file, counts) -> None:
                bar.update(ocds_file.bytes_read - bar.n)
                bar.set_postfix(releases=counts.seen, failed=counts.failed, refresh=False)

            run = import_file(run, path, settings, progress)
            bar.update(bar.total - bar.n)
        self._summary(run)
        return run

    def _summary(self, run: ImportRun) -> None:
        style = self.style.SUCCESS if run.status == ImportRun.Status.SUCCEEDED else self.style.ERROR
        verb = "would import" if run.dry_run else "imported"
        self.stdout.write(
            style(
                f"{run.source_name}: {run.get_status_display()} — {run.releases_seen} releases, "
                f"{verb} {run.releases_imported}, unchanged {run.releases_unchanged}, "
                f"failed {run.releases_failed} (import run {run.pk})"
            )
        )
        for entry in run.report[:REPORT_LINES]:
            release = f" [{entry.get('release_id')}]" if entry.get("release_id") else ""
            self.stdout.write(f"  {entry['path']}{release}: {entry['message']}")
        if len(run.report) > REPORT_LINES:
            self.stdout.write(f"  … {len(run.report) - REPORT_LINES} more in import run {run.pk}")
