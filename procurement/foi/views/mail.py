"""E-mail from and to a request: sending the request, follow-ups, reminders and complaints
from its own address; reading a received message and its suggested status; staff's holding
pen of messages no request claimed. All work without JavaScript.

A request's messages follow the request: only members of its organisation reach them
(anything else is a 404, like a request that does not exist); only its editors send or
decide. The holding pen is for staff only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procurement.core import permissions
from procurement.core.guards import page_of, staff_required
from procurement.foi.forms import AssignForm, SendForm, apply_service_errors
from procurement.foi.rules import letters, workflow
from procurement.foi.selectors import mail as selectors
from procurement.foi.services.mail_in import assign_message, dismiss_suggestion
from procurement.foi.services.mail_out import queue_message
from procurement.foi.views.workspace import editable_request, workspace_request
from procurement.models import Document, OutgoingMessage

Kind = OutgoingMessage.Kind
HOLDING_PEN_PAGE = 50


def _language_name(code: str) -> str:
    return letters.language_name(code)


@login_required
def send(request: HttpRequest, pk: int) -> HttpResponse:
    """Compose (GET `kind`, `language`) and queue (POST) an e-mail from the request's address."""
    info_request = editable_request(request, pk)
    today = timezone.localdate()
    kind = request.POST.get("kind") or request.GET.get("kind") or Kind.REQUEST
    if kind not in Kind.values:
        raise Http404
    languages = selectors.letter_languages(info_request)
    language = request.POST.get("language") or request.GET.get("language") or languages[0]
    if language not in languages:
        language = languages[0]
    allowed = kind in selectors.sendable_kinds(info_request, today)
    recipients = selectors.recipients(info_request, kind)
    subject, body = selectors.composed(info_request, kind, language, today)
    form = SendForm(
        request.POST or None,
        recipients=recipients,
        languages=languages,
        initial={
            "language": language,
            "to": recipients[0].address if recipients else "",
            "subject": subject,
            "body": body,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            queue_message(
                request_id=pk,
                kind=kind,
                to=data["to"],
                subject=data["subject"],
                body=data["body"],
                language=language,
                actor=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The e-mail is on its way to %(to)s; it appears on the timeline once sent.")
                % {"to": data["to"]},
            )
            return redirect("workspace-request-detail", pk=pk)
    context = {
        "info_request": info_request,
        "form": form,
        "kind": kind,
        "kind_label": Kind(kind).label,
        "allowed": allowed,
        "recipients": recipients,
        "letter_languages": [(code, _language_name(code)) for code in languages],
        "language": language,
        "from_address": selectors.request_address(info_request.pk),
    }
    status = 200 if allowed and recipients and not form.is_bound else 400
    return render(request, "procurement/workspace/request_send.html", context, status=status)


@login_required
def message(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    """A received e-mail of the request: its text, attachments (documents or refused with the
    reason) and the status it suggests, to confirm or dismiss."""
    info_request = workspace_request(request, pk)
    found = selectors.request_message(info_request, message_pk)
    if found is None:
        raise Http404
    document_ids = [entry["document"] for entry in found.attachments if "document" in entry]
    documents = {
        d.pk: d for d in Document.objects.filter(pk__in=document_ids, request=info_request)
    }
    suggestion = found.suggestion or {}
    status = suggestion.get("status", "")
    can_edit = permissions.can_edit_request(request.user, info_request)
    context = {
        "info_request": info_request,
        "message": found,
        "attachments": [
            {**entry, "document_obj": documents.get(entry.get("document"))}
            for entry in found.attachments
        ],
        "suggested_label": workflow.label(status) if status else "",
        "suggestion_open": found.suggestion_state == found.Suggestion.PENDING,
        "suggestion_allowed": status in workflow.allowed_transitions(info_request.status),
        "can_edit": can_edit,
    }
    return render(request, "procurement/workspace/request_message.html", context)


@login_required
@require_POST
def dismiss(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    """An editor sets a suggestion aside; nothing else changes."""
    editable_request(request, pk)
    try:
        dismiss_suggestion(message_pk=message_pk, request_id=pk, actor=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect("workspace-request-message", pk=pk, message_pk=message_pk)
    messages.success(request, _("Suggestion dismissed; the status is unchanged."))
    return redirect("workspace-request-detail", pk=pk)


@staff_required
def holding_pen(request: HttpRequest) -> HttpResponse:
    """Staff: received e-mails no request claimed, newest first."""
    page, query = page_of(request, selectors.holding_pen(), HOLDING_PEN_PAGE)
    return render(request, "procurement/mail/holding_pen.html", {"page": page, "query": query})


@staff_required
def holding_pen_message(request: HttpRequest, message_pk: int) -> HttpResponse:
    """Staff: one unclaimed e-mail, and the form that files it on a request by its number."""
    found = selectors.held_message(message_pk)
    if found is None:
        raise Http404
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assign_message(
                message_pk=message_pk,
                request_id=form.cleaned_data["request"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Filed on request %(number)d.") % {"number": form.cleaned_data["request"]},
            )
            return redirect("mail-holding-pen")
    return render(
        request,
        "procurement/mail/holding_pen_message.html",
        {"message": found, "form": form},
        status=400 if form.is_bound else 200,
    )
