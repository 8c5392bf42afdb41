"""The public award history: search page and CSV export (the OCDS export, with the same filters,
is in procurement.ocds.views).

Exports are published records only, whoever asks (reviewers too): nothing unreviewed
leaves the tracker in a file."""

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procurement.awards.selectors.browse import (
    active_filters,
    exported_awards,
    exported_in_page_order,
    search_page,
    sidebar_key,
)
from procurement.awards.selectors.csv_export import csv_chunks, separator
from procurement.awards.selectors.keyset import SORTS
from procurement.awards.selectors.xlsx_export import MAX_ROWS, too_many_for_a_sheet, xlsx_chunks
from procurement.core.form_rendering import errors_in_words
from procurement.core.formatting import format_number
from procurement.core.ratelimit import rate_limited

search_limited = rate_limited(
    "search",
    "SEARCH_RATE",
    message=gettext_lazy("Too many searches at once."),
    hint=gettext_lazy(
        "The limit keeps the tracker fast for everyone. For bulk data, download the CSV or "
        "OCDS exports once instead of paging through results."
    ),
)
# Signed-in users are counted one by one: an office behind one address is not blocked.
export_limited = rate_limited(
    "export",
    "EXPORT_RATE",
    message=gettext_lazy("Too many exports at once."),
    hint=gettext_lazy(
        "Each export already holds every award that matches its filters: one download is "
        "enough. Signed-in users have a limit of their own."
    ),
    per_user=True,
)


@search_limited
def award_search(request: HttpRequest) -> HttpResponse:
    result = search_page(request.GET, request)
    status = 400 if (result.filterset.errors or result.error) else 200
    return render(
        request,
        "procurement/award_search.html",
        {
            "search": result,
            "active_filters": active_filters(result.filterset),
            "filter_errors": errors_in_words(result.filterset.form),
            "sidebar_key": sidebar_key(request.GET, request, result),
            "sorts": SORTS.values(),
            "query": request.GET.get("q", ""),
        },
        status=status,
    )


def invalid_filters(filterset) -> HttpResponse:
    """400: the filters in words, one line per field (exports answer in plain text)."""
    lines = errors_in_words(filterset.form)
    message = _("The filters are not valid:") + "\n" + "\n".join(lines) + "\n"
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


@export_limited
def export_csv(request: HttpRequest) -> HttpResponse:
    """Every award matching the filters as CSV, streamed (UTF-8 with a byte-order mark), in
    the search page's order; `sep=semicolon` for spreadsheets that read a decimal comma."""
    filterset = exported_awards(request.GET, request)
    if not filterset.is_valid():
        return invalid_filters(filterset)
    delimiter = separator(request.GET)
    if delimiter is None:
        message = _("The separator is not valid: use sep=comma or sep=semicolon.") + "\n"
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    awards = exported_in_page_order(filterset, request.GET)
    response = StreamingHttpResponse(
        csv_chunks(awards, delimiter), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="awards-{stamp}.csv"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@export_limited
def export_xlsx(request: HttpRequest) -> HttpResponse:
    """The CSV export's awards and columns as a spreadsheet with typed numbers and dates:
    same filters, same order, same visibility (published records only)."""
    filterset = exported_awards(request.GET, request)
    if not filterset.is_valid():
        return invalid_filters(filterset)
    awards = exported_in_page_order(filterset, request.GET)
    if too_many_for_a_sheet(awards):
        message = _(
            "More awards match than a spreadsheet holds (%(limit)s rows): narrow the filters, "
            "or download the CSV, which has no limit."
        ) % {"limit": format_number(MAX_ROWS)}
        return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(xlsx_chunks(awards), content_type=XLSX)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="awards-{stamp}.xlsx"'
    return response
