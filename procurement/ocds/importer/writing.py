"""Writing a batch of mapped processes: set-based, a fixed number of queries per batch.

Organisations, processes, awards, supplier links, contracts, amendments, documents and the
releases are each written with one bulk statement per batch (plus their history rows), so
the cost grows with the number of batches, not of rows. Rows found by natural key (ocid;
OCDS id within the parent) are updated only when a mapped field changed. Must run inside a
transaction: the caller wraps each batch in a savepoint and retries ocid by ocid when the
database refuses the batch, so that nothing of a refused ocid is half-written.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from procurement.awards.services.search_keys import award_search_document, supplier_columns
from procurement.core.bulk_insert import insert
from procurement.core.folding import fold_all
from procurement.models import (
    Award,
    AwardSupplier,
    Contract,
    ContractAmendment,
    Document,
    OcdsRelease,
    Organisation,
    OrganisationIdentifier,
    ProcurementProcess,
    ReviewStatus,
    Sector,
)

from .data import DocumentData, PartyData, ProcessData
from .parties import AgreementIndex, OrganisationIndex, lock_organisations_in_transaction
from .upsert import AMENDMENT_FIELDS, AWARD_FIELDS, CONTRACT_FIELDS, PROCESS_FIELDS, upsert


@dataclass
class Pending:
    """One ocid's mapped state and its new releases (OcdsRelease fields, but the process)."""

    data: ProcessData
    releases: list[dict]
    # Ids of stored compiled releases of this ocid that the new ones re-issue (replace).
    superseded: list[str] = field(default_factory=list)


class BatchWriter:
    """Writes batches for one import run; keeps the organisation and agreement indexes."""

    def __init__(self, import_run_id: int | None) -> None:
        self.import_run_id = import_run_id
        self.organisations = OrganisationIndex()
        self.agreements = AgreementIndex()
        self.search_keys: dict[int, tuple[str, str]] = {}  # organisation → its key, its group's
        self.names: dict[int, str] = {}  # organisation → its name (awards' supplier_names)
        # Organisations this run created, and those it found already there (committed only).
        self.created: set[int] = set()
        self.matched: set[int] = set()

    def write(self, batch: list[Pending]) -> list[int]:
        """Write the batch (inside the caller's transaction); returns the process ids."""
        mark = self.organisations.mark()
        self._new_ids: set[int] = set()
        self._found_ids: set[int] = set()
        try:
            ids = self._write(batch)
        except Exception:
            self.organisations.rollback_to(mark)
            raise
        self.created |= self._new_ids
        self.matched |= self._found_ids - self.created
        return ids

    def _write(self, batch: list[Pending]) -> list[int]:
        org_ids = self._organisations(batch)
        processes = self._processes(batch, org_ids)
        awards = self._awards(batch, processes, org_ids)
        contracts = self._contracts(batch, processes, awards)
        self._amendments(batch, processes, contracts)
        self._documents(batch, processes, awards, contracts)
        self._supersede(batch)
        releases = [
            {
                **release,
                "process_id": processes[item.data.ocid].pk,
                "import_run_id": self.import_run_id,
            }
            for item in batch
            for release in item.releases
        ]
        insert(OcdsRelease, releases, history=False)
        return [process.pk for process in processes.values()]

    def _supersede(self, batch: list[Pending]) -> None:
        """Compiled releases re-issued under their id: the stored version is kept as history."""
        replaced = Q()
        for item in batch:
            if item.superseded:
                replaced |= Q(ocid=item.data.ocid, release_id__in=item.superseded)
        if replaced:
            OcdsRelease.objects.filter(replaced, superseded_at__isnull=True).update(
                superseded_at=timezone.now()
            )

    def _organisations(self, batch: list[Pending]) -> dict[int, int]:
        """Organisation id of every party (keyed by id(PartyData)); creates the unknown and
        records identifiers not yet known, so that the next import matches by identifier."""
        lock_organisations_in_transaction()
        index = self.organisations
        index.top_up()
        resolved: dict[int, int] = {}
        new: list[tuple[dict, list[PartyData]]] = []
        among_new = OrganisationIndex()  # parties new to the database, matched among themselves
        unknown_identifiers: list[tuple[PartyData, tuple[str, str, str]]] = []
        for item in batch:
            for party in item.data.parties.values():
                unknown_identifiers += [
                    (party, i) for i in party.identifiers if (i[0], i[1]) not in index.by_identifier
                ]
                found = index.find(party)
                if found is not None:
                    resolved[id(party)] = found
                    continue
                position = among_new.find(party)
                if position is None:
                    position = len(new)
                    fields = {"name": party.name, "kind": party.kind, "country": party.country}
                    new.append(({**fields, "search_key": fold_all(party.name)}, []))
                new[position][1].append(party)
                among_new.add(position, party)
        ids = insert(Organisation, [fields for fields, _ in new])
        self._new_ids = set(ids)
        self._found_ids = set(resolved.values())
        for pk, (fields, parties) in zip(ids, new, strict=True):
            self.search_keys[pk] = (fields["search_key"], "")
            self.names[pk] = fields["name"]
            for party in parties:
                resolved[id(party)] = pk
                index.add(pk, party)
        rows = {
            (scheme, identifier): OrganisationIdentifier(
                organisation_id=resolved[id(party)],
                scheme=scheme,
                identifier=identifier,
                legal_name=legal,
            )
            for party, (scheme, identifier, legal) in unknown_identifiers
        }
        OrganisationIdentifier.objects.bulk_create(rows.values(), ignore_conflicts=True)
        self._load_search_keys(set(resolved.values()))
        return resolved

    def _load_search_keys(self, organisation_ids: set[int]) -> None:
        """Search keys of the organisations not seen yet in this run (with their group's)."""
        missing = organisation_ids - self.search_keys.keys()
        rows = Organisation.objects.filter(pk__in=missing).values_list(
            "pk", "name", "search_key", "parent__search_key"
        )
        for pk, name, key, parent_key in rows:
            self.search_keys[pk] = (key, parent_key or "")
            self.names[pk] = name

    def _processes(self, batch: list[Pending], org_ids: dict[int, int]) -> dict:
        ocids = [item.data.ocid for item in batch]
        existing = {p.ocid: p for p in ProcurementProcess.objects.filter(ocid__in=ocids)}
        wanted = {}
        for item in batch:
            data = item.data
            buyer = data.parties.get(data.buyer_key) if data.buyer_key else None
            wanted[data.ocid] = {
                "ocid": data.ocid,
                "country": data.country,
                "buyer_id": org_ids[id(buyer)] if buyer else None,
                "title": data.title,
                "description": data.description,
                "sector": data.sector,
                "main_category": data.main_category,
                "method": data.method,
                "method_details": data.method_details,
                "method_rationale": data.method_rationale,
                "status": data.status,
                "tender_start": data.tender_start,
                "tender_end": data.tender_end,
                "number_of_tenderers": data.number_of_tenderers,
                "language": data.language,
                "ocds_times": data.times,
                **data.estimate,
            }
        return upsert(
            ProcurementProcess,
            existing,
            wanted,
            PROCESS_FIELDS,
            review_status=ReviewStatus.UNVERIFIED,
        )

    def _awards(self, batch: list[Pending], processes: dict, org_ids: dict[int, int]) -> dict:
        process_ids = [p.pk for p in processes.values()]
        existing = {
            (a.process_id, a.ocds_id): a
            for a in Award.objects.filter(process__in=process_ids).exclude(ocds_id="")
        }
        wanted, suppliers = {}, {}
        for item in batch:
            data, process = item.data, processes[item.data.ocid]
            agreement_id = self.agreements.find(data.agreement_text)
            for award in data.awards:
                key = (process.pk, award.ocds_id)
                wanted[key] = {
                    "process_id": process.pk,
                    "ocds_id": award.ocds_id,
                    "title": award.title,
                    "description": award.description,
                    "status": award.status,
                    "award_date": award.award_date,
                    "legal_basis": data.legal_basis(agreement_id is not None),
                    "legal_basis_note": data.method_rationale if data.exemption_claimed else "",
                    "buyer_id": process.buyer_id,
                    # A process read from the database holds a Country object, which COPY
                    # cannot write: the code.
                    "country": str(process.country),
                    "method": process.method,
                    "sector": process.sector,
                    "ocds_times": award.times,
                    **award.value,
                }
                if agreement_id is not None or key not in existing:
                    wanted[key]["agreement_id"] = agreement_id
                suppliers[key] = list(
                    dict.fromkeys(org_ids[id(data.parties[k])] for k in award.supplier_keys)
                )
                wanted[key].update(
                    supplier_columns([(pk, self.names[pk]) for pk in suppliers[key]])
                )
                wanted[key]["search_document"] = self._search_document(
                    award, data, process, suppliers[key], wanted[key].get("agreement_id")
                )
        awards = upsert(
            Award, existing, wanted, AWARD_FIELDS, review_status=ReviewStatus.UNVERIFIED
        )
        self._supplier_links(awards, suppliers)
        return awards

    def _search_document(self, award, data, process, supplier_ids, agreement_id) -> str:
        """As procurement.awards.services.search_keys.refresh_awards builds it, from memory."""
        own = [self.search_keys[pk][0] for pk in supplier_ids]
        groups = [self.search_keys[pk][1] for pk in supplier_ids if self.search_keys[pk][1]]
        return award_search_document(
            award_title=award.title,
            award_description=award.description,
            process_title=data.title,
            process_description=data.description,
            ocid=data.ocid,
            buyer_key=self.search_keys[process.buyer_id][0] if process.buyer_id else "",
            supplier_keys=own + groups,
            agreement_key=self.agreements.search_keys.get(agreement_id, ""),
            sector_label=str(Sector(process.sector).label),
        )

    def _supplier_links(self, awards: dict, suppliers: dict) -> None:
        """Imported awards' suppliers are the release's: links are replaced when they differ."""
        award_ids = [award.pk for award in awards.values()]
        current: dict[int, list[int]] = {pk: [] for pk in award_ids}
        for award_id, organisation_id in AwardSupplier.objects.filter(
            award__in=award_ids
        ).values_list("award_id", "organisation_id"):
            current[award_id].append(organisation_id)
        stale = [
            awards[key].pk
            for key, wanted in suppliers.items()
            if sorted(set(wanted)) != sorted(current[awards[key].pk])
        ]
        if not stale:
            return
        AwardSupplier.objects.filter(award__in=stale).delete()
        stale = set(stale)
        links = [
            {"award_id": awards[key].pk, "organisation_id": organisation_id, "note": ""}
            for key, wanted in suppliers.items()
            if awards[key].pk in stale
            for organisation_id in dict.fromkeys(wanted)
        ]
        insert(AwardSupplier, links, history=False)

    def _contracts(self, batch: list[Pending], processes: dict, awards: dict) -> dict:
        award_ids = [award.pk for award in awards.values()]
        existing = {
            (c.award.process_id, c.ocds_id): c
            for c in Contract.objects.filter(award__in=award_ids)
            .exclude(ocds_id="")
            .select_related("award")
        }
        wanted = {}
        for item in batch:
            process_id = processes[item.data.ocid].pk
            for contract in item.data.contracts:
                award = awards[(process_id, contract.award_ocds_id)]
                wanted[(process_id, contract.ocds_id)] = {
                    "award_id": award.pk,
                    "ocds_id": contract.ocds_id,
                    "title": contract.title,
                    "description": contract.description,
                    "status": contract.status,
                    "signed_on": contract.signed_on,
                    "period_start": contract.period_start,
                    "period_end": contract.period_end,
                    "value_source": contract.value_source,
                    "ocds_times": contract.times,
                    **contract.value,
                }
        return upsert(
            Contract, existing, wanted, CONTRACT_FIELDS, review_status=ReviewStatus.UNVERIFIED
        )

    def _amendments(self, batch: list[Pending], processes: dict, contracts: dict) -> None:
        contract_ids = [contract.pk for contract in contracts.values()]
        existing = {
            (a.contract_id, a.ocds_id): a
            for a in ContractAmendment.objects.filter(contract__in=contract_ids).exclude(ocds_id="")
        }
        wanted = {}
        for item in batch:
            process_id = processes[item.data.ocid].pk
            for contract in item.data.contracts:
                contract_id = contracts[(process_id, contract.ocds_id)].pk
                for amendment in contract.amendments:
                    wanted[(contract_id, amendment.ocds_id)] = {
                        "contract_id": contract_id,
                        "ocds_id": amendment.ocds_id,
                        "amended_on": amendment.amended_on,
                        "rationale": amendment.rationale,
                        "description": amendment.description,
                        "ocds_times": amendment.times,
                        **amendment.value,
                    }
        upsert(ContractAmendment, existing, wanted, AMENDMENT_FIELDS)

    def _documents(
        self, batch: list[Pending], processes: dict, awards: dict, contracts: dict
    ) -> None:
        """Imported documents belong to the releases: replaced whenever their ocid changes."""
        parents = {
            "process": [p.pk for p in processes.values()],
            "award": [a.pk for a in awards.values()],
            "contract": [c.pk for c in contracts.values()],
        }
        stale = Q()
        for parent, ids in parents.items():
            stale |= Q(**{f"{parent}__in": ids})
        Document.objects.filter(stale).exclude(ocds_id="").delete()
        documents: list[dict] = []
        for item in batch:
            process_id = processes[item.data.ocid].pk
            documents += _document_rows(item.data.documents, process_id=process_id)
            for award in item.data.awards:
                award_id = awards[(process_id, award.ocds_id)].pk
                documents += _document_rows(award.documents, award_id=award_id)
            for contract in item.data.contracts:
                contract_id = contracts[(process_id, contract.ocds_id)].pk
                documents += _document_rows(contract.documents, contract_id=contract_id)
        insert(Document, documents)


def _document_rows(documents: list[DocumentData], **parent: int) -> list[dict]:
    return [
        {
            "ocds_id": document.ocds_id or "-",
            "title": document.title,
            "document_type": document.document_type,
            "url": document.url,
            "language": document.language,
            "date_published": document.date_published,
            "ocds_type": document.ocds_type,
            "ocds_times": document.times,
            **parent,
        }
        for document in documents
    ]
