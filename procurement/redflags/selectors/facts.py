"""The facts red-flag rules read, loaded for a batch of processes in a fixed number of queries.

Only published FOI requests count: a private request must not show through a public flag.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from procurement import redflags
from procurement.core.permissions import published_requests_q
from procurement.models import (
    Award,
    Contract,
    ContractAmendment,
    Document,
    InfoRequest,
    ProcurementProcess,
    RedFlagThreshold,
    ReviewStatus,
)
from procurement.redflags import AwardFacts, BuyerYear, ContractFacts, FoiOutcome, Money, Process
from procurement.redflags.contract_documents import signed_text

SUPPORTING_TYPES = (
    Document.Type.RATIONALE,
    Document.Type.AGREEMENT_TEXT,
    Document.Type.DECISION,
)
MONEY = ("value_status", "value_amount", "value_currency")
_FOI = (
    "inforequest_id",
    "inforequest__status",
    "inforequest__decision_delivered_on",
    "inforequest__due_on",
    "inforequest__extended_due_on",
    "inforequest__classification_level",
)


def thresholds() -> dict[str, dict[str, dict]]:
    """Per country (and "" for everywhere): the parameters of each indicator."""
    table: dict[str, dict[str, dict]] = defaultdict(dict)
    for code, country, params in RedFlagThreshold.objects.values_list("code", "country", "params"):
        table[str(country or "")][code] = params
    return table


def thresholds_for(table: dict[str, dict[str, dict]], country: str) -> dict[str, dict]:
    """Defaults in code, overridden by the rows for every country, then by the country's
    (which marks the indicator `for_country`: its figures are that country's own)."""
    merged = {code: dict(params) for code, params in redflags.DEFAULT_THRESHOLDS.items()}
    for layer in (table.get("", {}), table.get(country, {})):
        for code, params in layer.items():
            merged.setdefault(code, {}).update(params)
    for code in table.get(country, {}) if country else ():
        merged[code]["for_country"] = True
    return merged


def _money(row: dict, prefix: str = "") -> Money | None:
    if row[f"{prefix}value_status"] != "disclosed":
        return None
    return Money(row[f"{prefix}value_amount"], row[f"{prefix}value_currency"])


def _outcome(row: tuple) -> FoiOutcome:
    request_id, status, decided_on, due_on, extended_due_on, level = row
    return FoiOutcome(request_id, status, decided_on, extended_due_on or due_on, level)


@dataclass(frozen=True)
class Batch:
    """A batch of processes: listed ids, or an id range (an index range scan everywhere)."""

    ids: tuple[int, ...] = ()
    low: int = 0
    high: int = 0

    def on(self, path: str = "") -> Q:
        """The batch as a filter on `path` (e.g. "award__process"; "" for the process)."""
        field = f"{path}_id" if path else "pk"
        if self.ids:
            return Q(**{f"{field}__in": self.ids})
        return Q(**{f"{field}__gte": self.low, f"{field}__lte": self.high})


def _foi_by_process(batch: Batch) -> tuple[dict, dict, dict]:
    """Published requests about the batch's awards, processes and contracts, by subject."""
    published = published_requests_q("inforequest__")
    by_award, by_process, by_contract = defaultdict(set), defaultdict(set), defaultdict(set)
    links = [
        (InfoRequest.awards.through, "award__process", ("award_id",), by_award),
        (
            InfoRequest.processes.through,
            "procurementprocess",
            ("procurementprocess_id",),
            by_process,
        ),
        (InfoRequest.contracts.through, "contract__award__process", ("contract_id",), by_contract),
    ]
    for through, path, subject, target in links:
        rows = through.objects.filter(batch.on(path), published).values_list(*subject, *_FOI)
        for row in rows:
            target[row[0]].add(_outcome(row[1:]))
    return by_award, by_process, by_contract


def facts(batch: Batch) -> tuple[list[Process], list[AwardFacts], list[ContractFacts]]:
    """The batch's processes with their awards and contracts, as the plain facts of
    procurement.redflags."""
    processes_rows = ProcurementProcess.objects.filter(batch.on()).values(
        "pk",
        "country",
        "method",
        "status",
        "method_details",
        "method_rationale",
        "tender_start",
        "tender_end",
        "number_of_tenderers",
        *MONEY,
    )
    documents = Document.objects.filter(document_type__in=SUPPORTING_TYPES).order_by()
    supported = set(
        documents.filter(batch.on("process"))
        .values_list("process_id", flat=True)
        .union(documents.filter(batch.on("award__process")).values_list("award__process_id"))
    )
    supported |= set(
        Award.objects.filter(batch.on("process"), agreement__isnull=False).values_list(
            "process_id", flat=True
        )
    )
    by_award, by_process, by_contract = _foi_by_process(batch)
    processes = {
        row["pk"]: Process(
            id=row["pk"],
            country=row["country"],
            method=row["method"],
            status=row["status"],
            method_details=row["method_details"],
            method_rationale=row["method_rationale"],
            tender_start=row["tender_start"],
            tender_end=row["tender_end"],
            number_of_tenderers=row["number_of_tenderers"],
            estimate=_money(row),
            supporting_document=row["pk"] in supported,
        )
        for row in processes_rows
    }
    rows, amendments, evidence = _contract_rows(batch)
    finals = _final_values(rows, amendments)
    awards = _awards(batch, processes, by_award, by_process, by_contract, finals)
    contracts = _contracts(rows, amendments, evidence, awards, by_contract)
    return list(processes.values()), list(awards.values()), contracts


def _awards(batch, processes, by_award, by_process, by_contract, finals) -> dict:
    contracts_of_award = defaultdict(set)
    for contract_id, award_id in Contract.objects.filter(
        batch.on("award__process"), pk__in=list(by_contract)
    ).values_list("pk", "award_id"):
        contracts_of_award[award_id] |= by_contract[contract_id]
    rows = Award.objects.filter(batch.on("process")).values(
        "pk",
        "process_id",
        "status",
        "legal_basis",
        "agreement__title",
        "agreement__short_title",
        "agreement__signed_on",
        *MONEY,
    )
    return {
        row["pk"]: AwardFacts(
            id=row["pk"],
            process=processes[row["process_id"]],
            status=row["status"],
            value=_money(row),
            legal_basis=row["legal_basis"],
            agreement=row["agreement__short_title"] or row["agreement__title"] or "",
            agreement_signed=row["agreement__signed_on"],
            foi=tuple(
                by_award[row["pk"]] | by_process[row["process_id"]] | contracts_of_award[row["pk"]]
            ),
            contract_values=tuple(finals.get(row["pk"], ())),
        )
        for row in rows
    }


def _contract_rows(batch: Batch) -> tuple[list[dict], dict, dict]:
    """The batch's contracts, the value after each of their amendments, and what their
    documents show of the signed text."""
    amendments = defaultdict(list)
    for row in (
        ContractAmendment.objects.filter(batch.on("contract__award__process"))
        .order_by("contract_id", "amended_on", "id")
        .values("contract_id", *MONEY)
    ):
        amendments[row["contract_id"]].append(_money(row))
    documents = defaultdict(list)
    for contract_id, *labels in (
        Document.objects.filter(batch.on("contract__award__process"))
        .order_by()
        .values_list("contract_id", "document_type", "ocds_type", "title", "url")
    ):
        documents[contract_id].append(labels)
    rows = list(
        Contract.objects.filter(batch.on("award__process")).values(
            "pk", "award_id", "status", *MONEY
        )
    )
    return rows, amendments, {pk: signed_text(labels) for pk, labels in documents.items()}


def _final_values(rows: list[dict], amendments: dict) -> dict[int, list]:
    """Per award, the final value of each of its active contracts (R059 sums them)."""
    finals = defaultdict(list)
    for row in rows:
        if row["status"] in ("cancelled", "terminated"):
            continue
        later = [v for v in amendments[row["pk"]] if v is not None]
        finals[row["award_id"]].append(later[-1] if later else _money(row))
    return finals


def _contracts(rows, amendments, evidence, awards: dict, by_contract) -> list[ContractFacts]:
    result = []
    for row in rows:
        award = awards[row["award_id"]]
        result.append(
            ContractFacts(
                id=row["pk"],
                award=award,
                status=row["status"],
                value=_money(row),
                amendment_values=tuple(amendments[row["pk"]]),
                signed_text=evidence.get(row["pk"], "absent"),
                foi=tuple(set(award.foi) | by_contract[row["pk"]]),
            )
        )
    return result


def buyer_years(country_years: set[tuple[str, int]] | None = None) -> list[BuyerYear]:
    """Per buyer, country and year of award: procedures and limited/direct ones, with the
    pooled figures of the other buyers of the same country and year (R013's peers). Only
    published awards count: an aggregate shown publicly must not reveal unreviewed records."""
    awards = Award.objects.filter(
        review_status=ReviewStatus.PUBLISHED,
        process__buyer__isnull=False,
        process__method__in=[*redflags.COMPETITIVE, *redflags.NON_COMPETITIVE],
        award_date__isnull=False,
    ).exclude(process__status__in=["cancelled", "withdrawn"])
    if country_years is not None:
        countries = {c for c, _ in country_years}
        years = {y for _, y in country_years}
        awards = awards.filter(process__country__in=countries, award_date__year__in=years)
    awards = awards.annotate(year=ExtractYear("award_date"))
    non_competitive = Q(process__method__in=redflags.NON_COMPETITIVE)
    counts = awards.values("process__buyer_id", "process__country", "year").annotate(
        total=Count("process", distinct=True),
        non_competitive=Count("process", distinct=True, filter=non_competitive),
    )
    values = (
        awards.filter(value_status="disclosed")
        .values("process__buyer_id", "process__country", "year", "value_currency")
        .annotate(
            total=Sum("value_amount"), non_competitive=Sum("value_amount", filter=non_competitive)
        )
        .order_by()
    )
    main_value: dict[tuple, tuple] = {}
    for row in values:
        key = (row["process__buyer_id"], row["process__country"], row["year"])
        if key not in main_value or row["total"] > main_value[key][1]:
            main_value[key] = (row["value_currency"], row["total"], row["non_competitive"] or 0)
    rows = [
        r
        for r in counts.order_by()
        if country_years is None or (r["process__country"], r["year"]) in country_years
    ]
    pooled: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        pooled[(row["process__country"], row["year"])][0] += row["total"]
        pooled[(row["process__country"], row["year"])][1] += row["non_competitive"]
    result = []
    for row in rows:
        key = (row["process__buyer_id"], row["process__country"], row["year"])
        total, non = pooled[key[1:]]
        currency, value_total, value_non = main_value.get(key, ("", 0, 0))
        result.append(
            BuyerYear(
                buyer_id=key[0],
                country=key[1],
                year=key[2],
                processes=row["total"],
                non_competitive=row["non_competitive"],
                peer_processes=total - row["total"],
                peer_non_competitive=non - row["non_competitive"],
                value_currency=currency,
                value_total=value_total,
                value_non_competitive=value_non,
            )
        )
    return result


def country_years_of(process_ids: list[int]) -> set[tuple[str, int]]:
    """The (country, year of award) pairs these processes take part in, for R013."""
    return {
        (country, year)
        for country, year in Award.objects.filter(process__in=process_ids, award_date__isnull=False)
        .annotate(year=ExtractYear("award_date"))
        .values_list("process__country", "year")
        .distinct()
    }
