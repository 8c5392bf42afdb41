"""OCDS records and streamed packages: the releases known for an OCID and the release compiled
from them (`ocdsmerge`, with the shipped 1.1.5 schema, never fetched from the network).

An imported release (OcdsRelease) holds what came in before any review — unverified awards
and contracts, values a reviewer corrected since, parties nobody published. It is shown as it
came, and merged into the compiled release, only when everything in it is published: each of
its awards and contracts, and each of its parties a buyer or a supplier. Otherwise the
record's releases are links to the published form of the process (`/processes/<id>/ocds.json`,
a release package), never the imported text; OCDS lets a record hold links or releases, not
both, so then every release of that record is a link.
"""

import json
from collections.abc import Iterable, Iterator
from functools import cache

import ocdsmerge
from django.conf import settings
from django.urls import reverse

from procurement.models import ProcurementProcess
from procurement.ocds.export import award_id, package_metadata, release_for_process
from procurement.ocds.schema import schema


@cache
def _merger() -> ocdsmerge.Merger:
    return ocdsmerge.Merger(schema=schema("release-schema.json"))


# Party roles an imported release may hold and still be shown as it came: the buyer (who
# may also be the procuring entity) and the suppliers of its awards, all public once those are.
_SHOWN_ROLES = {"buyer", "supplier"}


def process_release_url(process: ProcurementProcess) -> str:
    """Where the published form of one process is: a release package with its release."""
    return settings.SITE_URL + reverse("process-ocds", args=[process.pk])


def _published_ids(process: ProcurementProcess) -> tuple[set[str], set[str]]:
    """OCDS ids of the process's published awards and contracts (only those are prefetched)."""
    awards = list(process.awards.all())
    contracts = [(award, c) for award in awards for c in award.contracts.all()]
    return (
        {award_id(process, award) for award in awards},
        {c.ocds_id or f"{process.ocid}-contract-{c.pk}" for _award, c in contracts},
    )


def _all_published(data: dict, awards: set[str], contracts: set[str]) -> bool:
    """Whether everything an imported release holds is published: each of its awards and
    contracts, and each of its parties a buyer or a supplier (of those published awards)."""
    if any(a.get("id") not in awards for a in data.get("awards") or []):
        return False
    if any(c.get("id") not in contracts for c in data.get("contracts") or []):
        return False
    for party in data.get("parties") or []:
        roles = set(party.get("roles") or [])
        if "buyer" in roles:
            roles.discard("procuringEntity")
        if not roles <= _SHOWN_ROLES:
            return False
    return True


def _linked(process: ProcurementProcess, data: dict) -> dict:
    """An imported release as a link to the published form of its process, never its text."""
    return {"url": process_release_url(process), "date": data.get("date"), "tag": ["compiled"]}


def record_for_process(process: ProcurementProcess) -> dict:
    """A record: the releases known for the OCID (imported ones, then the current state) and
    the compiled release merged from the published ones. An imported release is shown as it
    came only when everything in it is published (each award, contract and party); otherwise
    every release of the record is a link to the published form of the process (OCDS lets a
    record hold links or releases, not both), and nothing unpublished is merged."""
    release = release_for_process(process)
    imported = [r.data for r in process.releases.all() if r.data.get("id") != release["id"]]
    awards, contracts = _published_ids(process)
    shown = [data for data in imported if _all_published(data, awards, contracts)]
    merged = sorted([*shown, release], key=lambda r: r.get("date", ""))
    if len(shown) == len(imported):
        releases = merged
    else:
        every = sorted([*imported, release], key=lambda r: r.get("date", ""))
        releases = [_linked(process, data) for data in every]
    return {
        "ocid": process.ocid,
        "releases": releases,
        "compiledRelease": _merger().create_compiled_release(merged),
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
