"""A row's related rows as one JSON array in the select list of the outer query.

A list that shows each row's related records (an award's suppliers, its red flags) needs a
second query per relation, or model instances and prefetching. `JSONArrayOf` puts them in
the same statement instead: a correlated subquery per outer row, evaluated for the rows the
LIMIT keeps, whose rows (one JSON object each) come back as one array, in the subquery's
order. Both backends run it: PostgreSQL through an `ARRAY(…)` constructor (which keeps its
subquery's order), SQLite through `json_group_array` over the ordered subquery.
"""

from django.db import NotSupportedError
from django.db.models import Func, JSONField, Subquery


class JSONArrayOf(Subquery):
    """`JSONArrayOf(queryset.order_by(…).values(j=JSONObject(…)))`: the queryset's rows as a
    list of dicts, `[]` when it has none. The one column must be named `j`."""

    output_field = JSONField()

    def as_sql(self, compiler, connection, **extra):
        raise NotSupportedError(
            f"JSONArrayOf supports PostgreSQL and SQLite, not {connection.vendor}"
        )

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = Subquery.as_sql(self, compiler, connection, **extra)
        return f"to_jsonb(ARRAY{sql})", params

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = Subquery.as_sql(self, compiler, connection, **extra)
        sql = f"(SELECT json_group_array(json(rows.j)) FROM {sql} rows)"  # noqa: S608 — compiled
        return sql, params


class JSONValue(Func):
    """A JSON column inside `JSONObject(…)` as JSON, not as a string: PostgreSQL's jsonb
    already is; SQLite keeps JSON as text, which `json()` marks as JSON."""

    function = "JSON"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra):
        return compiler.compile(self.source_expressions[0])
