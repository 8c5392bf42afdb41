"""The mapped state of one ocid, as plain data the writer turns into rows."""

from dataclasses import dataclass, field
from datetime import date, datetime

from procurement.models import Award


@dataclass
class PartyData:
    key: str  # the party's id in the release, or "name:" + its name
    name: str
    kind: str
    country: str = ""
    identifiers: list[tuple[str, str, str]] = field(default_factory=list)  # scheme, id, legal


@dataclass
class DocumentData:
    ocds_id: str
    title: str
    document_type: str
    url: str
    language: str = ""
    date_published: date | None = None
    ocds_type: str = ""  # documentType as the publisher wrote it
    times: dict[str, str] = field(default_factory=dict)


@dataclass
class AmendmentData:
    ocds_id: str
    amended_on: date | None
    rationale: str
    description: str
    value: dict
    times: dict[str, str] = field(default_factory=dict)


@dataclass
class ContractData:
    ocds_id: str
    award_ocds_id: str
    title: str
    description: str
    status: str
    signed_on: date | None
    period_start: date | None
    period_end: date | None
    value: dict
    documents: list[DocumentData]
    amendments: list[AmendmentData]
    value_source: str = ""  # the release that stated the value, when a later one changed it
    times: dict[str, str] = field(default_factory=dict)


@dataclass
class AwardData:
    ocds_id: str
    title: str
    description: str
    status: str
    award_date: date | None
    value: dict
    supplier_keys: list[str]
    documents: list[DocumentData]
    times: dict[str, str] = field(default_factory=dict)


@dataclass
class ProcessData:
    ocid: str
    country: str
    buyer_key: str | None
    title: str
    description: str
    sector: str
    main_category: str
    method: str
    method_details: str
    method_rationale: str
    status: str
    tender_start: datetime | None
    tender_end: datetime | None
    number_of_tenderers: int | None
    estimate: dict
    exemption_claimed: bool  # the rationale is classified as "procedure under international rules"
    law_stated: bool  # the rationale or details name the procurement law the process followed
    funded: bool  # a party has the role funder (a lender, when an agreement is named)
    agreement_text: str  # where an agreement's title may be named: rationale, details, documents
    parties: dict[str, PartyData]
    documents: list[DocumentData]
    awards: list[AwardData]
    contracts: list[ContractData]
    language: str = ""
    times: dict[str, str] = field(default_factory=dict)

    def legal_basis(self, agreement_found: bool) -> str:
        """A known agreement with a funder among the parties is a loan agreement; an exempted
        award names its agreement when one is known, otherwise the basis is undisclosed. The
        procurement law only when the data names it: a procurement method alone does not
        say under which rules the award was made, so the basis is "not stated"."""
        if agreement_found and self.funded:
            return Award.LegalBasis.LOAN
        if self.exemption_claimed:
            return Award.LegalBasis.AGREEMENT if agreement_found else Award.LegalBasis.UNKNOWN
        return Award.LegalBasis.PROCUREMENT_LAW if self.law_stated else Award.LegalBasis.NOT_STATED
