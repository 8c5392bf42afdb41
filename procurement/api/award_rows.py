"""The award list of the API as one query of plain values.

Each row's columns (`serializers.AWARD_COLUMNS`), the sort values its cursor is made of, its
suppliers (id and name, by name) and its public red flags (code and inputs, in code order)
come back in one statement: the related rows as JSON arrays computed for the rows the LIMIT
keeps. No model instance is built and no prefetch query is sent; a 25-row page of the
cheap searches spent more on those than on its SQL (issue 17's profile).
"""

from django.db.models import F, OuterRef, QuerySet
from django.db.models.functions import JSONObject

from procurement.api.serializers import AWARD_COLUMNS, SUPPLIER_COLUMNS
from procurement.awards.selectors.keyset import Sort
from procurement.core.json_rows import JSONArrayOf
from procurement.models import AwardSupplier
from procurement.redflags.selectors.flags import public_flags_of_each_award


def _suppliers() -> JSONArrayOf:
    links = (
        AwardSupplier.objects.filter(award=OuterRef("pk"))
        .order_by("organisation__name", "organisation_id")
        .values(j=JSONObject(**{c: F(f"organisation__{c}") for c in SUPPLIER_COLUMNS}))
    )
    return JSONArrayOf(links)


def award_list_rows(awards: QuerySet, sort: Sort) -> QuerySet:
    """A `sorted_awards()` queryset as dicts: the columns a row shows, the sort's values (the
    cursor's), `suppliers` and `flags` (None for an award without public flags)."""
    sort_columns = [name for name, _kind in sort.columns if name not in AWARD_COLUMNS]
    return awards.values(*AWARD_COLUMNS, *sort_columns).annotate(
        suppliers=_suppliers(), flags=public_flags_of_each_award()
    )
