"""The spreadsheet (xlsx) export of a filtered award list: the CSV's columns, typed.

Numbers are numbers, booleans booleans, dates dates shown at their precision (a year-only
date is the 1 January of that year, formatted `yyyy`); text is written as text, so a cell is
never run as a formula. XlsxWriter's constant-memory mode writes each row out as it comes
(a chunked cursor feeds it), so memory does not grow with the rows, as with the CSV; the
finished file is then sent from disk in blocks.
"""

import tempfile
from collections.abc import Iterator
from decimal import Decimal

import xlsxwriter
from django.db.models import F, QuerySet

from procurement.awards.selectors.csv_export import CHUNK_ROWS, COLUMNS, raw_expression

SEND_BYTES = 256 * 1024
DATE_FORMATS = {"year": "yyyy", "month": "yyyy-mm", "day": "yyyy-mm-dd"}
AMOUNT_FORMAT = "#,##0.00####"  # the stated decimals, at least two (six are stored)
# A worksheet holds 1,048,576 rows (Excel's limit); one is the header. XlsxWriter ignores a
# row past it, so a larger export is refused up front rather than cut short in silence.
MAX_ROWS = 1_048_575
WIDTHS = {"title": 60, "buyer": 40, "suppliers": 40, "legal_basis_note": 50, "url": 40}


def xlsx_rows(queryset: QuerySet) -> QuerySet:
    """Each row's values as stored, then each date column's precision, in the queryset's
    order."""
    cells = {f"cell_{number}": raw_expression(column) for number, column in enumerate(COLUMNS)}
    precisions = {
        f"precision_{number}": F(column.precision)
        for number, column in enumerate(COLUMNS)
        if column.kind == "date"
    }
    return queryset.annotate(**cells, **precisions).values_list(*cells, *precisions)


def write_workbook(queryset: QuerySet, target) -> int:
    """Write the workbook to `target` (a path or file); the number of rows written."""
    workbook = xlsxwriter.Workbook(
        target,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    sheet = workbook.add_worksheet("awards")
    bold = workbook.add_format({"bold": True})
    amount = workbook.add_format({"num_format": AMOUNT_FORMAT})
    dates = {key: workbook.add_format({"num_format": f}) for key, f in DATE_FORMATS.items()}
    for number, column in enumerate(COLUMNS):
        sheet.set_column(number, number, WIDTHS.get(column.header, 14))
        sheet.write_string(0, number, column.header, bold)
    sheet.freeze_panes(1, 0)
    date_columns = [n for n, column in enumerate(COLUMNS) if column.kind == "date"]
    rows = 0
    for rows, values in enumerate(xlsx_rows(queryset).iterator(chunk_size=CHUNK_ROWS), start=1):
        precision = dict(zip(date_columns, values[len(COLUMNS) :], strict=True))
        for number, (column, value) in enumerate(zip(COLUMNS, values, strict=False)):
            if value is None or value == "":
                continue  # undisclosed stays empty, never 0
            if column.kind == "integer":
                sheet.write_number(rows, number, value)
            elif column.kind == "amount":
                sheet.write_number(rows, number, float(Decimal(value)), amount)
            elif column.kind == "boolean":
                sheet.write_boolean(rows, number, value)
            elif column.kind == "date":
                sheet.write_datetime(rows, number, value, dates[precision[number]])
            else:
                sheet.write_string(rows, number, str(value))
    workbook.close()
    return rows


def too_many_for_a_sheet(queryset: QuerySet) -> bool:
    """More awards match than a worksheet holds (a bounded count: it stops past the limit)."""
    return queryset.order_by()[: MAX_ROWS + 1].count() > MAX_ROWS


def xlsx_chunks(queryset: QuerySet) -> Iterator[bytes]:
    """The workbook as byte blocks: written to a temporary file first (a zip is finished at
    its end), then read back block by block; the file is gone once sent or abandoned."""
    with tempfile.TemporaryFile(prefix="awards-", suffix=".xlsx") as file:
        write_workbook(queryset, file)
        file.seek(0)
        while block := file.read(SEND_BYTES):
            yield block
