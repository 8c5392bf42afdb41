"""Processes for the OCDS export: published only, with everything a release reads prefetched."""

from django.db.models import Prefetch, QuerySet

from procurement.awards.selectors.public import (
    published_awards,
    published_contracts,
    published_processes,
)
from procurement.models import Document, OcdsRelease, ProcurementProcess

CHUNK = 200


def _linked_documents() -> Prefetch:
    return Prefetch("documents", queryset=Document.objects.exclude(url="").order_by("pk"))


def processes_for_export(awards: QuerySet) -> QuerySet[ProcurementProcess]:
    """The published processes of `awards`, each with its published awards and contracts,
    parties, agreements and linked documents, in a constant number of queries per chunk."""
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
    return (
        published_processes()
        .filter(pk__in=awards.order_by().values("process"))
        .select_related("buyer")
        .prefetch_related(
            "buyer__identifiers",
            _linked_documents(),
            Prefetch("awards", queryset=award_rows),
            Prefetch("releases", queryset=OcdsRelease.objects.order_by("date", "pk")),
        )
        .order_by("pk")
    )


def iterate_for_export(awards: QuerySet):
    """`processes_for_export` read in chunks, so memory stays flat on any export size."""
    return processes_for_export(awards).iterator(chunk_size=CHUNK)
