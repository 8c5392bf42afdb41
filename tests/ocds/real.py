"""Real publishers' OCDS files (tests/fixtures/ocds/real/, sources and licences in SOURCES.md)
and the steps the real-data tests share: import as the command does, publish the whole
import in one decision, export as a visitor downloads it."""

import json
from pathlib import Path

from django.urls import reverse

from procurement.models import ImportRun, User
from procurement.ocds.importer.session import Options
from procurement.ocds.services import import_file, new_run
from procurement.review.services.imports import publish_import

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "ocds" / "real"
PY_RECORDS = REAL / "py-dncp-record-package.json"
PY_RELEASES = REAL / "py-dncp-release-package.json"
PY_REISSUED = REAL / "py-dncp-reissued-releases-2017-09.json"
PY_RECOMPILED = REAL / "py-dncp-recompiled-2017-10.json"
PY_LATIN1 = REAL / "py-dncp-release-package-latin1.json"
JALISCO = REAL / "mx-jalisco-record-package.json"
CDMX = REAL / "mx-cdmx-release-package.json"
GACM = REAL / "mx-gacm-record-package.json"
UA_RECORDS = REAL / "ua-prozorro-record-package.json"
UA_RELEASES = REAL / "ua-prozorro-release-package.json"
UK = REAL / "uk-contracts-finder-record-package.json"

# Each file with the country its buyers lack (DNCP names no buyer address) and the country
# of its processes in the export.
FILES = {
    PY_RECORDS: ("PY", "PY"),
    PY_RELEASES: ("PY", "PY"),
    JALISCO: ("", "MX"),
    CDMX: ("", "MX"),
    GACM: ("", "MX"),
    UA_RECORDS: ("", "UA"),
    UA_RELEASES: ("", "UA"),
    UK: ("", "GB"),
}


def import_real(path: Path, country: str = "", **options) -> ImportRun:
    """Import a file through the service, as `import_ocds` does (red flags not queued)."""
    options.setdefault("red_flags", False)
    settings = Options(default_country=country, **options)
    return import_file(new_run(source_name=str(path), options=settings), path, settings)


def reviewer() -> User:
    user, _ = User.objects.get_or_create(username="real-reviewer", defaults={"is_reviewer": True})
    return user


def import_and_publish(path: Path, country: str = "", **options) -> ImportRun:
    run = import_real(path, country, **options)
    assert run.releases_imported, run.report
    publish_import(run_id=run.pk, actor=reviewer())
    return run


def download(client, **query) -> dict:
    """The public OCDS export, as a visitor downloads it."""
    response = client.get(reverse("award-export-ocds"), query)
    assert response.status_code == 200, response.content[:300]
    return json.loads(b"".join(response.streaming_content))


def by_ocid(package: dict) -> dict[str, dict]:
    """The package's releases by ocid."""
    return {release["ocid"]: release for release in package["releases"]}


def source_releases(path: Path) -> list[dict]:
    """The releases of a source file (a record's embedded ones, else its compiled release)."""
    package = json.loads(path.read_text(encoding="utf-8"))
    if "releases" in package:
        return package["releases"]
    found = []
    for record in package["records"]:
        embedded = [r for r in record.get("releases", []) if "id" in r]
        found += embedded or [record["compiledRelease"]]
    return found
