"""OCDS records and streamed packages.

A record's compiled release is the tracker's current release of the process — exactly the
release a release package holds for it (tagged "compiled", as OCDS asks): one party per
organisation with the tracker's ids, only published awards and contracts, values as reviewed.
Its `releases` are links: the
publisher's releases (the links its own record listed, or each imported release as a link to
the published form of the process, `/processes/<id>/ocds.json`) and the tracker's current
release. Imported releases are never embedded or merged: they hold what came in before any
review (unverified awards, values a reviewer corrected since, the publisher's own party ids,
which would list every organisation twice next to the tracker's).
"""

import json
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.urls import reverse

from procurement.models import ProcurementProcess
from procurement.ocds.export import package_metadata, release_for_process


def process_release_url(process: ProcurementProcess) -> str:
    """Where the published form of one process is: a release package with its release."""
    return settings.SITE_URL + reverse("process-ocds", args=[process.pk])


def _link(url: str, release: dict) -> dict:
    return {"url": url, "date": release.get("date"), "tag": release.get("tag") or ["compiled"]}


def record_for_process(process: ProcurementProcess) -> dict:
    """A record: links to the releases known for the OCID (the publisher's, then the current
    state's unless it is one of them) and the current release as the compiled release."""
    release = release_for_process(process)
    own_url = process_release_url(process)
    links: list[dict] = []
    current_listed = False
    for imported in process.releases.all():  # current versions, by date
        data = imported.data
        current_listed |= data.get("id") == release["id"]
        links += imported.links or [_link(own_url, data)]
    if not current_listed:
        links.append(_link(own_url, release))
    unique = {(link.get("url"), link.get("date")): link for link in links}
    return {
        "ocid": process.ocid,
        "releases": sorted(unique.values(), key=lambda link: str(link.get("date") or "")),
        # OCDS tags a record's compiled release "compiled"; the rest is the release itself.
        "compiledRelease": {**release, "tag": ["compiled"]},
    }


def record_package(processes: Iterable[ProcurementProcess], *, uri: str) -> dict:
    """A record package: one record (releases + compiled release) per process."""
    return {**package_metadata(uri), "records": [record_for_process(p) for p in processes]}


def iter_package(
    processes: Iterable[ProcurementProcess], *, uri: str, records: bool = False
) -> Iterator[str]:
    """A release (or record) package as JSON text, one release or record at a time."""
    key, build = ("records", record_for_process) if records else ("releases", release_for_process)
    head = json.dumps(package_metadata(uri), ensure_ascii=False)
    yield f'{head[:-1]}, "{key}": ['
    for number, process in enumerate(processes):
        yield ("," if number else "") + json.dumps(build(process), ensure_ascii=False)
    yield "]}"
