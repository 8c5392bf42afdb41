"""What the public may see: only published records, fetched in a fixed number of queries."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from procurement.core import permissions
from procurement.core.permissions import published_requests
from procurement.models import (
    Agreement,
    AgreementParty,
    Award,
    AwardSupplier,
    Citation,
    Contract,
    ContractAmendment,
    Document,
    InfoRequest,
    Organisation,
    ProcurementProcess,
    RegisterStatus,
    ReviewStatus,
)


def published_awards() -> QuerySet[Award]:
    """Awards a reviewer has published; nothing unverified reaches the public."""
    return Award.objects.filter(review_status=ReviewStatus.PUBLISHED)


def published_processes() -> QuerySet[ProcurementProcess]:
    return ProcurementProcess.objects.filter(review_status=ReviewStatus.PUBLISHED)


def published_contracts() -> QuerySet[Contract]:
    return Contract.objects.filter(review_status=ReviewStatus.PUBLISHED)


_PUBLIC_ORGANISATIONS: list[QuerySet[Organisation]] = []


def public_organisations() -> QuerySet[Organisation]:
    """`_public_organisations()`, built once per process and cloned: its seven subqueries took
    longer to build than a page of search results to fetch (every search form asks for it,
    for its buyer and supplier filters). The queryset is never evaluated here."""
    if not _PUBLIC_ORGANISATIONS:
        _PUBLIC_ORGANISATIONS.append(_public_organisations())
    return _PUBLIC_ORGANISATIONS[0].all()


def _public_organisations() -> QuerySet[Organisation]:
    """Organisations with a public role: buyer or supplier (or the group of a supplier) of a
    published award, buyer of a published process, party to an agreement, authority or
    requester of a published FOI request, or an authority confirmed with the jurisdiction
    whose FOI law applies to it. One seen only in imports nobody has published is not public,
    nor an authority an editor proposed until a reviewer confirms it (register_status)."""
    published_links = AwardSupplier.objects.filter(award__review_status=ReviewStatus.PUBLISHED)
    here = OuterRef("pk")
    return Organisation.objects.filter(register_status=RegisterStatus.CONFIRMED).filter(
        Q(jurisdiction__isnull=False)
        | Exists(published_awards().filter(buyer=here))
        | Exists(published_links.filter(organisation=here))
        | Exists(published_links.filter(organisation__parent=here))
        | Exists(published_processes().filter(buyer=here))
        | Exists(AgreementParty.objects.filter(organisation=here))
        | Exists(published_requests().filter(Q(authority=here) | Q(requester_organisation=here)))
    )


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Reviewers and staff see every organisation; anyone else the public ones and their own,
    and members the authorities their organisation proposed (unconfirmed or rejected)."""
    if permissions.is_reviewer(user):
        return Organisation.objects.all()
    own = permissions.organisation_ids(user)
    if own:
        return Organisation.objects.filter(
            Q(pk__in=own)
            | Q(pk__in=public_organisations().values("pk"))
            | Q(proposal__proposed_by_organisation__in=own)
        )
    return public_organisations()


def award_cards(
    queryset: QuerySet[Award], *, supplier_columns: tuple[str, ...] = ()
) -> QuerySet[Award]:
    """Everything an award row on a list shows, in a constant number of queries; with
    `supplier_columns`, only those columns of the suppliers (the API shows id and name)."""
    suppliers = (
        Prefetch("suppliers", queryset=Organisation.objects.only(*supplier_columns))
        if supplier_columns
        else "suppliers"
    )
    return queryset.select_related("buyer", "agreement", "process").prefetch_related(suppliers)


def citations_prefetch() -> Prefetch:
    """A record's citations with their sources (one query)."""
    return Prefetch("citations", queryset=Citation.objects.select_related("source"))


def award_for_page(pk: int) -> Award:
    """A published award with its process, agreement, contracts, documents, sources and the
    published FOI requests about it."""
    contracts = published_contracts().prefetch_related(
        Prefetch(
            "amendments", queryset=ContractAmendment.objects.prefetch_related(citations_prefetch())
        ),
        "documents",
        citations_prefetch(),
    )
    requests = published_requests().select_related("authority", "requester_organisation")
    return (
        award_cards(published_awards())
        .select_related("process__buyer")
        .prefetch_related(
            "supplier_links__organisation__parent",
            Prefetch("contracts", queryset=contracts),
            Prefetch("info_requests", queryset=requests),
            Prefetch("documents", queryset=Document.objects.all()),
            citations_prefetch(),
            Prefetch("process__citations", queryset=Citation.objects.select_related("source")),
        )
        .get(pk=pk)
    )


def agreement_for_page(pk: int) -> tuple[Agreement, list[Award], list[Award]]:
    """An agreement with its parties and sources; the published awards made under it, and
    those whose legal basis is undisclosed but which the sources link to it."""
    agreement = Agreement.objects.prefetch_related(
        "parties__organisation", "documents", citations_prefetch()
    ).get(pk=pk)
    linked = list(award_cards(published_awards().filter(agreement=agreement)))
    under = [award for award in linked if award.legal_basis in Award.BASES_NAMING_AGREEMENT]
    possibly = [award for award in linked if award.legal_basis not in Award.BASES_NAMING_AGREEMENT]
    return agreement, under, possibly


def process_for_page(pk: int) -> ProcurementProcess:
    return (
        published_processes()
        .select_related("buyer")
        .prefetch_related(
            Prefetch("awards", queryset=award_cards(published_awards())),
            "documents",
            citations_prefetch(),
        )
        .get(pk=pk)
    )


def home_numbers() -> dict[str, int]:
    """The home page's key numbers: one query over published awards, one over requests."""
    awards = published_awards().aggregate(
        awards=Count("id"),
        under_agreement=Count("id", filter=Q(legal_basis=Award.LegalBasis.AGREEMENT)),
        undisclosed=Count("id", filter=Q(value_status="undisclosed")),
        classified=Count("id", filter=Q(confidentiality="classified")),
        countries=Count("country", distinct=True),
    )
    requests = published_requests().aggregate(
        requests=Count("id"),
        refused_classified=Count("id", filter=Q(status="classified")),
    )
    return {**awards, **requests}


def latest_awards(limit: int = 10) -> list[Award]:
    """The most recently published awards; among those published together, the newest."""
    return list(
        award_cards(published_awards()).order_by(
            F("published_at").desc(nulls_last=True), F("award_date").desc(nulls_last=True), "-id"
        )[:limit]
    )


def latest_requests(limit: int = 5) -> list[InfoRequest]:
    return list(
        published_requests()
        .select_related("authority", "requester_organisation")
        .order_by("-published_at", "-id")[:limit]
    )


def totals_per_currency(awards: list[Award]) -> list[dict]:
    """Disclosed values added up per currency (never across currencies), and how many awards
    have no disclosed value; from rows already fetched, so no query."""
    totals: dict[str, dict] = {}
    for award in awards:
        if award.value_status == "disclosed":
            entry = totals.setdefault(
                award.value_currency, {"currency": award.value_currency, "total": 0, "n": 0}
            )
            entry["total"] += award.value_amount
            entry["n"] += 1
    undisclosed = sum(1 for award in awards if award.value_status != "disclosed")
    rows = sorted(totals.values(), key=lambda e: e["currency"])
    if undisclosed:
        rows.append({"currency": "", "total": None, "n": undisclosed})
    return rows
