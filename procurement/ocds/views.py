"""OCDS pages: the award search's OCDS export, and the reviewers' imports (upload a file, follow
its progress, read its report)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.awards.selectors.browse import exported_awards
from procurement.awards.selectors.public import published_awards, published_processes
from procurement.awards.views.awards import export_limited, invalid_filters
from procurement.ocds.forms import OcdsUploadForm
from procurement.ocds.records import iter_package
from procurement.ocds.selectors import imports
from procurement.ocds.selectors.exports import iterate_for_export, tender_only_processes
from procurement.ocds.services import start_upload_import

REFRESH_SECONDS = 2


def reviewer_required(view):
    """Reviewers and staff only: others are sent to sign in, or refused."""

    @wraps(view)
    def check(request: HttpRequest, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (user.is_staff or user.is_reviewer):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return check


@reviewer_required
def import_list(request: HttpRequest) -> HttpResponse:
    return render(request, "procurement/imports/list.html", {"runs": imports.recent_import_runs()})


@reviewer_required
def import_new(request: HttpRequest) -> HttpResponse:
    form = OcdsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = start_upload_import(
            upload=form.cleaned_data["file"], options=form.options(), created_by=request.user
        )
        return redirect("import-detail", pk=run.pk)
    status = 400 if form.errors else 200  # the same form with its messages
    return render(request, "procurement/imports/new.html", {"form": form}, status=status)


@reviewer_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        run = imports.import_run(pk)
    except ObjectDoesNotExist as error:
        raise Http404 from error
    finished = run.status in imports.FINISHED
    return render(
        request,
        "procurement/imports/detail.html",
        {
            "run": run,
            "finished": finished,
            "percent": imports.progress_percent(run),
            "refresh_seconds": None if finished else REFRESH_SECONDS,
        },
    )


@export_limited
def export_ocds(request: HttpRequest) -> HttpResponse:
    """The published processes of the matching awards as an OCDS release package, or a
    record package with `package=record`; streamed one release at a time. Filtered only by
    what a process has (country, buyer, method, sector), it also holds the published
    processes without an award (tender-only)."""
    filterset = exported_awards(request.GET, request)
    if not filterset.is_valid():
        return invalid_filters(filterset)
    tender_only = tender_only_processes(filterset)
    if not filterset.qs.exists() and not tender_only.exists():  # a package holds a release
        message = _("No published award matches these filters: there is nothing to export.")
        return HttpResponse(message, status=404, content_type="text/plain; charset=utf-8")
    return _ocds_package(request, filterset.qs, "awards-ocds", tender_only)


@export_limited
def export_process_ocds(request: HttpRequest, pk: int) -> HttpResponse:
    """One published process as an OCDS release package (`package=record`: a record package):
    where the records of the exports link an imported release that is not shown as it came."""
    process = published_processes().filter(pk=pk)
    if not process.exists():
        raise Http404
    awards = published_awards().filter(process_id=pk)
    return _ocds_package(request, awards, f"process-{pk}-ocds", process)


def _ocds_package(request: HttpRequest, awards, name: str, processes=None) -> HttpResponse:
    records = request.GET.get("package") == "record"
    chunks = (
        text.encode()
        for text in iter_package(
            iterate_for_export(awards, processes),
            uri=request.build_absolute_uri(),
            records=records,
        )
    )
    response = StreamingHttpResponse(chunks, content_type="application/json; charset=utf-8")
    kind = "records" if records else "releases"
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{kind}-{stamp}.json"'
    return response
