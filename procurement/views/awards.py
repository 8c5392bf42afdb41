"""The public award history: search page, CSV and OCDS exports (same filters, same URLs).

Exports are published records only, whoever asks (reviewers too): nothing unreviewed
leaves the tracker in a file."""

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procurement.ocds.records import iter_package
from procurement.ratelimit import rate_limited
from procurement.selectors.browse import (
    active_filters,
    exported_awards,
    search_page,
    sidebar_key,
)
from procurement.selectors.csv_export import csv_chunks
from procurement.selectors.keyset import SORTS
from procurement.selectors.ocds import iterate_for_export
from procurement.selectors.public import published_awards

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
            "sidebar_key": sidebar_key(request.GET, request, result),
            "sorts": SORTS.values(),
            "query": request.GET.get("q", ""),
        },
        status=status,
    )


def _invalid(filterset) -> HttpResponse:
    lines = [f"{field}: {' '.join(errors)}" for field, errors in filterset.errors.items()]
    message = _("The filters are not valid:") + "\n" + "\n".join(lines) + "\n"
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


@export_limited
def export_csv(request: HttpRequest) -> HttpResponse:
    """Every award matching the filters as CSV, streamed (UTF-8 with a byte-order mark)."""
    filterset = exported_awards(request.GET, request)
    if not filterset.is_valid():
        return _invalid(filterset)
    response = StreamingHttpResponse(
        csv_chunks(filterset.qs), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="awards-{stamp}.csv"'
    return response


@export_limited
def export_ocds(request: HttpRequest) -> HttpResponse:
    """The published processes of the matching awards as an OCDS release package, or a
    record package with `package=record`; streamed one release at a time."""
    filterset = exported_awards(request.GET, request)
    if not filterset.is_valid():
        return _invalid(filterset)
    if not filterset.qs.exists():  # OCDS packages hold at least one release
        message = _("No published award matches these filters: there is nothing to export.")
        return HttpResponse(message, status=404, content_type="text/plain; charset=utf-8")
    return _ocds_package(request, filterset.qs, "awards-ocds")


@export_limited
def export_process_ocds(request: HttpRequest, pk: int) -> HttpResponse:
    """One published process as an OCDS release package (`package=record`: a record package):
    where the records of the exports link an imported release that is not shown as it came."""
    awards = published_awards().filter(process_id=pk)
    if not awards.exists():
        raise Http404
    return _ocds_package(request, awards, f"process-{pk}-ocds")


def _ocds_package(request: HttpRequest, awards, name: str) -> HttpResponse:
    records = request.GET.get("package") == "record"
    chunks = (
        text.encode()
        for text in iter_package(
            iterate_for_export(awards), uri=request.build_absolute_uri(), records=records
        )
    )
    response = StreamingHttpResponse(chunks, content_type="application/json; charset=utf-8")
    kind = "records" if records else "releases"
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{kind}-{stamp}.json"'
    return response
