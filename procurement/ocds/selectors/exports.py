"""Processes for the OCDS export: published only, with everything a release reads prefetched."""

from django.db.models import Prefetch, Q, QuerySet

from procurement.awards.selectors.public import (
    published_awards,
    published_contracts,
    published_processes,
)
from procurement.models import Document, OcdsRelease, ProcurementProcess, ReviewStatus

CHUNK = 200
# The award filters a process has too: an export filtered only by these also holds the
# published processes without a published award (tender-only processes).
PROCESS_FILTERS = {"country": "country", "buyer": "buyer", "method": "method", "sector": "sector"}


def tender_only_processes(filterset) -> QuerySet[ProcurementProcess]:
    """Published processes without a published award that match the export's filters; none
    when a filter is one only an award has (a supplier, a value, a date, an indicator …)."""
    data = filterset.form.cleaned_data
    used = {name: value for name, value in data.items() if value not in (None, "", [], ())}
    if set(used) - set(PROCESS_FILTERS):
        return ProcurementProcess.objects.none()
    processes = published_processes().exclude(awards__review_status=ReviewStatus.PUBLISHED)
    for name, value in used.items():
        value = "" if name == "method" and value == "none" else value
        processes = processes.filter(**{PROCESS_FILTERS[name]: value})
    return processes


def _linked_documents() -> Prefetch:
    return Prefetch("documents", queryset=Document.objects.exclude(url="").order_by("pk"))


def processes_for_export(
    awards: QuerySet, processes: QuerySet | None = None
) -> QuerySet[ProcurementProcess]:
    """The published processes of `awards` (and `processes`, e.g. tender-only ones), each
    with its published awards and contracts, parties, agreements, linked documents and the
    current versions of its imported releases, in a constant number of queries per chunk."""
    contracts = published_contracts().prefetch_related("amendments", _linked_documents())
    award_rows = (
        published_awards()
        .select_related("agreement")
        .prefetch_related(
            "supplier_links__organisation__identifiers",
            "agreement__parties__organisation__identifiers",
            Prefetch("agreement__documents", queryset=Document.objects.order_by("pk")),
            _linked_documents(),
            Prefetch("contracts", queryset=contracts),
        )
        .order_by("pk")
    )
    wanted = Q(pk__in=awards.order_by().values("process"))
    if processes is not None:
        wanted |= Q(pk__in=processes.order_by().values("pk"))
    current = OcdsRelease.objects.filter(superseded_at__isnull=True).order_by("date", "pk")
    return (
        published_processes()
        .filter(wanted)
        .select_related("buyer")
        .prefetch_related(
            "buyer__identifiers",
            _linked_documents(),
            Prefetch("awards", queryset=award_rows),
            Prefetch("releases", queryset=current),
        )
        .order_by("pk")
    )


def iterate_for_export(awards: QuerySet, processes: QuerySet | None = None):
    """`processes_for_export` read in chunks, so memory stays flat on any export size."""
    return processes_for_export(awards, processes).iterator(chunk_size=CHUNK)
