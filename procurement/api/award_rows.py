"""The award list of the API as one query of plain values.

Each row's columns (`serializers.AWARD_COLUMNS`), the sort values its cursor is made of, its
process's OCID, its suppliers (id and name, by name) and its public red flags (code and
inputs, in code order) come back in one statement: the related rows as JSON arrays computed
for the rows the LIMIT keeps. No model instance is built and no prefetch query is sent; a
25-row page of the cheap searches spent more on those than on its SQL (issue 17's profile).
"""

from django.db.models import CharField, F, JSONField, OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import JSONObject

from procurement.api.serializers import AWARD_COLUMNS, SUPPLIER_COLUMNS
from procurement.awards.selectors.keyset import Sort
from procurement.core.json_rows import JSONArrayOf
from procurement.models import Award, AwardSupplier, ProcurementProcess
from procurement.redflags.selectors.flags import public_flags_of_each_award


def _suppliers() -> JSONArrayOf:
    links = (
        AwardSupplier.objects.filter(award=OuterRef("pk"))
        .order_by("organisation__name", "organisation_id")
        .values(j=JSONObject(**{c: F(f"organisation__{c}") for c in SUPPLIER_COLUMNS}))
    )
    return JSONArrayOf(links)


def _ocid() -> Subquery:
    """The process's OCID as a subquery, not a join: an inner join stays in the id subquery of
    a narrow page (`keyset.first_rows`), where it puts the LIMIT above a full sort of every
    match instead of a top-N sort (1,000,000 awards, "huawei": 62 ms instead of 33)."""
    process = ProcurementProcess.objects.filter(pk=OuterRef("process_id")).values("ocid")
    return Subquery(process, output_field=CharField())


# The subqueries' SQL and parameters, compiled once per database (alias).
_COMPILED: dict[str, dict[str, tuple[str, tuple]]] = {}
_OUTPUT = {"ocid": CharField, "suppliers": JSONField, "flags": JSONField}


def _related(using: str) -> dict[str, RawSQL]:
    """`ocid`, `suppliers` and `flags` as compiled SQL. Building and compiling the subqueries
    took ~4 ms of every request, more than the page's own SQL on a cheap search (200,000
    awards: 3.4 ms to build the row query, 1.4 to compile it; 0.4 without them). Their text
    never changes: it depends on the code only and refers to the outer award by its table's
    name, which Django never aliases in a query over awards."""
    compiled = _COMPILED.get(using)
    if compiled is None:
        query = (
            Award.objects.using(using)
            .values("pk")
            .annotate(ocid=_ocid(), suppliers=_suppliers(), flags=public_flags_of_each_award())
            .values(*_OUTPUT)
            .query
        )
        compiler = query.get_compiler(using)
        compiler.setup_query()
        compiled = {alias: (sql, tuple(params)) for _expr, (sql, params), alias in compiler.select}
        _COMPILED[using] = compiled
    return {
        name: RawSQL(sql, params, output_field=_OUTPUT[name]())  # noqa: S611 — Django's own SQL
        for name, (sql, params) in compiled.items()
    }


def award_list_rows(awards: QuerySet, sort: Sort) -> QuerySet:
    """A `sorted_awards()` queryset as dicts: the columns a row shows, the sort's values (the
    cursor's), `ocid`, `suppliers` and `flags` (None for an award without public flags)."""
    sort_columns = [name for name, _kind in sort.columns if name not in AWARD_COLUMNS]
    return awards.values(*AWARD_COLUMNS, *sort_columns).annotate(**_related(awards.db))
