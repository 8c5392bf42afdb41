"""Uploaded documents: served only through a permission check, uploaded through one form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from procurement.core import permissions
from procurement.core.guards import permitted_or_404, safe_next
from procurement.core.upload_limits import limits_uploads
from procurement.documents.forms import DocumentUploadForm
from procurement.documents.selectors import document_for_download
from procurement.documents.services import PARENT_FIELDS, upload_document
from procurement.models import Document

# URL kind → model: the Document field that holds each kind of parent.
PARENTS = {field: model for model, field in PARENT_FIELDS.items()}


def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file, as an attachment, to whoever may read it; 404 to everyone else."""
    try:
        document = document_for_download(request.user, pk)
    except Document.DoesNotExist:
        raise Http404 from None
    stored = document.stored_file
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=document.original_name or f"document-{document.pk}",
        content_type=stored.mime_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser renders it, the file runs no script and reaches nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = cache_control(document)
    return response


def cache_control(document: Document) -> str:
    """Private files are never stored; a public file that can be unpublished (a request's, a
    record's) is kept by the browser alone and checked again on every use, so withdrawing it
    takes effect at once; only an agreement's files, which stay public, are shared for long."""
    if not permissions.document_is_public(document):
        return "private, no-store"
    if document.agreement_id:
        return "public, max-age=3600"
    return "private, no-cache"


def _parent(kind: str, pk: int, user):
    return permitted_or_404(
        PARENTS, kind, pk, lambda parent: permissions.can_upload_document(user, parent)
    )


def _default_next(kind: str, parent) -> str:
    if kind in ("process", "award", "contract"):
        return reverse("review-detail", args=[kind, parent.pk])
    if kind == "request":
        return reverse("workspace-request-detail", args=[parent.pk])
    return reverse("account")


@limits_uploads
@login_required
def upload(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Attach a document to a record (reviewers) or to a request (its editors)."""
    parent = _parent(kind, pk, request.user)
    done = safe_next(request, _default_next(kind, parent))
    form = DocumentUploadForm()
    status = 200
    if request.method == "POST":
        form = DocumentUploadForm(
            request.POST, request.FILES, oversized=getattr(request, "oversized_uploads", None)
        )
        if form.is_valid():
            try:
                document = upload_document(
                    parent=parent,
                    uploaded=form.cleaned_data["file"],
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    document_type=form.cleaned_data["document_type"],
                    date_published=form.cleaned_data["date_published"],
                )
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("“%(title)s” uploaded.") % {"title": document.title})
                return redirect(done)
        status = 400
    return render(
        request,
        "procurement/document_upload.html",
        {"form": form, "parent": parent, "kind": kind, "next": done},
        status=status,
    )
