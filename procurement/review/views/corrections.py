"""The public form to suggest a correction to a published process, award or contract."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from procurement.core import permissions, ratelimit
from procurement.core.guards import permitted_or_404
from procurement.review.forms import SuggestCorrectionForm
from procurement.review.selectors import SUBJECTS
from procurement.review.services.corrections import suggest_correction

# Suggestions one address may send per hour: enough for a careful reader, not for a flood.
PER_HOUR = 10


def _record_or_404(kind: str, pk: int, user):
    return permitted_or_404(
        SUBJECTS, kind, pk, lambda record: permissions.can_suggest_correction(user, record)
    )


def _public_url(kind: str, record) -> str:
    """Where the record is shown: its public page, or its review page while unpublished."""
    public = record.award if kind == "contract" else record
    if not permissions.record_is_public(public):
        return reverse("review-detail", args=[kind, record.pk])
    if kind == "contract":
        return record.award.get_absolute_url()
    if kind == "process":
        return reverse("process-detail", args=[record.pk])
    return record.get_absolute_url()


def suggest(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = _record_or_404(kind, pk, request.user)
    form = SuggestCorrectionForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        allowed, _retry = ratelimit.allow(
            "corrections", ratelimit.client_key(request), f"{PER_HOUR}/hour"
        )
        if not allowed:
            form.add_error(None, _("Too many suggestions from your address; try again later."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            organisation = data.get("organisation")
            try:
                suggest_correction(
                    kind=kind,
                    pk=record.pk,
                    suggestion=data["suggestion"],
                    field=data["field"],
                    source_url=data["source_url"],
                    user=request.user,
                    email=data.get("submitter_email", ""),
                    organisation_id=organisation.pk if organisation else None,
                )
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you: a reviewer will look at your suggestion."))
                return redirect(_public_url(kind, record))
    return render(
        request,
        "procurement/correction_form.html",
        {"form": form, "record": record, "kind": kind, "back": _public_url(kind, record)},
        status=status,
    )
