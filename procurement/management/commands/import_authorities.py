from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from procurement.authorities.register import RegisterFileError
from procurement.authorities.services.registers import (
    SHIPPED,
    SHIPPED_JURISDICTIONS,
    import_register,
)


class Command(BaseCommand):
    help = (
        "Load a register of public authorities (CSV: name, other_script_name, aliases, kind, "
        "parent, registry_id, foi_email, postal_address, website, source; level in BA) "
        "idempotently, matching by registry id, then folded name and aliases. Rows that cannot "
        "be used are listed with their line and reason (exit status 1); a file that cannot be "
        "read writes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", nargs="?", help="The register's CSV file (UTF-8).")
        parser.add_argument("--jurisdiction", help="RS, BA, ME, MK, AL, XK (or BA-BIH, BA-SRP …).")
        parser.add_argument(
            "--shipped",
            action="store_true",
            help="Load the six registers shipped in procurement/authorities/reference/.",
        )
        parser.add_argument(
            "--level",
            default=None,
            help="Bosnia and Herzegovina only: state, BIH, SRP or BRC for every row "
            "(otherwise each row's level column).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )
        parser.add_argument(
            "--strict", action="store_true", help="Write nothing if any row cannot be used."
        )

    def handle(self, *args, path, jurisdiction, shipped, level, dry_run, strict, **options):
        if shipped == bool(path or jurisdiction or level):
            raise CommandError("Give PATH and --jurisdiction, or --shipped alone.")
        if not shipped and not (path and jurisdiction):
            raise CommandError("Give PATH and --jurisdiction (the register's jurisdiction).")
        files = (
            [(SHIPPED / f"{code}.csv", code) for code in SHIPPED_JURISDICTIONS]
            if shipped
            else [(Path(path), jurisdiction)]
        )
        refused = sum(
            self._load(file, code, level, dry_run=dry_run, strict=strict) for file, code in files
        )
        if refused:
            raise CommandError(f"{refused} row(s) could not be used.")

    def _load(self, file: Path, jurisdiction: str, level, *, dry_run, strict) -> int:
        path = str(file)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}") from error
        try:
            report = import_register(
                data,
                jurisdiction=jurisdiction,
                level=level,
                source_name=file.name,
                dry_run=dry_run,
                strict=strict,
            )
        except RegisterFileError as error:
            raise CommandError(f"{path}: {error} Nothing was written.") from error
        for problem in report.problems:
            self.stderr.write(f"{path}: {problem}")
        summary = (
            f"{path} ({report.jurisdiction}): {len(report.created)} created, "
            f"{len(report.updated)} updated, {report.unchanged} unchanged, "
            f"{len(report.problems)} not used"
        )
        if not report.written:
            summary += " — nothing written" + (" (dry run)" if dry_run else " (--strict)")
        self.stdout.write(summary)
        return len(report.problems)
