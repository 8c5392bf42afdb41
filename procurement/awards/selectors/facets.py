"""Result counts and facet counts of an award search, cheap on a million rows.

A count is exact while it is small (counting stops at EXACT_CAP + 1 rows); beyond that it is
PostgreSQL's planner estimate, labelled as such. Facets (country, method, legal basis, year,
top buyers, top suppliers) are exact over an exact count; over a large one they are scaled
from a block sample of the table (TABLESAMPLE SYSTEM) with the same conditions, and labelled
as estimates. SQLite — the embedded, small-data default — always counts exactly.
Both are cached per set of filters until awards change (`summarise`).
"""

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Protocol

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from procurement.core.search_summaries import current_version
from procurement.models import Award, AwardSupplier, Method, Organisation

EXACT_CAP = 1000
SAMPLE_ROWS = 20_000  # rows of the whole table a facet estimate reads
TOP = 8


@dataclass(frozen=True)
class ResultCount:
    value: int
    exact: bool


@dataclass(frozen=True)
class FacetValue:
    param: str
    value: str
    label: str
    count: int


@dataclass
class Facets:
    exact: bool
    groups: dict[str, list[FacetValue]]


def _vendor(queryset: QuerySet) -> str:
    return connections[queryset.db].vendor


def count_awards(
    queryset: QuerySet, cap: int | None = None, planned: int | None = None
) -> ResultCount:
    """How many awards match: exact up to `cap` (EXACT_CAP), else a labelled estimate
    (`planned`, the planner's, when already asked)."""
    cap = cap or EXACT_CAP
    bare = queryset.order_by().values("pk")
    bounded = bare[: cap + 1].count()
    if bounded <= cap:
        return ResultCount(bounded, True)
    if _vendor(queryset) != "postgresql":
        return ResultCount(bare.count(), True)
    return _estimate(planned if planned is not None else _planner_rows(bare), cap)


def _estimate(planned: int, cap: int) -> ResultCount:
    return ResultCount(max(cap + 1, _round(planned)), False)


def planned_count(queryset: QuerySet) -> int:
    """The planner's estimate of the matches (PostgreSQL), as `count_awards` asks it."""
    return _planner_rows(queryset.order_by().values("pk"))


def count_of(total: int, planned: int) -> ResultCount:
    """What `count_awards` says of `total` matches whose planner estimate is `planned`:
    exact up to EXACT_CAP, else the labelled estimate."""
    return ResultCount(total, True) if total <= EXACT_CAP else _estimate(planned, EXACT_CAP)


def estimated(planned: int) -> ResultCount:
    """The count `count_awards` gives when more than EXACT_CAP match."""
    return _estimate(planned, EXACT_CAP)


def _planner_rows(queryset: QuerySet) -> int:
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def _round(value: int) -> int:
    """Two significant figures: an estimate should not look precise."""
    digits = max(0, len(str(value)) - 2)
    return round(value, -digits)


def award_facets(queryset: QuerySet, count: ResultCount) -> Facets:
    """Facet counts of the matching awards: exact when the count is, else sampled."""
    if count.exact:
        return Facets(True, _facets(queryset, scale=1.0))
    percent = _sample_percent(queryset)
    return Facets(False, _facets_in_one_query(queryset, 100.0 / percent, sample=percent))


SAMPLE_FIRST = 2  # matches the sample is expected to hold, in EXACT_CAPs, to be read first


def count_and_facets(queryset: QuerySet, planned: int | None = None) -> tuple[ResultCount, Facets]:
    """The count and the facets of a search page: `count_awards`, then `award_facets` —
    except where the planner expects the block sample to hold well over EXACT_CAP matches
    (PostgreSQL): then the sample is read first, and if it holds more than EXACT_CAP
    matching rows — rows that exist — the count is proven above the cap without counting
    (the bounded count: 3 ms for filters, 7–9 ms for a risk indicator, on 200,000 awards),
    and the sample is the estimate the facets need anyway. The same count and facets
    either way; when the sample holds fewer, the count decides as before. `planned`: the
    planner's estimate, when already asked."""
    if _vendor(queryset) != "postgresql":
        count = count_awards(queryset)
        return count, award_facets(queryset, count)
    if planned is None:
        try:
            planned = _planner_rows(queryset.order_by().values("pk"))
        except EmptyResultSet:  # e.g. .none(): nothing matches
            planned = 0
    if planned >= SAMPLE_FIRST * EXACT_CAP:  # else no sample can hold that many
        percent = _sample_percent(queryset)
        if planned * percent / 100 >= SAMPLE_FIRST * EXACT_CAP:
            rows = _facet_rows(queryset, sample=percent)
            if _sampled(rows) > EXACT_CAP:
                groups = _facet_groups(rows, 100.0 / percent)
                return _estimate(planned, EXACT_CAP), Facets(False, groups)
    count = count_awards(queryset, planned=planned or None)
    return count, award_facets(queryset, count)


def _sample_percent(queryset: QuerySet) -> float:
    """The share of the table's blocks that holds about SAMPLE_ROWS rows."""
    return min(100.0, 100.0 * SAMPLE_ROWS / max(_table_rows(queryset), 1))


def _in_sample(sql: str, percent: float) -> str:
    """The same conditions over a repeatable block sample: the query's own FROM (the first
    one: its select list names columns only) reads the sample. Reading the sample in the
    facet query itself, not as `id IN (sample)`, spares a second visit of every sampled row
    (8 of 42 ms on 200,000 awards)."""
    table = f'FROM "{Award._meta.db_table}"'
    # The table itself, not `EXTRACT(YEAR FROM "procurement_award"."award_date")`.
    found = re.search(re.escape(table) + r"(?=\s|$)", sql)
    if found is None:
        raise ValueError("the matches' query has no FROM of the award table")
    # percent is computed here, never user input; REPEATABLE keeps the estimate stable.
    sampled = f"{table} TABLESAMPLE SYSTEM ({percent:.6f}) REPEATABLE (4)"
    return sql[: found.start()] + sampled + sql[found.end() :]


def _table_rows(queryset: QuerySet) -> int:
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [Award._meta.db_table],
        )
        return int(cursor.fetchone()[0])


def _facets(queryset: QuerySet, scale: float) -> dict[str, list[FacetValue]]:
    if _vendor(queryset) == "postgresql":
        return _facets_in_one_query(queryset, scale)
    return _facets_per_group(queryset, scale)


def _labellers() -> dict:
    method_labels = {**dict(Method.choices), "": _("no procurement procedure")}
    return {
        "country": lambda v: countries.name(v) or v,
        "method": lambda v: method_labels.get(v, v),
        "legal_basis": lambda v: Award.LegalBasis(v).label if v else v,
    }


# Every facet from one read of the matching rows (a materialised CTE): the sampled estimates
# read the sample once instead of six times (issue 17: 6 × 70 ms on 200,000 awards).
_ONE_QUERY = """WITH m AS MATERIALIZED ({matches})
SELECT 'country', country, NULL, COUNT(*), 0 FROM m GROUP BY country
UNION ALL SELECT 'method', method, NULL, COUNT(*), 0 FROM m GROUP BY method
UNION ALL SELECT 'legal_basis', legal_basis, NULL, COUNT(*), 0 FROM m GROUP BY legal_basis
UNION ALL SELECT 'year', year::int::text, NULL, COUNT(*), 0 FROM m WHERE year IS NOT NULL
  GROUP BY year
UNION ALL (SELECT 'buyer', o.id::text, o.name, t.n,
  ROW_NUMBER() OVER (ORDER BY t.n DESC, o.name) FROM
  (SELECT buyer_id, COUNT(*) AS n FROM m WHERE buyer_id IS NOT NULL GROUP BY buyer_id
   ORDER BY n DESC FETCH FIRST {top} ROWS WITH TIES) t
  JOIN {organisation} o ON o.id = t.buyer_id
  ORDER BY t.n DESC, o.name LIMIT {top})
UNION ALL (SELECT 'supplier', o.id::text, o.name, t.n,
  ROW_NUMBER() OVER (ORDER BY t.n DESC, o.name) FROM
  (SELECT id, COUNT(*) AS n FROM (SELECT unnest(string_to_array(supplier_ids, ' ')) AS id
   FROM m) s GROUP BY id ORDER BY n DESC FETCH FIRST {top} ROWS WITH TIES) t
  JOIN {organisation} o ON o.id = t.id::bigint
  ORDER BY t.n DESC, o.name LIMIT {top})"""
# The suppliers come from each row's own `supplier_ids` (written with its links): joining
# the link table made PostgreSQL read all of it (a merge join over 216,000 links, 33 of the
# 42 ms of a facet estimate on 200,000 awards). The ids are split in the select list, not by
# a LATERAL function scan per row, and only the top counts (ties kept, so the name order
# decides as before) are joined to their names: the buyer and supplier groups of the
# 20,000-row estimate fell from ~4 + 11 ms to ~1 + 5 ms on 200,000 awards. Neither join
# can drop a counted id: a buyer or supplier with awards cannot be deleted (PROTECT).


def _facets_in_one_query(
    queryset: QuerySet, scale: float, sample: float | None = None
) -> dict[str, list[FacetValue]]:
    """The same groups as `_facets_per_group`, in one query (PostgreSQL); over a block sample
    of `sample` per cent of the table when given."""
    return _facet_groups(_facet_rows(queryset, sample), scale)


def _facet_rows(queryset: QuerySet, sample: float | None = None) -> list[tuple]:
    """(group, value, name, count, rank) of every group, unscaled (_ONE_QUERY)."""
    matches = (
        queryset.order_by()
        .annotate(year=ExtractYear("award_date"))
        .values("id", "country", "method", "legal_basis", "buyer_id", "year", "supplier_ids")
    )
    try:
        sql, params = matches.query.sql_with_params()
    except EmptyResultSet:  # e.g. .none(): nothing matches
        return []
    if sample is not None:
        sql = _in_sample(sql, sample)
    statement = _ONE_QUERY.format(
        matches=sql,
        organisation=Organisation._meta.db_table,
        top=int(TOP),
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


def _sampled(rows: list[tuple]) -> int:
    """How many matching rows the facet query read (every row has one country group)."""
    return sum(n for group, _value, _name, n, _rank in rows if group == "country")


def _facet_groups(rows: list[tuple], scale: float) -> dict[str, list[FacetValue]]:
    found: dict[str, list] = {name: [] for name in _GROUPS}
    for group, value, name, n, rank in rows:
        found[group].append((value, name, n, rank))
    labels = _labellers()
    groups = {}
    for group in ("country", "method", "legal_basis"):
        ordered = sorted(found[group], key=lambda row: (-row[2], row[0] or ""))
        groups[group] = [
            FacetValue(group, value or "none", str(labels[group](value)), _scaled(n, scale))
            for value, _name, n, _rank in ordered
        ]
    groups["year"] = [
        FacetValue("year", value, value, _scaled(n, scale))
        for value, _name, n, _rank in sorted(found["year"], key=lambda row: -int(row[0]))
    ]
    for group in ("buyer", "supplier"):
        ordered = sorted(found[group], key=lambda row: row[3])  # the database's name order
        groups[group] = [
            FacetValue(group, value, name, _scaled(n, scale)) for value, name, n, _rank in ordered
        ]
    return groups


_GROUPS = ("country", "method", "legal_basis", "year", "buyer", "supplier")


def _facets_per_group(queryset: QuerySet, scale: float) -> dict[str, list[FacetValue]]:
    """A query per group: the portable form (SQLite, the embedded default)."""
    base = queryset.order_by()
    method_labels = {**dict(Method.choices), "": _("no procurement procedure")}
    groups = {
        "country": _group(base, "country", scale, lambda v: countries.name(v) or v),
        "method": _group(base, "method", scale, lambda v: method_labels.get(v, v)),
        "legal_basis": _group(
            base, "legal_basis", scale, lambda v: Award.LegalBasis(v).label if v else v
        ),
    }
    years = (
        base.annotate(year=ExtractYear("award_date"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    groups["year"] = [
        FacetValue("year", str(row["year"]), str(row["year"]), _scaled(row["n"], scale))
        for row in years
        if row["year"]
    ]
    buyers = (
        base.filter(buyer__isnull=False)
        .values("buyer", "buyer__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "buyer__name")[:TOP]
    )
    groups["buyer"] = [
        FacetValue("buyer", str(r["buyer"]), r["buyer__name"], _scaled(r["n"], scale))
        for r in buyers
    ]
    suppliers = (
        AwardSupplier.objects.using(queryset.db)
        .filter(award__in=base.values("pk"))
        .values("organisation", "organisation__name")
        .annotate(n=Count("award"))
        .order_by("-n", "organisation__name")[:TOP]
    )
    groups["supplier"] = [
        FacetValue(
            "supplier", str(r["organisation"]), r["organisation__name"], _scaled(r["n"], scale)
        )
        for r in suppliers
    ]
    return groups


def _group(queryset: QuerySet, name: str, scale: float, label) -> list[FacetValue]:
    rows = queryset.values(name).annotate(n=Count("pk")).order_by("-n", name)
    return [
        FacetValue(name, row[name] or "none", str(label(row[name])), _scaled(row["n"], scale))
        for row in rows
    ]


def _scaled(n: int, scale: float) -> int:
    return n if scale == 1.0 else _round(int(n * scale))


SUMMARY_SECONDS = 300


class Counted(Protocol):
    """A count found by another read (`summarise`): `count()` gives it or None, and `planned`
    is then the planner's estimate if it was asked (else None)."""

    planned: int | None

    def count(self) -> ResultCount | None: ...


def summary_key(cleaned_data: dict, audience: str) -> str:
    """A cache key for one set of filters as one audience (public or reviewers) sees it."""
    filters = sorted(
        (name, str(getattr(value, "pk", value)))
        for name, value in cleaned_data.items()
        if value not in (None, "")
    )
    digest = hashlib.sha256(repr((audience, filters)).encode()).hexdigest()[:32]
    return digest


def summarise(
    queryset: QuerySet,
    key: str,
    *,
    with_facets: bool = True,
    counted: "Counted | None" = None,
) -> tuple[ResultCount, Facets | None]:
    """Count (and facets) of `queryset`, cached under `key` until awards change (or
    SUMMARY_SECONDS pass); computed and cached on a miss. The facets' labels are words of the
    reader's language, so each language has its own entry. `counted`: on a miss, asked first
    for the count (the same `count_awards` gives) found by another read, e.g. the one that
    ranks the first page (`selectors/counted.py`); when it has none, the planner's estimate
    it may have asked is not asked again."""
    version = current_version()
    cache_key = f"search-summary:{version}:{int(with_facets)}:{get_language()}:{key}"
    cached = cache.get(cache_key) if version >= 0 else None
    if cached is not None:
        return cached
    known = counted.count() if counted else None
    planned = counted.planned if counted else None
    if known is not None:
        summary = (known, award_facets(queryset, known) if with_facets else None)
    elif with_facets:
        summary = count_and_facets(queryset, planned=planned)
    else:
        summary = (count_awards(queryset, planned=planned), None)
    if version >= 0:
        cache.set(cache_key, summary, SUMMARY_SECONDS)
    return summary
