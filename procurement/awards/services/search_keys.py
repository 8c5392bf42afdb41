"""Keeps the folded search keys and the award columns denormalised for search current.

Every write path that changes a name, an alias, a parent, a process or an award's parties
must end by calling the matching refresh here (bulk paths included); the refreshes are
set-based so that a bulk import calls them once per batch, not once per row.
"""

from collections.abc import Iterable

from django.db.models import Prefetch, Q

from procurement.core.folding import fold_all
from procurement.core.search_summaries import invalidate_search_summaries
from procurement.models import Agreement, Award, AwardSupplier, Organisation

BATCH = 1000


def _batches(ids: Iterable[int]) -> Iterable[list[int]]:
    ids = sorted(set(ids))
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def refresh_organisation_keys(organisation_ids: Iterable[int]) -> None:
    """An organisation's key holds its name and all its aliases, folded."""
    for batch in _batches(organisation_ids):
        organisations = list(Organisation.objects.filter(pk__in=batch).prefetch_related("aliases"))
        for organisation in organisations:
            organisation.search_key = fold_all(
                organisation.name, *(a.name for a in organisation.aliases.all())
            )
        Organisation.objects.bulk_update(organisations, ["search_key"])


def refresh_agreement_keys(agreement_ids: Iterable[int]) -> None:
    """An agreement's key holds its titles and the names of its parties."""
    for batch in _batches(agreement_ids):
        agreements = list(
            Agreement.objects.filter(pk__in=batch).prefetch_related("parties__organisation")
        )
        for agreement in agreements:
            agreement.search_key = fold_all(
                agreement.title,
                agreement.short_title,
                *(party.organisation.search_key for party in agreement.parties.all()),
            )
        Agreement.objects.bulk_update(agreements, ["search_key"])


def refresh_awards(award_ids: Iterable[int]) -> None:
    """Copy buyer, country, method and sector from the process, rebuild the search document
    (titles, descriptions, OCID, buyer, suppliers with aliases, groups, agreement, sector) and the
    suppliers' names as written (in the order they were linked)."""
    for batch in _batches(award_ids):
        awards = list(
            Award.objects.filter(pk__in=batch)
            .select_related("process__buyer", "agreement")
            .prefetch_related(
                Prefetch(
                    "supplier_links", AwardSupplier.objects.select_related("organisation__parent")
                )
            )
        )
        for award in awards:
            process = award.process
            award.buyer_id = process.buyer_id
            award.country = process.country
            award.method = process.method
            award.sector = process.sector
            suppliers = [link.organisation for link in award.supplier_links.all()]
            for column, value in supplier_columns([(s.pk, s.name) for s in suppliers]).items():
                setattr(award, column, value)
            award.search_document = award_search_document(
                award_title=award.title,
                award_description=award.description,
                process_title=process.title,
                process_description=process.description,
                ocid=process.ocid,
                buyer_key=process.buyer.search_key if process.buyer else "",
                supplier_keys=[s.search_key for s in suppliers]
                + [s.parent.search_key for s in suppliers if s.parent],
                agreement_key=award.agreement.search_key if award.agreement else "",
                sector_label=str(process.get_sector_display()),
            )
        Award.objects.bulk_update(
            awards,
            [
                "buyer",
                "country",
                "method",
                "sector",
                "search_document",
                "supplier_names",
                "supplier_ids",
            ],
        )
    invalidate_search_summaries()


def supplier_columns(suppliers: list[tuple[int, str]]) -> dict[str, str]:
    """The award's suppliers (id, name), in link order, as its two columns: the names as
    written ("; "-joined, what lists and exports show) and the ids (what the supplier facet
    counts). Every writer uses it: `refresh_awards`, the OCDS importer and the bench's loader."""
    return {
        "supplier_names": "; ".join(name for _pk, name in suppliers),
        "supplier_ids": " ".join(str(pk) for pk, _name in suppliers),
    }


def award_search_document(
    *,
    award_title: str,
    award_description: str,
    process_title: str,
    process_description: str,
    ocid: str,
    buyer_key: str,
    supplier_keys: list[str],
    agreement_key: str,
    sector_label: str,
) -> str:
    """The folded words an award is found by (suppliers' keys include their groups')."""
    return fold_all(
        award_title,
        process_title,
        award_description,
        process_description,
        ocid,
        buyer_key,
        *supplier_keys,
        agreement_key,
        sector_label,
    )


def awards_touching_organisations(organisation_ids: Iterable[int]) -> list[int]:
    """Awards whose search document includes one of these organisations' names."""
    ids = list(organisation_ids)
    return list(
        Award.objects.filter(
            Q(process__buyer__in=ids) | Q(suppliers__in=ids) | Q(suppliers__parent__in=ids)
        )
        .values_list("pk", flat=True)
        .distinct()
    )


def refresh_after_organisation_change(organisation_ids: Iterable[int]) -> None:
    """An organisation's name or aliases changed: refresh it, then everything quoting it."""
    ids = list(organisation_ids)
    refresh_organisation_keys(ids)
    refresh_agreement_keys(
        Agreement.objects.filter(parties__organisation__in=ids).values_list("pk", flat=True)
    )
    refresh_awards(awards_touching_organisations(ids))


def refresh_after_agreement_change(agreement_ids: Iterable[int]) -> None:
    """An agreement's titles or parties changed: refresh it and the awards made under it."""
    ids = list(agreement_ids)
    refresh_agreement_keys(ids)
    refresh_awards(Award.objects.filter(agreement__in=ids).values_list("pk", flat=True))


def refresh_after_process_change(process_ids: Iterable[int]) -> None:
    """A process changed (buyer, method, sector, title): refresh its awards' copies."""
    refresh_awards(Award.objects.filter(process__in=list(process_ids)).values_list("pk", flat=True))
