"""Logging a request and recording what happens to it: the workspace's two larger forms.

Both work without JavaScript. Logging starts with finding the authority (a search step that
lists matching authorities; a small same-origin script suggests them while typing), then
shows the law and its deadline rule for the authority's jurisdiction before anything is
saved. Recording a step offers only the transitions the workflow allows; on any error the
form comes back with the user's input and a clear message, and nothing has changed."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.authorities.forms import ProposeAuthorityForm
from procurement.core.upload_limits import limits_uploads
from procurement.foi.forms import (
    AuthoritySearchForm,
    NewRequestForm,
    StepForm,
    apply_service_errors,
)
from procurement.foi.rules import workflow
from procurement.foi.selectors import authorities as authority_selectors
from procurement.foi.selectors import mail as mail_selectors
from procurement.foi.selectors.deadlines import CalculatorError, calculate
from procurement.foi.selectors.workspace import editable_organisations
from procurement.foi.services.mail_in import confirm_suggestion
from procurement.foi.services.request_steps import Sending, Upload, log_request, record_step
from procurement.foi.views.workspace import editable_request
from procurement.models import Jurisdiction, RequestStatus

SENDING_ALIASES = {"on": "sent_on"}


def law_preview(jurisdiction: Jurisdiction | None) -> dict:
    """The law that would apply and its deadlines for a request received today, or why
    none can be computed."""
    if jurisdiction is None:
        return {
            "error": _(
                "This authority has no jurisdiction on record: choose whose FOI law applies."
            )
        }
    today = timezone.localdate()
    try:
        return {"calc": calculate(jurisdiction=jurisdiction.code, received_on=today)}
    except CalculatorError as error:
        return {"error": error.message}


def _chosen_jurisdiction(request: HttpRequest, authority) -> Jurisdiction | None:
    code = (request.POST.get("jurisdiction") or request.GET.get("jurisdiction") or "").strip()
    if code:
        return Jurisdiction.objects.filter(code=code).first()
    return authority.jurisdiction if authority else None


def authority_search(request: HttpRequest, organisations, proposal=None) -> dict:
    """Step 1's context: the search form, the authorities it found, and the form proposing
    a missing one (prefilled with the words searched)."""
    search = AuthoritySearchForm(request.GET or None)
    text = search.cleaned_data["authority_q"] if search.is_valid() else ""
    return {
        "search": search,
        "matches": authority_selectors.authorities_matching(text, request.user),
        "searched": bool(text),
        "proposal_form": proposal
        or ProposeAuthorityForm(organisations=organisations, initial={"name": text}),
    }


@login_required
def new_request(request: HttpRequest) -> HttpResponse:
    """Step 1: find the authority (GET `authority_q`); step 2: the request form for the
    chosen authority (GET `authority`), with its law; POST saves a draft or marks it sent."""
    organisations = editable_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied(_("Only editors of an organisation can log its requests."))
    chosen = request.POST.get("authority") or request.GET.get("authority")
    authority = authority_selectors.authority(chosen, request.user) if chosen else None
    context = authority_search(request, organisations)
    if authority is None:
        refused = bool(chosen) or request.method == "POST"
        context["unknown_authority"] = refused
        return render(
            request,
            "procurement/workspace/request_new.html",
            context,
            status=400 if refused else 200,
        )
    jurisdiction = _chosen_jurisdiction(request, authority)
    suggested = authority_selectors.suggested_records(authority, request.user)
    form = NewRequestForm(
        request.POST or None,
        user=request.user,
        organisations=organisations,
        suggested=suggested,
        initial={
            "authority": authority.pk,
            "jurisdiction": jurisdiction.code if jurisdiction else None,
            "organisation": organisations.first(),
        },
    )
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form)
        if saved is not None:
            return saved
    context.update(
        {
            "authority": authority,
            "jurisdiction": jurisdiction,
            "jurisdictions": Jurisdiction.objects.order_by("code"),
            "form": form,
            **law_preview(jurisdiction),
        }
    )
    return render(
        request,
        "procurement/workspace/request_new.html",
        context,
        status=400 if form.is_bound else 200,
    )


def _save(request: HttpRequest, form: NewRequestForm) -> HttpResponse | None:
    data = form.cleaned_data
    sending = (
        Sending(
            sent_on=data["sent_on"],
            received_on=data["received_on"],
            channel=data["channel"],
            reference_number=data["reference_number"],
        )
        if form.sends
        else None
    )
    try:
        info_request = log_request(
            organisation=data["organisation"],
            authority=data["authority"],
            jurisdiction=data["jurisdiction"],
            subject=data["subject"],
            text=data["text"],
            is_urgent=data["is_urgent"],
            actor=request.user,
            sending=sending,
            **form.links,
        )
    except ValidationError as error:
        apply_service_errors(form, error, SENDING_ALIASES)
        return None
    except PermissionDenied as error:
        form.add_error("organisation", str(error))
        return None
    if sending:
        messages.success(request, _("Request logged and marked as sent; its deadlines run."))
    else:
        messages.success(request, _("Request saved as a draft."))
    return redirect("workspace-request-detail", pk=info_request.pk)


@limits_uploads
@login_required
def record(request: HttpRequest, pk: int, to: str) -> HttpResponse:
    """Record one step (acknowledged, extended, answered, refused, classified, appealed …)."""
    if to not in RequestStatus.values:
        raise Http404
    info_request = editable_request(request, pk)
    context = {"info_request": info_request, "step": to, "step_label": workflow.label(to)}
    allowed = to in workflow.allowed_transitions(info_request.status)
    if not allowed and request.method != "POST":
        context["refused"] = workflow.TransitionError(info_request.status, to).messages[0]
        return render(request, "procurement/workspace/request_step.html", context, status=400)
    # Confirming the status a received e-mail suggests: the form starts from its facts.
    suggested, initial = mail_selectors.suggested_step(
        info_request, request.POST.get("message") or request.GET.get("message"), to
    )
    context["suggested"] = suggested
    form = StepForm(
        request.POST or None,
        request.FILES or None,
        step=to,
        law=info_request.law,
        unattached=[d for d in info_request.all_documents if d.event_id is None],
        oversized=getattr(request, "oversized_uploads", None),
        initial={"on": timezone.localdate(), **initial},
    )
    if request.method == "POST" and not allowed:
        # Someone else recorded a step meanwhile, or a hand-made request: the workflow says no.
        form.is_valid()
        form.add_error(None, workflow.TransitionError(info_request.status, to).messages[0])
    elif request.method == "POST" and form.is_valid():
        try:
            _record_step(request, info_request, to, form, suggested)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Recorded: %(status)s.") % {"status": workflow.label(to)})
            return redirect("workspace-request-detail", pk=pk)
    context["form"] = form
    return render(
        request,
        "procurement/workspace/request_step.html",
        context,
        status=400 if form.is_bound else 200,
    )


def _record_step(request: HttpRequest, info_request, to: str, form: StepForm, suggested) -> None:
    data = form.cleaned_data
    upload = (
        Upload(
            data["file"],
            data["title"],
            data["document_type"] or form.fields["document_type"].initial,
        )
        if data.get("file")
        else None
    )
    step = (
        record_step if suggested is None else partial(confirm_suggestion, message_pk=suggested.pk)
    )
    step(
        request_id=info_request.pk,
        to=to,
        actor=request.user,
        on=data["on"],
        note=data["note"],
        document_ids=data.get("documents", []),
        upload=upload,
        **form.facts(),
    )
