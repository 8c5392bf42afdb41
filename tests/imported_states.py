"""One imported contracting process in every review state that must not leak: a published
award (whose value a reviewer corrected after the import), an unverified award, a rejected
award and an unverified contract under the published award; their suppliers, and the buyer of
a second process nobody reviewed, are organisations seen only in unverified imports."""

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from procurement.models import Award, Contract, Organisation, ProcurementProcess
from procurement.ocds.importer.session import Options
from procurement.ocds.services import import_file, new_run
from procurement.review.services.decisions import review_transition
from tests.ocds.releases import package

WORD = "Zlatiborska"  # a word of the imported process's title
OCID = "ocds-test01-LEAKS"
HIDDEN_OCID = "ocds-test01-HIDDEN"
PUBLISHED_AWARD = "PUBLISHED-AWARD-LEAK cameras"
PUBLISHED_SUPPLIER = "Visible Supplier d.o.o."
BUYER = "Ministry of Leaks"
# Strings that nobody but reviewers may be shown (and nobody at all in an export).
SECRETS = [
    "UNVERIFIED-AWARD-LEAK",
    "REJECTED-AWARD-LEAK",
    "UNVERIFIED-CONTRACT-LEAK",
    "Hiddenunverified Supplier",
    "Hiddenrejected Supplier",
    "Hiddenmunicipality",
    "765432",  # the unverified contract's value
    "123457",  # the published award's value before the reviewer's correction
]


def _party(pid: str, name: str, roles: list[str], kind_id: str) -> dict:
    return {
        "id": pid,
        "name": name,
        "identifier": {"scheme": "RS-MB", "id": kind_id},
        "roles": roles,
    }


def _award(aid: str, title: str, amount: int, supplier: tuple[str, str]) -> dict:
    return {
        "id": aid,
        "title": title,
        "status": "active",
        "date": "2024-02-20T00:00:00Z",
        "value": {"amount": amount, "currency": "EUR"},
        "suppliers": [{"id": supplier[0], "name": supplier[1]}],
    }


def releases() -> list[dict]:
    visible = ("s-visible", PUBLISHED_SUPPLIER)
    unverified = ("s-unverified", "Hiddenunverified Supplier d.o.o.")
    rejected = ("s-rejected", "Hiddenrejected Supplier d.o.o.")
    leaky = {
        "ocid": OCID,
        "id": f"{OCID}-r1",
        "date": "2024-03-01T10:00:00Z",
        "tag": ["award", "contract"],
        "initiationType": "tender",
        "parties": [
            _party("buyer", BUYER, ["buyer"], "B-LEAKS"),
            _party(*visible, ["supplier"], "S-VISIBLE"),
            _party(*unverified, ["supplier"], "S-UNVERIFIED"),
            _party(*rejected, ["supplier"], "S-REJECTED"),
        ],
        "buyer": {"id": "buyer", "name": BUYER},
        "tender": {
            "id": f"{OCID}-tender",
            "title": f"{WORD} city cameras",
            "status": "complete",
            "procurementMethod": "open",
        },
        "awards": [
            _award("a-published", PUBLISHED_AWARD, 123457, visible),
            _award("a-unverified", "UNVERIFIED-AWARD-LEAK servers", 222222, unverified),
            _award("a-rejected", "REJECTED-AWARD-LEAK software", 333333, rejected),
        ],
        "contracts": [
            {
                "id": "c-unverified",
                "awardID": "a-published",
                "title": "UNVERIFIED-CONTRACT-LEAK signed",
                "status": "active",
                "value": {"amount": 765432, "currency": "EUR"},
                "dateSigned": "2024-03-01T00:00:00Z",
            }
        ],
    }
    hidden = {
        "ocid": HIDDEN_OCID,
        "id": f"{HIDDEN_OCID}-r1",
        "date": "2024-03-02T10:00:00Z",
        "tag": ["tender"],
        "initiationType": "tender",
        "parties": [_party("hb", "Hiddenmunicipality of Zlatibor", ["buyer"], "B-HIDDEN")],
        "buyer": {"id": "hb", "name": "Hiddenmunicipality of Zlatibor"},
        "tender": {"id": f"{HIDDEN_OCID}-t", "title": f"{WORD} parking", "status": "active"},
    }
    return [leaky, hidden]


@dataclass
class Imported:
    process: ProcurementProcess
    published: Award
    unverified: Award
    rejected: Award
    contract: Contract
    hidden_supplier: Organisation
    hidden_buyer: Organisation
    buyer: Organisation


def import_states(directory: Path, reviewer) -> Imported:
    """Import the releases, publish one award (and correct its value), reject another."""
    path = directory / "leaks.json"
    path.write_text(json.dumps(package(releases())))
    options = Options(red_flags=False)
    import_file(new_run(source_name=str(path), options=options), path, options)
    awards = {a.ocds_id: a for a in Award.objects.filter(process__ocid=OCID)}
    published, rejected = awards["a-published"], awards["a-rejected"]
    for action in ("verify", "publish"):
        review_transition(kind="award", pk=published.pk, action=action, actor=reviewer)
    review_transition(kind="award", pk=rejected.pk, action="reject", actor=reviewer, note="no")
    Award.objects.filter(pk=published.pk).update(value_amount=Decimal("123999"))  # corrected
    return Imported(
        process=ProcurementProcess.objects.get(ocid=OCID),
        published=Award.objects.get(pk=published.pk),
        unverified=awards["a-unverified"],
        rejected=Award.objects.get(pk=rejected.pk),
        contract=Contract.objects.get(ocds_id="c-unverified"),
        hidden_supplier=Organisation.objects.get(name="Hiddenunverified Supplier d.o.o."),
        hidden_buyer=Organisation.objects.get(name="Hiddenmunicipality of Zlatibor"),
        buyer=Organisation.objects.get(name=BUYER),
    )
