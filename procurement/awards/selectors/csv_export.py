"""CSV export of a filtered award list, streamed at constant memory.

PostgreSQL writes the CSV itself (`COPY (query) TO STDOUT`, read block by block through
psycopg); elsewhere a chunked cursor feeds Python's csv module. Both produce the same
columns from the same SQL (one writer: `export_rows`). The file starts with a UTF-8
byte-order mark so spreadsheets read Cyrillic and diacritics correctly, and a text cell that
a spreadsheet would run as a formula (=, +, -, @, after any blanks; or a tab or line break
first) gets a leading apostrophe — in every text column, including those added later: a
column is text unless it declares otherwise.
"""

import csv
import io
from collections.abc import Iterator
from typing import NamedTuple

from django.conf import settings
from django.db import connections
from django.db.models import CharField, F, Func, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat

BOM = "\ufeff".encode()
CHUNK_ROWS = 2000
SEND_BYTES = 256 * 1024
FORMULA_START = r"^([[:space:]]*[-=+@]|[\t\r\n])"  # PostgreSQL's regular expressions
FORMULA_START_PYTHON = r"^(\s*[-=+@]|[\t\r\n])"  # SQLite's REGEXP (Python's re)


class Column(NamedTuple):
    header: str
    expression: object  # a field path, a query expression, or a function making one
    text: bool = True  # only numbers, dates and booleans say False


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
    Column("id", "id", text=False),
    Column("ocid", "process__ocid"),
    Column("title", "title"),
    Column("buyer", Coalesce(F("buyer__name"), Value(""))),
    Column("suppliers", "supplier_names"),
    Column("country", "country"),
    Column("method", "method"),
    Column("legal_basis", "legal_basis"),
    Column("agreement", Coalesce(F("agreement__title"), Value(""))),
    Column("sector", "sector"),
    Column("confidentiality", "confidentiality"),
    Column("value_status", "value_status"),
    Column("amount", StatedAmount(F("value_amount")), text=False),
    Column("currency", "value_currency"),
    Column("approximate", "value_is_approximate", text=False),
    Column("award_date", "award_date", text=False),
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


def cell(column: Column):
    """The column's SQL expression; a text column's goes through SpreadsheetSafe."""
    expression = column.expression
    if callable(expression):
        expression = expression()
    if isinstance(expression, str):
        expression = F(expression)
    return SpreadsheetSafe(expression) if column.text else expression


def export_rows(queryset: QuerySet) -> QuerySet:
    """The export's columns over a filtered award queryset, in storage order (no sort of the
    whole result: a spreadsheet sorts it in a click)."""
    cells = {f"cell_{number}": cell(column) for number, column in enumerate(COLUMNS)}
    return queryset.order_by().annotate(**cells).values_list(*cells)


def header_line() -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(column.header for column in COLUMNS)
    return buffer.getvalue().encode()


def csv_chunks(queryset: QuerySet) -> Iterator[bytes]:
    """The CSV file as a stream of byte blocks: BOM, header, then the rows."""
    rows = export_rows(queryset)
    yield BOM + header_line()
    if connections[rows.db].vendor == "postgresql":
        yield from _copy_blocks(rows)
    else:
        yield from _csv_blocks(rows)


def _copy_blocks(rows: QuerySet) -> Iterator[bytes]:
    sql, params = rows.query.sql_with_params()
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)"
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


def _csv_blocks(rows: QuerySet) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for number, row in enumerate(rows.iterator(chunk_size=CHUNK_ROWS), start=1):
        writer.writerow("t" if v is True else "f" if v is False else v for v in row)
        if number % CHUNK_ROWS == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()
