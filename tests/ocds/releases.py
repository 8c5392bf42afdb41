"""Small valid OCDS releases for tests, and files written from them."""

import copy
import gzip
import json
from pathlib import Path


def release(ocid: str = "ocds-test01-1", release_id: str = "", **changes) -> dict:
    """A valid release: a Serbian buyer, one supplier, an open tender, one award, one contract.
    `changes` replace top-level keys; nested edits are made on the returned dict."""
    data = {
        "ocid": ocid,
        "id": release_id or f"{ocid}-r1",
        "date": "2024-03-01T10:00:00Z",
        "tag": ["award", "contract"],
        "initiationType": "tender",
        "parties": [
            {
                "id": f"buyer-{ocid}",
                "name": f"Ministry {ocid}",
                "identifier": {"scheme": "RS-MB", "id": f"B{ocid}"},
                "roles": ["buyer"],
            },
            {
                "id": f"supplier-{ocid}",
                "name": f"Supplier {ocid} d.o.o.",
                "identifier": {"scheme": "RS-MB", "id": f"S{ocid}"},
                "roles": ["supplier"],
            },
        ],
        "buyer": {"id": f"buyer-{ocid}", "name": f"Ministry {ocid}"},
        "tender": {
            "id": f"{ocid}-tender",
            "title": f"Tender {ocid}",
            "status": "complete",
            "procurementMethod": "open",
            "value": {"amount": 1000, "currency": "EUR"},
            "numberOfTenderers": 3,
            "tenderPeriod": {
                "startDate": "2024-01-01T09:00:00Z",
                "endDate": "2024-02-01T09:00:00Z",
            },
        },
        "awards": [
            {
                "id": f"{ocid}-award",
                "title": f"Award {ocid}",
                "status": "active",
                "date": "2024-02-20T00:00:00Z",
                "value": {"amount": 900, "currency": "EUR"},
                "suppliers": [{"id": f"supplier-{ocid}", "name": f"Supplier {ocid} d.o.o."}],
            }
        ],
        "contracts": [
            {
                "id": f"{ocid}-contract",
                "awardID": f"{ocid}-award",
                "status": "active",
                "value": {"amount": 900, "currency": "EUR"},
                "dateSigned": "2024-03-01T00:00:00Z",
            }
        ],
    }
    data.update(changes)
    return copy.deepcopy(data)


def package(releases: list[dict]) -> dict:
    return {
        "uri": "https://example.org/package.json",
        "publishedDate": "2024-05-01T00:00:00Z",
        "publisher": {"name": "Test publisher"},
        "version": "1.1",
        "releases": releases,
    }


def write_package(path: Path, releases: list[dict]) -> Path:
    text = json.dumps(package(releases), indent=1)
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    return path


def write_lines(path: Path, values: list) -> Path:
    path.write_text("".join((v if isinstance(v, str) else json.dumps(v)) + "\n" for v in values))
    return path
