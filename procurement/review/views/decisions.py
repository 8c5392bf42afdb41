"""The reviewers' pages: the queue with filters and bulk decisions, one record's review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from procurement.authorities.selectors import pending_count
from procurement.core.guards import back, report, reviewer_required
from procurement.documents.forms import DocumentUploadForm
from procurement.models import SuggestedCorrection
from procurement.review import selectors
from procurement.review.filters import AWAITING, ReviewQueueFilter
from procurement.review.forms import BulkReviewForm, ResolveCorrectionForm, ReviewDecisionForm
from procurement.review.selectors import SUBJECTS
from procurement.review.services.corrections import resolve_correction
from procurement.review.services.decisions import review_bulk, review_transition
from procurement.review.transitions import ACTIONS, available_actions

PAGE_SIZE = 50
KINDS = [
    ("award", gettext_lazy("Awards")),
    ("contract", gettext_lazy("Contracts")),
    ("process", gettext_lazy("Processes")),
]


@reviewer_required
def queue(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "award")
    if kind not in SUBJECTS:
        raise Http404
    data = request.GET.copy()
    data.setdefault("status", AWAITING)
    filters = ReviewQueueFilter(data, queryset=selectors.review_queue(kind), kind=kind)
    rows = filters.qs if filters.is_valid() else selectors.review_queue(kind).none()
    page = Paginator(selectors.with_queue_details(rows, kind), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = data.copy()
    query.pop("page", None)
    return render(
        request,
        "procurement/review_queue.html",
        {
            "kind": kind,
            "kinds": KINDS,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "actions": list(ACTIONS.values()),
            "corrections": list(selectors.open_corrections()[:20]),
            "authority_proposals": pending_count(),
        },
        status=200 if filters.is_valid() else 400,
    )


@reviewer_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    form = BulkReviewForm(request.POST)
    default = reverse("review-queue")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return back(request, default)
    data = form.cleaned_data
    try:
        rows = review_bulk(
            kind=data["kind"],
            ids=data["ids"],
            action=data["action"],
            actor=request.user,
            note=data["note"],
        )
    except ValidationError as error:
        messages.error(request, _("Nothing was changed:"))
        report(request, error)
    else:
        messages.success(
            request,
            _("%(action)s: %(count)d records.")
            % {"action": ACTIONS[data["action"]].label, "count": len(rows)},
        )
    return back(request, default)


def _record_or_404(kind: str, pk: int):
    if kind not in SUBJECTS:
        raise Http404
    try:
        return selectors.record_for_review(kind, pk)
    except SUBJECTS[kind].DoesNotExist:
        raise Http404 from None


@reviewer_required
def detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = _record_or_404(kind, pk)
    return render(
        request,
        "procurement/review_detail.html",
        {
            "kind": kind,
            "record": record,
            "actions": available_actions(record.review_status),
            "history": selectors.history_of(record),
            "decision_form": ReviewDecisionForm(),
            "resolve_form": ResolveCorrectionForm(),
            "upload_form": DocumentUploadForm(),
        },
    )


@reviewer_required
@require_POST
def decide(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = _record_or_404(kind, pk)
    form = ReviewDecisionForm(request.POST)
    here = reverse("review-detail", args=[kind, pk])
    if not form.is_valid():
        messages.error(request, _("Choose a decision; a note has at most 5,000 characters."))
        return redirect(here)
    try:
        review_transition(
            kind=kind,
            pk=record.pk,
            action=form.cleaned_data["action"],
            actor=request.user,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(
            request,
            _("%(action)s: done.") % {"action": ACTIONS[form.cleaned_data["action"]].label},
        )
    return redirect(here)


@reviewer_required
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    correction = SuggestedCorrection.objects.filter(pk=pk).first()
    if correction is None:
        raise Http404
    form = ResolveCorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or reject; a note has at most 5,000 characters."))
    else:
        try:
            resolve_correction(
                correction_id=pk,
                accept=form.cleaned_data["decision"] == "accept",
                actor=request.user,
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Suggestion resolved."))
        except ValidationError as error:
            report(request, error)
    kind = next(k for k in SUBJECTS if getattr(correction, f"{k}_id"))
    subject_id = getattr(correction, f"{kind}_id")
    return back(request, reverse("review-detail", args=[kind, subject_id]))
