"""Sorts and keyset pagination of award lists: page 400 costs what page 1 costs.

A page is found by the sort values of the row before it (a cursor in the URL), never by an
OFFSET that would read and throw away every earlier row. Every sort ends with the id, so the
order is total; the expressions match the indexes of migration 0002 exactly.
"""

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    Count,
    DateField,
    DecimalField,
    Expression,
    F,
    FloatField,
    QuerySet,
    RowRange,
    Value,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from procurement.awards.selectors.search import with_relevance

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
# Undated awards and undisclosed values sort after every real date and amount.
UNDATED = date(1, 1, 1)
UNDISCLOSED = Decimal(-1)


@dataclass(frozen=True)
class Sort:
    key: str
    label: str
    # (annotation name, type) in order; all descending; the id ends every sort.
    columns: tuple[tuple[str, type], ...]


SORTS = {
    "relevance": Sort(
        "relevance", _("relevance"), (("relevance", float), ("sort_date", date), ("id", int))
    ),
    "date": Sort("date", _("newest first"), (("sort_date", date), ("id", int))),
    "value": Sort("value", _("largest value first"), (("sort_value", Decimal), ("id", int))),
}


# Ranking reads every match; past this many, results come newest first (and the page says so).
RANK_LIMIT = 20_000
# A text search sorts all its matches to find the first 26. Past this many, the sort is done on
# the ids alone and the columns are read for the 26 found (`narrow`): sorting the wide rows of
# 3,300 matches of "huawei" in 200,000 awards took 10 ms for the page's columns and 22 for the
# API's, the ids 6.5 and 13.5 (issue 17). Below it the plain query is cheaper (by ~0.4 ms).
NARROW_ABOVE = 300


def sorts_every_match(query: str, matches: int) -> bool:
    """Whether a page of this search is found by sorting many matches: then read it narrow."""
    return bool(query.strip()) and matches > NARROW_ABOVE


def choose_sort(requested: str | None, query: str, matches: int = 0) -> Sort:
    """The sort asked for; by default relevance when there is a query, else newest first.
    Relevance only while the matches are few enough to rank them all (RANK_LIMIT)."""
    if requested in SORTS and requested != "relevance":
        return SORTS[requested]
    if query.strip() and matches <= RANK_LIMIT:
        return SORTS["relevance"]
    return SORTS["date"]


def sorted_awards(queryset: QuerySet, sort: Sort, query: str = "") -> QuerySet:
    """Annotate the sort values and order by them, descending."""
    queryset = queryset.annotate(
        sort_date=Coalesce("award_date", Value(UNDATED), output_field=DateField()),
        sort_value=Coalesce(
            "value_amount",
            Value(UNDISCLOSED),
            output_field=DecimalField(max_digits=20, decimal_places=2),
        ),
    )
    if sort.key == "relevance":
        queryset = with_relevance(queryset, query)
    return queryset.order_by(*(F(name).desc() for name, _type in sort.columns))


class RowCompare(Expression):
    """`(a, b, c) < (x, y, z)`: a row-value comparison both PostgreSQL and SQLite index."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, lhs: list, rhs: list, operator: str) -> None:
        super().__init__()
        self.lhs, self.rhs, self.operator = list(lhs), list(rhs), operator

    def get_source_expressions(self) -> list:
        return [*self.lhs, *self.rhs]

    def set_source_expressions(self, expressions: list) -> None:
        half = len(expressions) // 2
        self.lhs, self.rhs = list(expressions[:half]), list(expressions[half:])

    def as_sql(self, compiler, connection):
        left, right, params = [], [], []
        for side, expressions in ((left, self.lhs), (right, self.rhs)):
            for expression in expressions:
                sql, expression_params = compiler.compile(expression)
                side.append(sql)
                params.extend(expression_params)
        return f"({', '.join(left)}) {self.operator} ({', '.join(right)})", params


_OUTPUT = {
    float: FloatField(),
    date: DateField(),
    Decimal: DecimalField(max_digits=20, decimal_places=2),
}


def encode_cursor(values: list) -> str:
    plain = [v.isoformat() if isinstance(v, date) else str(v) for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: Sort) -> list:
    """The sort values a cursor holds; ValidationError for anything not made by encode_cursor."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(sort.columns):
            raise ValueError
        parse = {float: float, int: int, date: date.fromisoformat, Decimal: Decimal}
        return [parse[kind](value) for (_name, kind), value in zip(sort.columns, raw, strict=True)]
    except (ValueError, TypeError, InvalidOperation, binascii.Error, UnicodeDecodeError) as error:
        raise ValidationError(
            _("This page link is broken or belongs to another sort order; start again."),
            code="bad_cursor",
        ) from error


@dataclass
class KeysetPage:
    items: list
    sort: Sort
    size: int
    next_cursor: str | None = None
    previous_cursor: str | None = None
    number: int = 1
    extra: dict = field(default_factory=dict)


def cursor_of(row, sort: Sort) -> str:
    """The cursor of a row: a model instance or a dict of `values()`."""
    if isinstance(row, dict):
        return encode_cursor([row[name] for name, _type in sort.columns])
    return encode_cursor([getattr(row, name) for name, _type in sort.columns])


def after_cursor(queryset: QuerySet, sort: Sort, cursor: str) -> QuerySet:
    """The rows that follow the row a cursor was made from, in the sort's order."""
    names = [name for name, _type in sort.columns]
    values = _values(sort, decode_cursor(cursor, sort))
    return queryset.filter(RowCompare([F(n) for n in names], values, "<"))


def first_rows(queryset: QuerySet, limit: int, *, narrow: bool = False) -> QuerySet:
    """The first `limit` rows of a sorted queryset; `narrow`: the sort orders the ids only (a
    subquery with the same filters, order and limit), then the rows found are read."""
    if narrow:
        queryset = queryset.filter(pk__in=queryset.values("pk")[:limit])
    return queryset[:limit]


def first_ids_and_total(queryset: QuerySet, sort: Sort, limit: int) -> tuple[list[int], int]:
    """The ids of the first `limit` rows of a `sorted_awards()` queryset and how many rows it
    has in all, in one read: a count over every match, beside the sort that reads every match
    anyway (e.g. by relevance). The count is a window ordered by the sort, framed over all
    rows: a window's ORDER BY keys are computed below it, so only they and the id pass through
    it, and the sort is done once, for the window and the page alike. With an empty `OVER ()`
    PostgreSQL carried the whole rows (the search vector) through the window and sorted again
    above it: 71 ms against 37 for "huawei" on 1,000,000 awards (issue 17)."""
    everything = RowRange(start=None, end=None)
    order = [F(name).desc() for name, _type in sort.columns]
    total = Window(Count("pk"), order_by=order, frame=everything)
    found = list(queryset.annotate(total=total).values_list("pk", "total")[:limit])
    return [pk for pk, _total in found], found[0][1] if found else 0


def clamped_size(size: int) -> int:
    return max(1, min(size, MAX_PAGE_SIZE))


def keyset_page(
    queryset: QuerySet,
    sort: Sort,
    *,
    after: str | None = None,
    before: str | None = None,
    size: int = DEFAULT_PAGE_SIZE,
    number: int = 1,
    narrow: bool = False,
    first_ids: list[int] | None = None,
) -> KeysetPage:
    """One page of a `sorted_awards()` queryset: after a cursor (next) or before it (previous).

    Fetches size + 1 rows to know whether another page follows; one query however deep
    (`narrow`: see `first_rows`). `first_ids`: the first page's size + 1 ids, already found
    in this sort (`first_ids_and_total`): its rows are read by id."""
    size = clamped_size(size)
    names = [name for name, _type in sort.columns]
    if before:
        values = _values(sort, decode_cursor(before, sort))
        row = RowCompare([F(n) for n in names], values, ">")
        ascending = queryset.filter(row).order_by(*(F(n).asc() for n in names))
        rows = list(first_rows(ascending, size + 1, narrow=narrow))
        more_before = len(rows) > size
        items = rows[:size][::-1]
        page = KeysetPage(items, sort, size, number=max(1, number))
        page.previous_cursor = cursor_of(items[0], sort) if more_before and items else None
        page.next_cursor = cursor_of(items[-1], sort) if items else None
        return page
    if after:
        queryset = after_cursor(queryset, sort, after)
        rows = list(first_rows(queryset, size + 1, narrow=narrow))
    elif first_ids is not None:
        rows = list(queryset.filter(pk__in=first_ids)[: size + 1])
    else:
        rows = list(first_rows(queryset, size + 1, narrow=narrow))
    items = rows[:size]
    page = KeysetPage(items, sort, size, number=max(1, number) if after else 1)
    page.next_cursor = cursor_of(items[-1], sort) if len(rows) > size else None
    page.previous_cursor = cursor_of(items[0], sort) if after and items else None
    return page


def _values(sort: Sort, values: list) -> list:
    return [
        Value(value, output_field=_OUTPUT[kind]) if kind in _OUTPUT else Value(value)
        for (_name, kind), value in zip(sort.columns, values, strict=True)
    ]
