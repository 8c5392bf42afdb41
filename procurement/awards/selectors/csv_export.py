"""CSV export of a filtered award list, streamed at constant memory.

PostgreSQL writes the CSV itself (`COPY (query) TO STDOUT`, read block by block through
psycopg); elsewhere a chunked cursor feeds Python's csv module. Both produce the same
columns from the same SQL. The file starts with a UTF-8 byte-order mark so spreadsheets
read Cyrillic and diacritics correctly, and text cells that a spreadsheet would run as a
formula (=, +, -, @) get a leading apostrophe.
"""

import csv
import io
from collections.abc import Iterator

from django.conf import settings
from django.db import connections
from django.db.models import CharField, F, Func, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat

BOM = "\ufeff".encode()
CHUNK_ROWS = 2000
SEND_BYTES = 256 * 1024
# (header, expression name) in file order.
COLUMNS = [
    ("id", "id"),
    ("ocid", "process__ocid"),
    ("title", "safe_title"),
    ("buyer", "safe_buyer"),
    ("suppliers", "safe_suppliers"),
    ("country", "country"),
    ("method", "method"),
    ("legal_basis", "legal_basis"),
    ("agreement", "safe_agreement"),
    ("sector", "sector"),
    ("confidentiality", "confidentiality"),
    ("value_status", "value_status"),
    ("amount", "value_amount"),
    ("currency", "value_currency"),
    ("approximate", "value_is_approximate"),
    ("award_date", "award_date"),
    ("date_precision", "award_date_precision"),
    ("url", "url"),
]


class SpreadsheetSafe(Func):
    """A text cell a spreadsheet will not evaluate: '=cmd…' becomes "'=cmd…"."""

    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        apostrophe_then_match = "'''\\1'"  # SQL literal: an apostrophe, then the character
        # One evaluation of the expression (the CASE below evaluates it up to three times).
        return f"regexp_replace({sql}, '^([=+@-])', {apostrophe_then_match})", params

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        apostrophe = "''''"  # a one-apostrophe SQL string literal
        # The expression appears three times, so do its parameters.
        return (
            f"CASE WHEN substr({sql}, 1, 1) IN ('=', '+', '-', '@') "
            f"THEN {apostrophe} || {sql} ELSE {sql} END",
            (*params, *params, *params),
        )


def export_rows(queryset: QuerySet) -> QuerySet:
    """The export's columns over a filtered award queryset, in storage order (no sort of the
    whole result: a spreadsheet sorts it in a click)."""
    return (
        queryset.order_by()
        .annotate(
            safe_title=SpreadsheetSafe(F("title")),
            safe_buyer=SpreadsheetSafe(Coalesce(F("buyer__name"), Value(""))),
            safe_suppliers=SpreadsheetSafe(F("supplier_names")),
            safe_agreement=SpreadsheetSafe(Coalesce(F("agreement__title"), Value(""))),
            url=Concat(
                Value(f"{settings.SITE_URL}/awards/"),
                Cast("pk", CharField()),
                Value("/"),
                output_field=CharField(),
            ),
        )
        .values_list(*(name for _header, name in COLUMNS))
    )


def header_line() -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(header for header, _name in COLUMNS)
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
