"""Mapping a compiled OCDS release (and the releases it was compiled from) to the tracker's
model, as plain data; pure: no database. Choices that need the database (which existing
organisation a party is, which agreement a rationale names) are left to the writer.

A problem the schema cannot see (a contract naming an award that does not exist, a tender
period that ends before it starts, a negative amount, a currency outside ISO 4217 as we hold
it, a buyer whose country cannot be told) raises MappingError with the JSON path.
"""

import re

from procurement.core.folding import fold
from procurement.models import Award, Document, Organisation, ProcurementProcess

from .amendments import value_history
from .data import AwardData, ContractData, DocumentData, PartyData, ProcessData
from .fields import (
    MappingError,
    clip,
    country_of_party,
    money,
    timestamps,
    to_date,
    to_datetime,
)
from .sectors import sector_of

BUYER_ROLES = ("buyer", "procuringEntity")
EXEMPTION_CODES = {"int-rules"}  # eu-direct-award-justification: international rules
# The tracker's document types by their code folded without spaces: "Contract Signed" and
# "contractsigned" are contractSigned; any other label is kept as written (ocds_type).
DOCUMENT_TYPES = {fold(code).replace(" ", ""): code for code in Document.Type.values}
# A procurement law named in the method's rationale or details (folded): only then does the
# data state that the award was made under it.
_PROCUREMENT_LAW = re.compile(
    r"procurement (law|act)|public procurement|ley de (adquisiciones|contrataciones|obras)|"
    r"javnim nabavkama|javnih nabavki|javnite nabavki|javne nabavke|prokurimin publik|"
    r"prokurimit publik|publicni zakupivli|publichni zakupivli|goszakup"
)


def _kind_of(roles: list) -> str:
    if any(role in roles for role in (*BUYER_ROLES, "payer")):
        return Organisation.Kind.PUBLIC_AUTHORITY
    if "funder" in roles:
        return Organisation.Kind.LENDER
    return Organisation.Kind.COMPANY


def _identifiers(party: dict) -> list[tuple[str, str, str]]:
    found = []
    for identifier in [party.get("identifier"), *(party.get("additionalIdentifiers") or [])]:
        if isinstance(identifier, dict) and identifier.get("scheme") and identifier.get("id"):
            found.append(
                (
                    clip(identifier["scheme"], 40),
                    clip(identifier["id"], 100),
                    clip(identifier.get("legalName"), 300),
                )
            )
    return found


class _Parties:
    """Resolves organisation references against the release's parties."""

    def __init__(self, release: dict) -> None:
        self.by_id = {
            str(p["id"]): p for p in release.get("parties") or [] if p.get("id") is not None
        }
        self.used: dict[str, PartyData] = {}

    def resolve(self, reference: object, path: str, role: str) -> str | None:
        """The key of the organisation `reference` names. Without a `parties` entry (OCDS
        1.0, where the buyer and suppliers are whole organisations) the reference itself
        gives the address and identifier."""
        if not isinstance(reference, dict):
            return None
        party = self.by_id.get(str(reference.get("id"))) if reference.get("id") else None
        party = party or reference
        identifiers = _identifiers(party)
        name = party.get("name") or reference.get("name") or (identifiers and identifiers[0][2])
        if not name:
            raise MappingError(path, "the organisation has no name (neither here nor in parties)")
        key = str(reference["id"]) if reference.get("id") else f"name:{name}"
        if key not in self.used:
            self.used[key] = PartyData(
                key=key,
                name=clip(name, 300),
                kind=_kind_of([*(party.get("roles") or []), role]),
                country=country_of_party(party),
                identifiers=identifiers,
            )
        return key


def _documents(documents: object, path: str) -> list[DocumentData]:
    found = []
    for document in documents or []:
        url = str(document.get("url") or "")
        if not url or len(url) > 500:
            continue  # a document is kept only as a link; none to keep
        label = str(document.get("documentType") or "").strip()
        found.append(
            DocumentData(
                ocds_id=clip(document.get("id"), 200),
                title=clip(document.get("title") or label or url, 300),
                document_type=DOCUMENT_TYPES.get(fold(label).replace(" ", ""), "other"),
                url=url,
                language=clip(document.get("language"), 10),
                date_published=to_date(document.get("datePublished")),
                ocds_type=clip(label, 100),
                times=timestamps(datePublished=document.get("datePublished")),
            )
        )
    return found


def map_release(compiled: dict, history: list[dict], default_country: str = "") -> ProcessData:
    """The process, awards, contracts, amendments, documents and parties of one ocid."""
    tender = compiled.get("tender") or {}
    parties = _Parties(compiled)
    buyer_ref = compiled.get("buyer") or tender.get("procuringEntity")
    if not buyer_ref:
        role_holders = [
            p for p in compiled.get("parties") or [] if set(p.get("roles") or []) & {"buyer"}
        ]
        buyer_ref = role_holders[0] if role_holders else None
    buyer_key = parties.resolve(buyer_ref, "buyer", "buyer")
    country = (parties.used[buyer_key].country if buyer_key else "") or default_country
    if not country:
        raise MappingError(
            "buyer",
            "the buyer's country cannot be told (no address.countryName, no identifier "
            "scheme with a country prefix): give a default country for the import",
        )
    if buyer_key and not parties.used[buyer_key].country:
        # A public buyer is in the country of its processes: the export then says so.
        parties.used[buyer_key].country = country
    awards = [_award(award, index, compiled, parties) for index, award in _each(compiled, "awards")]
    contracts = _contracts(compiled, history, awards, parties)
    period = tender.get("tenderPeriod") or {}
    start, end = (to_datetime(period.get(k)) for k in ("startDate", "endDate"))
    if start and end and end < start:
        raise MappingError("tender.tenderPeriod.endDate", "the tender period ends before it starts")
    tenderers = tender.get("numberOfTenderers")
    if isinstance(tenderers, int) and tenderers < 0:
        raise MappingError("tender.numberOfTenderers", "a negative number of tenderers")
    classifications = tender.get("procurementMethodRationaleClassifications") or []
    documents = _documents(tender.get("documents"), "tender.documents")
    documents += _documents((compiled.get("planning") or {}).get("documents"), "planning")
    rationale = str(tender.get("procurementMethodRationale") or "")
    details = str(tender.get("procurementMethodDetails") or "")
    title = tender.get("title") or next((a.title for a in awards), "") or compiled["ocid"]
    return ProcessData(
        ocid=compiled["ocid"],
        country=country,
        buyer_key=buyer_key,
        title=clip(title, 400),
        description=str(tender.get("description") or compiled.get("description") or ""),
        sector=sector_of(compiled),
        main_category=tender.get("mainProcurementCategory") or "",
        method=tender.get("procurementMethod") or "",
        method_details=clip(details, 400),
        method_rationale=rationale,
        status=_process_status(tender, awards),
        tender_start=start,
        tender_end=end,
        number_of_tenderers=tenderers,
        estimate=money(tender.get("value"), "tender.value"),
        exemption_claimed=any(
            isinstance(c, dict) and c.get("id") in EXEMPTION_CODES for c in classifications
        ),
        law_stated=bool(_PROCUREMENT_LAW.search(fold(f"{rationale} {details}"))),
        funded=any("funder" in (p.get("roles") or []) for _i, p in _each(compiled, "parties")),
        # Titles of link-less documents too: an agreement is often cited without a copy.
        agreement_text=" ".join(
            [
                rationale,
                details,
                *(str(d.get("title") or "") for _i, d in _each(tender, "documents")),
            ]
        ),
        parties=parties.used,
        documents=documents,
        awards=awards,
        contracts=contracts,
        language=clip(compiled.get("language"), 20),
        times=timestamps(
            **{
                "tenderPeriod.startDate": period.get("startDate"),
                "tenderPeriod.endDate": period.get("endDate"),
            }
        ),
    )


def _each(container: dict, key: str):
    return enumerate(item for item in container.get(key) or [] if isinstance(item, dict))


def _process_status(tender: dict, awards: list[AwardData]) -> str:
    if tender.get("status") in ProcurementProcess.Status.values:
        return tender["status"]
    return ProcurementProcess.Status.COMPLETE if awards else ProcurementProcess.Status.PLANNING


def _award(award: dict, index: int, compiled: dict, parties: _Parties) -> AwardData:
    path = f"awards[{index}]"
    suppliers = [
        parties.resolve(supplier, f"{path}.suppliers[{n}]", "supplier")
        for n, supplier in enumerate(award.get("suppliers") or [])
    ]
    tender_title = (compiled.get("tender") or {}).get("title")
    return AwardData(
        ocds_id=clip(award.get("id"), 200),
        title=clip(award.get("title") or tender_title or f"Award {award.get('id')}", 400),
        description=str(award.get("description") or ""),
        status=award.get("status") if award.get("status") in Award.Status.values else "active",
        award_date=to_date(award.get("date")),
        value=money(award.get("value"), f"{path}.value"),
        supplier_keys=list(dict.fromkeys(key for key in suppliers if key)),
        documents=_documents(award.get("documents"), f"{path}.documents"),
        times=timestamps(date=award.get("date")),
    )


def _contracts(
    compiled: dict, history: list[dict], awards: list[AwardData], parties: _Parties
) -> list[ContractData]:
    contracts = []
    award_ids = {award.ocds_id for award in awards}
    for index, contract in _each(compiled, "contracts"):
        path = f"contracts[{index}]"
        award_id = str(contract.get("awardID") or "")
        if not award_id and len(awards) == 1:
            award_id = awards[0].ocds_id
        if award_id not in award_ids:
            raise MappingError(f"{path}.awardID", f"no award with id {award_id!r} in this ocid")
        award = next(a for a in awards if a.ocds_id == award_id)
        period = contract.get("period") or {}
        start, end = to_date(period.get("startDate")), to_date(period.get("endDate"))
        if start and end and end < start:
            raise MappingError(
                f"{path}.period.endDate", "the contract period ends before it starts"
            )
        value, source, amendments = value_history(str(contract.get("id")), contract, history, path)
        documents = _documents(contract.get("documents"), f"{path}.documents")
        documents += _documents((contract.get("implementation") or {}).get("documents"), path)
        contracts.append(
            ContractData(
                ocds_id=clip(contract.get("id"), 200),
                award_ocds_id=award_id,
                title=clip(contract.get("title") or award.title, 400),
                description=str(contract.get("description") or ""),
                status=contract.get("status") if contract.get("status") in _CONTRACT else "active",
                signed_on=to_date(contract.get("dateSigned")),
                period_start=start,
                period_end=end,
                value=value,
                documents=documents,
                amendments=amendments,
                value_source=source,
                times=timestamps(
                    dateSigned=contract.get("dateSigned"),
                    **{
                        "period.startDate": period.get("startDate"),
                        "period.endDate": period.get("endDate"),
                    },
                ),
            )
        )
    return contracts


_CONTRACT = {"pending", "active", "cancelled", "terminated"}
