"""`make messages`: the Serbian Cyrillic catalogue, generated from the Serbian Latin one."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from procurement.core import catalogues


class Command(BaseCommand):
    help = (
        "Write locale/sr/LC_MESSAGES/django.po as the transliteration of locale/sr_Latn "
        "(keeping KEEP_LATIN.txt tokens Latin and DIGRAPH_EXCEPTIONS.txt words as written)."
    )

    def handle(self, *args, **options) -> None:
        locale_dir = Path(settings.LOCALE_PATHS[0])
        latin = catalogues.read_catalogue(catalogues.po_path(locale_dir, catalogues.LATIN))
        transliterate = catalogues.Transliterator.from_locale(locale_dir)
        cyrillic = catalogues.cyrillic_catalogue(latin, transliterate)
        target = catalogues.po_path(locale_dir, catalogues.CYRILLIC)
        catalogues.write_catalogue(cyrillic, target)
        self.stdout.write(f"{target}: {len(cyrillic)} entries")
