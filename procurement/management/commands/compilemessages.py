"""`compilemessages` with Babel instead of GNU gettext: a fresh machine has only Python.

Replaces Django's command of the same name (an app's command wins over Django's own). Run by
`make run`, `make test` and the Docker build; the .mo files are build output, never committed.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from procurement.core import catalogues


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po to its .mo with Babel (skips up-to-date ones)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Compile even if up to date.")

    def handle(self, *args, force: bool = False, **options) -> None:
        for po in catalogues.catalogue_paths(Path(p) for p in settings.LOCALE_PATHS):
            mo = po.with_suffix(".mo")
            if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
                continue
            count = catalogues.compile_catalogue(po, mo)
            if options["verbosity"] > 0:
                self.stdout.write(f"{mo}: {count} entries")
