from pathlib import Path

import pytest

from procurement.ocds.importer.session import Options
from procurement.ocds.services import import_file, new_run


@pytest.fixture
def run_import(db):
    """Import a file through the service, as the command does (red flags not queued)."""

    def run(path: Path, **options):
        options.setdefault("red_flags", False)
        settings = Options(**options)
        return import_file(new_run(source_name=str(path), options=settings), path, settings)

    return run
