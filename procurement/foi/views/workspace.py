"""The signed-in workspace: dashboard, request list, one request's page and its small forms
(receipt, publish, discard), notifications read, the organisation's reminder lead.

Only members of the requesting organisation reach a request here (anything else is a 404,
exactly like a request that does not exist); only its editors change it (403 for members)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from procurement.core import permissions
from procurement.core.form_fields import IdListField
from procurement.core.guards import back, page_of, report
from procurement.documents.forms import DocumentUploadForm
from procurement.foi.filters import WorkspaceRequestFilter
from procurement.foi.forms import (
    LeadDaysForm,
    LetterProfileForm,
    PublishForm,
    ReceiptForm,
    apply_service_errors,
)
from procurement.foi.rules import workflow
from procurement.foi.selectors import authorities as authority_selectors
from procurement.foi.selectors import mail as mail_selectors
from procurement.foi.selectors import workspace as selectors
from procurement.foi.selectors.requests import with_derived_states
from procurement.foi.services import publication
from procurement.foi.services.deliveries import retry_failed
from procurement.foi.services.notifications import mark_read
from procurement.foi.services.organisation_settings import (
    set_letter_profile,
    set_reminder_lead_days,
)
from procurement.foi.services.requests import discard_draft, record_receipt
from procurement.models import DatePrecision, Organisation, OutgoingMessage, RegisterStatus

PAGE_SIZE = 25


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The user's organisations' requests by urgency, and their notifications."""
    today = timezone.localdate()
    return render(
        request,
        "procurement/workspace/dashboard.html",
        {
            "groups": selectors.dashboard(request.user, today),
            "notifications": selectors.dashboard_notifications(request.user),
            "failed": selectors.failed_deliveries(request.user),
            "organisations": list(selectors.member_organisations(request.user)),
            "can_log": bool(permissions.organisation_ids(request.user, permissions.Role.EDITOR)),
            "today": today,
        },
    )


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    organisations = list(selectors.member_organisations(request.user))
    queryset = with_derived_states(
        selectors.request_rows(selectors.workspace_requests(request.user)), today
    ).order_by("-created_at", "-pk")
    filterset = WorkspaceRequestFilter(
        request.GET, queryset=queryset, today=today, organisations=organisations
    )
    page, query = page_of(request, filterset.qs, PAGE_SIZE)
    return render(
        request,
        "procurement/workspace/request_list.html",
        {"filter": filterset, "page": page, "query": query, "today": today},
        status=400 if filterset.errors else 200,
    )


def workspace_request(request: HttpRequest, pk: int):
    """The request with everything its members see; 404 outside its organisation."""
    info_request = selectors.request_for_workspace(request.user, pk)
    if info_request is None:
        raise Http404
    return info_request


def editable_request(request: HttpRequest, pk: int):
    info_request = workspace_request(request, pk)
    if not permissions.can_edit_request(request.user, info_request):
        raise PermissionDenied(_("Only the organisation's editors can change its requests."))
    return info_request


def render_detail(request: HttpRequest, info_request, status: int = 200, **forms) -> HttpResponse:
    editor = permissions.can_edit_request(request.user, info_request)
    documents = info_request.all_documents
    context = {
        "info_request": info_request,
        "show_actors": True,
        "can_edit": editor,
        "steps": [
            (step, workflow.label(step))
            for step in workflow.allowed_transitions(info_request.status)
        ]
        if editor
        else [],
        "documents": documents,
        "followers": info_request.followers.all(),
        "is_following": any(f.pk == request.user.pk for f in info_request.followers.all()),
        "upload_form": forms.get("upload_form") or DocumentUploadForm(),
        "receipt_form": forms.get("receipt_form") or ReceiptForm(),
        "receipt_open": editor
        and info_request.status in workflow.AWAITING
        and info_request.sent_on_precision == DatePrecision.DAY,
        "publish_form": forms.get("publish_form") or PublishForm(documents=documents),
        "chosen": {d.pk for d in documents if d.is_published},
        "here": reverse("workspace-request-detail", args=[info_request.pk]),
        "mail": mail_context(info_request),
    }
    return render(request, "procurement/workspace/request_detail.html", context, status=status)


def mail_context(info_request) -> dict:
    """The request's address, what may be e-mailed from it now, and a suspect FOI e-mail."""
    authority = info_request.authority
    return {
        "address": mail_selectors.request_address(info_request.pk),
        "kinds": [
            (kind, OutgoingMessage.Kind(kind).label)
            for kind in mail_selectors.sendable_kinds(info_request, timezone.localdate())
        ],
        "authority_suspect": authority.foi_email_suspect_reason
        or (_("Mail to it bounced.") if authority.foi_email_suspect else ""),
    }


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_detail(request, workspace_request(request, pk))


@login_required
@require_POST
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The day the authority received the request became known: the deadlines follow it."""
    info_request = editable_request(request, pk)
    form = ReceiptForm(request.POST)
    if form.is_valid():
        try:
            record_receipt(
                request_id=pk, actor=request.user, received_on=form.cleaned_data["received_on"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Receipt recorded; the deadlines were recomputed."))
            return redirect("workspace-request-detail", pk=pk)
    return render_detail(request, info_request, status=400, receipt_form=form)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish with the chosen documents (or change the choice), or unpublish."""
    info_request = editable_request(request, pk)
    form = PublishForm(request.POST, documents=info_request.all_documents)
    if form.is_valid():
        try:
            if request.POST.get("action") == "unpublish":
                publication.unpublish_request(request_id=pk, actor=request.user)
                done = _("The request is private again.")
            else:
                publication.publish_request(
                    request_id=pk,
                    actor=request.user,
                    document_ids=form.cleaned_data["documents"],
                )
                done = _("Published: the public sees the request and the documents you chose.")
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("workspace-request-detail", pk=pk)
    return render_detail(request, info_request, status=400, publish_form=form)


@login_required
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    info_request = editable_request(request, pk)
    try:
        discard_draft(request_id=pk, actor=request.user)
    except ValidationError as error:
        report(request, error)
        return redirect("workspace-request-detail", pk=pk)
    messages.success(request, _("Draft “%(subject)s” discarded.") % {"subject": info_request})
    return redirect("workspace-dashboard")


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    """Mark the listed notifications (the user's own only) as read."""
    try:
        ids = IdListField(required=False).clean(request.POST.getlist("notifications"))
    except ValidationError as error:
        report(request, error)
    else:
        mark_read(user=request.user, notification_ids=ids)
    return back(request, reverse("workspace-dashboard"))


@login_required
@require_POST
def retry_deliveries(request: HttpRequest) -> HttpResponse:
    """Retry the listed failed reminders, e-mails and invitations the user may retry."""
    try:
        ids = {
            field: IdListField(required=False).clean(request.POST.getlist(field))
            for field in ("reminders", "notifications", "invitations", "messages")
        }
    except ValidationError as error:
        report(request, error)
    else:
        count = retry_failed(
            actor=request.user,
            reminder_ids=ids["reminders"],
            notification_ids=ids["notifications"],
            invitation_ids=ids["invitations"],
            message_ids=ids["messages"],
        )
        messages.success(
            request,
            ngettext(
                "%(n)d delivery will be tried again now.",
                "%(n)d deliveries will be tried again now.",
                count,
            )
            % {"n": count},
        )
    return back(request, reverse("workspace-dashboard"))


@login_required
def authorities_json(request: HttpRequest) -> JsonResponse:
    """The authority search of the request form, for its small script (same results as the
    form's own search step, which works without JavaScript)."""
    found = authority_selectors.authorities_matching(request.GET.get("q", "")[:200], request.user)
    return JsonResponse(
        {
            "results": [
                {
                    "id": organisation.pk,
                    "name": organisation.name,
                    "jurisdiction": organisation.jurisdiction.name
                    if organisation.jurisdiction
                    else "",
                    "aliases": [alias.name for alias in organisation.aliases.all()],
                    "unconfirmed": organisation.register_status != RegisterStatus.CONFIRMED,
                    "foi_email": organisation.foi_email,
                    "foi_email_suspect": organisation.foi_email_suspect,
                }
                for organisation in found
            ]
        }
    )


@login_required
def organisation_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """Organisation admins choose how early members are reminded of deadlines."""
    if not permissions.can_administer_organisation(request.user, pk):
        raise Http404
    organisation = Organisation.objects.filter(pk=pk, kind=Organisation.Kind.CIVIL_SOCIETY).first()
    if organisation is None:
        raise Http404
    profile_posted = request.method == "POST" and request.POST.get("form") == "profile"
    form = LeadDaysForm(
        None if profile_posted else (request.POST or None),
        initial={"reminder_lead_days": organisation.reminder_lead_days},
    )
    profile = LetterProfileForm(
        request.POST if profile_posted else None,
        initial={"postal_address": organisation.postal_address},
    )
    status = 200
    if profile_posted:
        if profile.is_valid():
            try:
                set_letter_profile(
                    organisation_id=pk,
                    postal_address=profile.cleaned_data["postal_address"],
                    actor=request.user,
                )
            except ValidationError as error:
                apply_service_errors(profile, error)
            else:
                messages.success(request, _("Saved: letters now give this address."))
                return redirect("organisation-settings", pk=pk)
        status = 400
    elif request.method == "POST":
        if form.is_valid():
            try:
                count = set_reminder_lead_days(
                    organisation_id=pk,
                    days=form.cleaned_data["reminder_lead_days"],
                    actor=request.user,
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Saved; the reminders of %(n)d open request were rescheduled.",
                        "Saved; the reminders of %(n)d open requests were rescheduled.",
                        count,
                    )
                    % {"n": count},
                )
                return redirect("organisation-settings", pk=pk)
        status = 400
    return render(
        request,
        "procurement/workspace/organisation_settings.html",
        {"organisation": organisation, "form": form, "profile": profile},
        status=status,
    )
