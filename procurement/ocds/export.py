"""OCDS 1.1 export: one release per contracting process, and release packages.

Public functions (the OCDS import is their inverse; records and streamed packages are in
procurement.ocds.records):
- `release_for_process(process) -> dict` — the current state of one process as a release;
- `release_package(processes, uri=…) -> dict`.
The caller passes processes from `procurement.ocds.selectors.exports.processes_for_export()`, which
prefetches everything read here and keeps only published processes, awards and contracts.

Field mapping (tracker → OCDS):
- ProcurementProcess: ocid → ocid; country → parties[].address.countryName of the buyer;
  title/description → tender.title/description; status → tender.status (same codes);
  method → tender.procurementMethod ("direct" when blank and an award cites an agreement);
  method_details → procurementMethodDetails; method_rationale → procurementMethodRationale,
  followed by the agreement's citation (title, exempting provision, signature and
  ratification); value (estimate) → tender.value; tender_start/end → tender.tenderPeriod;
  number_of_tenderers → tender.numberOfTenderers; main_category → mainProcurementCategory;
  documents → tender.documents. Sector has no OCDS field and is not exported.
- buyer → parties[] (roles buyer, procuringEntity) + buyer + tender.procuringEntity.
- Organisation → party (procurement.ocds.parties): id `<scheme>-<identifier>` of its first
  registry identifier, else `ptwb-org-<folded name>`; name; identifier {scheme, id,
  legalName}; the other identifiers in additionalIdentifiers.
- Award → awards[]: id (its imported OCDS id, else `<ocid>-award-<pk>`), title,
  description, status (same codes), date (the publisher's timestamp as written while the
  date is unchanged, else award_date at 00:00 UTC; a year-only date is its 1 January), value
  (as stated, up to six decimals; omitted when undisclosed — never 0), suppliers (parties
  with role supplier), documents.
- Agreement of an award → tender.documents[] (documentType procurementMethodRationale, id
  `agreement-<pk>`, listed once even when an import made a copy of it); if it exempts from
  procurement law, the classification `int-rules` of scheme eu-direct-award-justification
  (extension declared in the package) and its citation appended to the rationale (once);
  its signatories → parties with role interestedParty, lenders (loan basis) → funder.
- Contract → contracts[]: id (imported, else `<ocid>-contract-<pk>`), awardID, title,
  description, status, value (the last disclosed amendment's value, else the contract's),
  dateSigned, period {startDate, endDate}, amendments[] {id (imported, else
  `<ocid>-amendment-<pk>`), date, description, rationale}, documents.
- Document → documents[]: id (imported, else `doc-<pk>`), title, url, documentType (the
  publisher's label, else the tracker's type when it is an OCDS code), datePublished,
  language. Uploaded files without a public link are not exported.
- Every timestamp an import stored (`ocds_times`) is written back as the publisher wrote it
  (offset, fractions) while the record still holds that date; `language` is the
  publisher's (the tracker's own records are "en").
- Release: id `<ocid>-<latest change, UTC, %Y%m%dT%H%M%SZ>`, date = that change — or the
  id and date of the latest imported release when it holds the same information;
  tag = tender (+ award, contract, contractAmendment as present), initiationType tender.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime

from django.conf import settings
from django.utils import timezone

from procurement.models import Award, Document, Organisation, ProcurementProcess
from procurement.ocds.parties import Parties, clean

RATIONALE_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_procurementMethodRationaleClassifications_extension/master/extension.json"
)
DIRECT_DETAILS = (
    "Direct award outside the Public Procurement Law (intergovernmental-agreement exemption)"
)
PUBLISHER_NAME = "Procurement Transparency Tracker"
OCDS_DOCUMENT_TYPES = {
    "contractSigned",
    "awardNotice",
    "contractNotice",
    "tenderNotice",
    "procurementMethodRationale",
    "evaluationReports",
    "complaints",
    "procurementPlan",
}


def rfc3339(value: date | datetime | None) -> str | None:
    """A date or aware datetime as an RFC 3339 UTC timestamp ("2020-09-04T00:00:00Z")."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        return f"{value.isoformat()}T00:00:00Z"
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def timestamp(record, key: str, value: date | datetime | None) -> str | None:
    """The record's `key` timestamp as its OCDS source wrote it (offset and precision kept)
    while the record still holds that date or instant; otherwise (a reviewer corrected it,
    or it was never imported) the value in UTC."""
    written = (getattr(record, "ocds_times", None) or {}).get(key)
    if written and value is not None:
        try:
            moment = datetime.fromisoformat(written)
        except ValueError:
            moment = None
        if moment is not None and (
            moment == value if isinstance(value, datetime) else moment.date() == value
        ):
            return written
    return rfc3339(value)


def _money(record) -> dict | None:
    if record.value_status != "disclosed":
        return None  # undisclosed: omitted, never 0
    amount = record.value_amount.normalize()
    # As stated: six decimals at most are stored, and a float holds them exactly enough
    # for JSON to print the shortest form (259658.286, never 259658.29).
    number = int(amount) if amount == amount.to_integral_value() else float(amount)
    return {"amount": number, "currency": record.value_currency}


def _document(document: Document) -> dict | None:
    if not document.url:
        return None  # an uploaded file has no public link
    doc_type = document.document_type if document.document_type in OCDS_DOCUMENT_TYPES else ""
    return clean(
        {
            "id": document.ocds_id or f"doc-{document.pk}",
            # The publisher's own label (an open codelist) when it gave one.
            "documentType": document.ocds_type or doc_type,
            "title": document.title,
            "url": document.url,
            "datePublished": timestamp(document, "datePublished", document.date_published),
            "language": document.language,
        }
    )


def _documents(documents: Iterable[Document]) -> list[dict]:
    return [d for d in map(_document, documents) if d]


def agreement_citation(agreement) -> str:
    """The legal basis in words: the agreement, its exempting provision, signature, ratification."""
    parts = [f"Legal basis: {agreement.title}"]
    if agreement.exemption_reference:
        parts.append(f"exempting provision: {agreement.exemption_reference}")
    if agreement.signed_on:
        signed = (
            str(agreement.signed_on.year)
            if agreement.signed_on_precision == "year"
            else agreement.signed_on.isoformat()
        )
        parts.append(f"signed {signed}")
    if agreement.ratified_on:
        ratified = f"ratified {agreement.ratified_on.isoformat()}"
        if agreement.ratification_reference:
            ratified += f" ({agreement.ratification_reference})"
        parts.append(ratified)
    return "; ".join(parts) + "."


def _agreement_document(agreement) -> dict:
    links = [d.url for d in agreement.documents.all() if d.url]
    return clean(
        {
            "id": f"agreement-{agreement.pk}",
            "documentType": "procurementMethodRationale",
            "title": agreement.title,
            "description": agreement.exemption_text or agreement.description,
            "url": links[0] if links else None,
            "datePublished": rfc3339(agreement.signed_on),
        }
    )


def award_id(process, award: Award) -> str:
    return award.ocds_id or f"{process.ocid}-award-{award.pk}"


def _award(process, award: Award, parties: Parties) -> dict:
    suppliers = [parties.add(link.organisation, "supplier") for link in award.supplier_links.all()]
    return clean(
        {
            "id": award_id(process, award),
            "title": award.title,
            "description": award.description,
            "status": award.status,
            "date": timestamp(award, "date", award.award_date),
            "value": _money(award),
            "suppliers": suppliers,
            "documents": _documents(award.documents.all()),
        }
    )


def _contract(process, award: Award, contract) -> dict:
    amendments = list(contract.amendments.all())
    valued = [a for a in amendments if a.value_status == "disclosed"]
    return clean(
        {
            "id": contract.ocds_id or f"{process.ocid}-contract-{contract.pk}",
            "awardID": award_id(process, award),
            "title": contract.title,
            "description": contract.description,
            "status": contract.status,
            "value": _money(valued[-1] if valued else contract),
            "dateSigned": timestamp(contract, "dateSigned", contract.signed_on),
            "period": clean(
                {
                    "startDate": timestamp(contract, "period.startDate", contract.period_start),
                    "endDate": timestamp(contract, "period.endDate", contract.period_end),
                }
            ),
            "amendments": [
                clean(
                    {
                        "id": a.ocds_id or f"{process.ocid}-amendment-{a.pk}",
                        "date": timestamp(a, "date", a.amended_on),
                        "description": a.description,
                        "rationale": a.rationale,
                    }
                )
                for a in amendments
            ],
            "documents": _documents(contract.documents.all()),
        }
    )


def _tender(process: ProcurementProcess, awards: list[Award], parties: Parties) -> dict:
    agreements = {a.agreement_id: a.agreement for a in awards if a.agreement_id}
    exempting = [
        a.agreement
        for a in awards
        if a.agreement_id and a.legal_basis in Award.BASES_NAMING_AGREEMENT
    ]
    method = process.method or ("direct" if exempting else "")
    rationale = process.method_rationale
    for agreement in dict.fromkeys(exempting):
        citation = agreement_citation(agreement)
        if citation not in rationale:  # an imported rationale already cites it
            rationale = f"{rationale} {citation}".strip()
    classifications = [
        {
            "scheme": "eu-direct-award-justification",
            "id": "int-rules",
            "description": "Procedure according to international rules",
        }
        for agreement in dict.fromkeys(exempting)
        if agreement.exempts_procurement
    ][:1]
    return clean(
        {
            "id": f"{process.ocid}-tender",
            "title": process.title,
            "description": process.description,
            "status": process.status,
            "procuringEntity": parties.add(process.buyer, "procuringEntity")
            if process.buyer
            else None,
            "procurementMethod": method,
            "procurementMethodDetails": process.method_details
            or (DIRECT_DETAILS if exempting else ""),
            "procurementMethodRationale": rationale,
            "procurementMethodRationaleClassifications": classifications,
            "mainProcurementCategory": process.main_category,
            "value": _money(process),
            "tenderPeriod": clean(
                {
                    "startDate": timestamp(process, "tenderPeriod.startDate", process.tender_start),
                    "endDate": timestamp(process, "tenderPeriod.endDate", process.tender_end),
                }
            ),
            "numberOfTenderers": process.number_of_tenderers,
            "documents": list(_tender_documents(process, agreements.values())),
        }
    )


def _tender_documents(process: ProcurementProcess, agreements) -> Iterable[dict]:
    """The process's documents, then its agreements'; an agreement's entry replaces the copy
    an import of an earlier export made of it (same id), so it is listed once."""
    documents = {d["id"]: d for d in _documents(process.documents.all())}
    documents.update((d["id"], d) for d in map(_agreement_document, agreements))
    return documents.values()


def _agreement_parties(awards: list[Award], parties: Parties) -> None:
    for award in awards:
        if not award.agreement_id:
            continue
        for party in award.agreement.parties.all():
            lender = party.organisation.kind == Organisation.Kind.LENDER
            role = "funder" if lender and award.legal_basis == "loan" else "interestedParty"
            parties.add(party.organisation, role)


def release_for_process(process: ProcurementProcess) -> dict:
    """The current state of a contracting process as one OCDS 1.1 release."""
    awards = list(process.awards.all())
    parties = Parties()
    buyer = parties.add(process.buyer, "buyer") if process.buyer else None
    tender = _tender(process, awards, parties)
    award_objects = [_award(process, award, parties) for award in awards]
    contracts = [(award, contract) for award in awards for contract in award.contracts.all()]
    _agreement_parties(awards, parties)
    changed = max(
        [
            process.updated_at,
            *(a.updated_at for a in awards),
            *(c.updated_at for _a, c in contracts),
        ]
    )
    tags = ["tender"]
    if awards:
        tags.append("award")
    if contracts:
        tags.append("contract")
    if any(c.amendments.all() for _a, c in contracts):
        tags.append("contractAmendment")
    release = clean(
        {
            "ocid": process.ocid,
            "id": f"{process.ocid}-{changed.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            "date": rfc3339(changed),
            "tag": tags,
            "initiationType": "tender",
            # The publisher's language for imported text; the tracker's own is English.
            "language": process.language or "en",
            "parties": list(parties.entries.values()),
            "buyer": buyer,
            "tender": tender,
            "awards": award_objects,
            "contracts": [_contract(process, a, c) for a, c in contracts],
        }
    )
    return _keeping_imported_identity(process, release)


def _keeping_imported_identity(process: ProcurementProcess, release: dict) -> dict:
    """The release keeps the id and date of the latest imported release when it says exactly
    the same (its tags aside): rows touched since (a review decision, a re-import) changed no
    information, so republishing our own or anyone's release never mints a new one for the
    same content."""
    imported = list(process.releases.all())  # by date
    if not imported:
        return release
    latest = imported[-1].data
    # A record's compiled release (tagged "compiled") says the same as the release it was
    # compiled from: the tag is not information about the process.
    identity = ("id", "date", "tag")
    if {k: v for k, v in latest.items() if k not in identity} != {
        k: v for k, v in release.items() if k not in identity
    }:
        return release
    return {**release, "id": latest["id"], "date": latest["date"]}


def package_metadata(uri: str, published: datetime | None = None) -> dict:
    return {
        "uri": uri,
        "version": "1.1",
        "extensions": [RATIONALE_EXTENSION],
        "publishedDate": rfc3339(published or timezone.now()),
        "publisher": {"name": PUBLISHER_NAME, "uri": settings.SITE_URL},
    }


def release_package(processes: Iterable[ProcurementProcess], *, uri: str) -> dict:
    """A release package: one current-state release per process."""
    return {**package_metadata(uri), "releases": [release_for_process(p) for p in processes]}
