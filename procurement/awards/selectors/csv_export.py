"""CSV export of a filtered award list, streamed at constant memory.

PostgreSQL writes the CSV itself (`COPY (query) TO STDOUT`, read block by block through
psycopg); elsewhere a chunked cursor feeds Python's csv module. Both produce the same
columns from the same SQL (one writer: `export_rows`). The file starts with a UTF-8
byte-order mark so spreadsheets read Cyrillic and diacritics correctly, and a text cell that
a spreadsheet would run as a formula (=, +, -, @, after any blanks; or a tab or line break
first) gets a leading apostrophe — in every text column, including those added later: a
column is text unless it declares otherwise.

Rows come in the order of the search page (`ordered` by the caller); booleans are written
`true`/`false`; a date at its precision (`2016` when only the year is stated, `2016-03` for
a month); `sep=semicolon` separates with semicolons and writes amounts with a decimal comma,
as spreadsheets read them in locales whose decimal mark is the comma. The spreadsheet (xlsx)
export reads the same columns, typed (`procurement.awards.selectors.xlsx_export`).
"""

import csv
import io
from collections.abc import Iterator
from typing import NamedTuple

from django.conf import settings
from django.db import connections
from django.db.models import Case, CharField, F, Func, QuerySet, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, Replace, Substr

BOM = "\ufeff".encode()
CHUNK_ROWS = 2000
SEND_BYTES = 256 * 1024
FORMULA_START = r"^([[:space:]]*[-=+@]|[\t\r\n])"  # PostgreSQL's regular expressions
FORMULA_START_PYTHON = r"^(\s*[-=+@]|[\t\r\n])"  # SQLite's REGEXP (Python's re)


SEPARATORS = {"comma": ",", "semicolon": ";"}


class Column(NamedTuple):
    header: str
    expression: object  # a field path, a query expression, or a function making one
    # text | integer | amount | boolean | date: only text cells are made formula-safe; the
    # CSV writes amounts as stated, booleans as true/false, dates at their precision.
    kind: str = "text"
    precision: str = ""  # a date's precision field

    @property
    def text(self) -> bool:
        return self.kind == "text"


def award_url() -> Concat:
    """The award's public page, under the configured SITE_URL (read when the export runs)."""
    return Concat(
        Value(f"{settings.SITE_URL}/awards/"),
        Cast("pk", CharField()),
        Value("/"),
        output_field=CharField(),
    )


class StatedAmount(Func):
    """An amount with the decimals it was stated with, at least two ("150000000.00",
    "259658.286"): six are stored, trailing zeros are not written."""

    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"round({sql}, greatest(2, scale(trim_scale({sql}))))::text", params * 2

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"CASE WHEN round({sql}, 2) = {sql} THEN printf('%%.2f', {sql}) "
            f"ELSE CAST({sql} AS TEXT) END",
            params * 4,
        )


# In file order.
COLUMNS = [
    Column("id", "id", kind="integer"),
    Column("ocid", "process__ocid"),
    Column("title", "title"),
    Column("buyer", Coalesce(F("buyer__name"), Value(""))),
    Column("suppliers", "supplier_names"),
    Column("country", "country"),
    Column("method", "method"),
    Column("legal_basis", "legal_basis"),
    Column("legal_basis_note", "legal_basis_note"),
    Column("agreement", Coalesce(F("agreement__title"), Value(""))),
    Column("sector", "sector"),
    Column("confidentiality", "confidentiality"),
    Column("value_status", "value_status"),
    Column("amount", "value_amount", kind="amount"),
    Column("currency", "value_currency"),
    Column("approximate", "value_is_approximate", kind="boolean"),
    Column("award_date", "award_date", kind="date", precision="award_date_precision"),
    Column("date_precision", "award_date_precision"),
    Column("url", award_url),
]


class SpreadsheetSafe(Func):
    """A text cell a spreadsheet will not evaluate: '=cmd…' becomes "'=cmd…"."""

    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        # One evaluation of the expression: an apostrophe goes before what matched.
        return f"regexp_replace({sql}, %s, %s)", (*params, FORMULA_START, "'\\1")

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        # The expression appears twice, so do its parameters.
        return (
            f"CASE WHEN {sql} REGEXP %s THEN %s || {sql} ELSE {sql} END",
            (*params, FORMULA_START_PYTHON, "'", *params, *params),
        )


def raw_expression(column: Column):
    """The column's value as stored (what a typed spreadsheet cell holds)."""
    expression = column.expression
    if callable(expression):
        expression = expression()
    return F(expression) if isinstance(expression, str) else expression


def date_at_precision(expression, precision: str) -> Case:
    """'2016' for a year, '2016-03' for a month, '2016-03-07' for a day (ISO 8601)."""
    iso = Cast(expression, CharField())  # YYYY-MM-DD on PostgreSQL and SQLite
    return Case(
        When(**{precision: "year"}, then=Substr(iso, 1, 4)),
        When(**{precision: "month"}, then=Substr(iso, 1, 7)),
        default=iso,
        output_field=CharField(),
    )


def cell(column: Column, delimiter: str = ","):
    """The column's SQL expression as the CSV writes it; text goes through SpreadsheetSafe."""
    expression = raw_expression(column)
    if column.kind == "amount":
        if delimiter == ";":  # the decimal comma of the locales that separate with semicolons
            return Replace(StatedAmount(expression), Value("."), Value(","))
        return StatedAmount(expression)
    if column.kind == "boolean":
        return Case(
            When(**{f"{column.expression}": True}, then=Value("true")),
            When(**{f"{column.expression}": False}, then=Value("false")),
            default=Value(""),
            output_field=CharField(),
        )
    if column.kind == "date":
        return date_at_precision(expression, column.precision)
    return SpreadsheetSafe(expression) if column.text else expression


def export_rows(queryset: QuerySet, delimiter: str = ",") -> QuerySet:
    """The export's columns over a filtered award queryset, in the queryset's order (the
    search page's: see `browse.exported_in_page_order`)."""
    cells = {f"cell_{n}": cell(column, delimiter) for n, column in enumerate(COLUMNS)}
    return queryset.annotate(**cells).values_list(*cells)


def separator(params) -> str | None:
    """The separator `sep=` asks for (comma by default); None for one not offered."""
    return SEPARATORS.get(params.get("sep") or "comma")


def header_line(delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerow(column.header for column in COLUMNS)
    return buffer.getvalue().encode()


def csv_chunks(queryset: QuerySet, delimiter: str = ",") -> Iterator[bytes]:
    """The CSV file as a stream of byte blocks: BOM, header, then the rows."""
    rows = export_rows(queryset, delimiter)
    yield BOM + header_line(delimiter)
    if connections[rows.db].vendor == "postgresql":
        yield from _copy_blocks(rows, delimiter)
    else:
        yield from _csv_blocks(rows, delimiter)


def _copy_blocks(rows: QuerySet, delimiter: str) -> Iterator[bytes]:
    sql, params = rows.query.sql_with_params()
    assert delimiter in SEPARATORS.values()
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, DELIMITER '{delimiter}')"
    with connections[rows.db].cursor() as cursor, cursor.cursor.copy(statement, params) as copy:
        # libpq hands COPY data over one row at a time: send the web server larger blocks.
        pending, size = [], 0
        for block in copy:
            pending.append(bytes(block))
            size += len(block)
            if size >= SEND_BYTES:
                yield b"".join(pending)
                pending, size = [], 0
        yield b"".join(pending)


def _csv_blocks(rows: QuerySet, delimiter: str) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", delimiter=delimiter)
    for number, row in enumerate(rows.iterator(chunk_size=CHUNK_ROWS), start=1):
        writer.writerow(row)
        if number % CHUNK_ROWS == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()
