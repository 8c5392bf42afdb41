"""Publishing an FOI request to the public site, and taking it back.

An editor of the requesting organisation publishes a request that was sent and chooses which
of its documents the public may download; everything else stays inside the organisation.
What the public sees never names the people involved: the public page, list and API show the
organisation, the authority, the dates, the status and the timeline without who recorded
each step; followers, the creator and e-mail addresses are never shown (see
`selectors.requests.timeline_prefetch(public=True)` and the API serializer).
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.core import permissions
from procurement.core.audit import record_audit
from procurement.models import (
    Document,
    InfoRequest,
    RegisterStatus,
    RequestEvent,
    RequestStatus,
    Visibility,
)
from procurement.redflags.services import recompute_red_flags_on_commit


def _locked_for_editor(request_id: int, actor) -> InfoRequest:
    info_request = (
        InfoRequest.objects.select_for_update(of=("self",))
        .select_related("requester_organisation", "authority")
        .get(pk=request_id)
    )
    if not permissions.can_edit_request(actor, info_request):
        raise PermissionDenied(
            _("Only editors of %(organisation)s can publish this request.")
            % {"organisation": info_request.requester_organisation}
        )
    return info_request


def _chosen_documents(info_request: InfoRequest, document_ids: Iterable[int]) -> set[int]:
    chosen = set(document_ids)
    own = set(info_request.documents.filter(pk__in=chosen).values_list("pk", flat=True))
    if own != chosen:
        raise ValidationError(
            {"documents": _("Choose documents of this request only.")}, code="foreign_document"
        )
    return chosen


def _set_visibility(info_request: InfoRequest, visibility: str, actor) -> None:
    """Save the new visibility (the request is locked) and put the change on the timeline."""
    published = visibility == Visibility.PUBLISHED
    info_request.visibility = visibility
    info_request.published_at = timezone.now() if published else None
    info_request._history_user = actor
    info_request.save(update_fields=["visibility", "published_at", "updated_at"])
    RequestEvent.objects.create(
        request=info_request,
        kind=RequestEvent.Kind.PUBLISHED if published else RequestEvent.Kind.UNPUBLISHED,
        occurred_on=timezone.localdate(),
        actor=actor,
    )
    # A published classified refusal is a public red flag of what the request is about.
    recompute_red_flags_on_commit(request_ids=[info_request.pk])


@transaction.atomic
def publish_request(*, request_id: int, actor, document_ids: Iterable[int] = ()) -> InfoRequest:
    """Show a sent request on the public site with the chosen documents (and no others);
    publishing an already published request changes only the choice of documents."""
    info_request = _locked_for_editor(request_id, actor)
    if info_request.status == RequestStatus.DRAFT:
        raise ValidationError(
            _("A draft cannot be published: mark it as sent first."), code="draft"
        )
    if info_request.authority.register_status != RegisterStatus.CONFIRMED:
        # A proposed authority is not public until a reviewer confirms it (authorities).
        raise ValidationError(
            _(
                "The authority %(authority)s awaits a reviewer's confirmation: the request can "
                "be published once it is confirmed."
            )
            % {"authority": info_request.authority},
            code="unconfirmed_authority",
        )
    chosen = _chosen_documents(info_request, document_ids)
    documents = Document.objects.filter(request=info_request)
    documents.filter(pk__in=chosen).update(is_published=True)
    documents.exclude(pk__in=chosen).update(is_published=False)
    newly = info_request.visibility != Visibility.PUBLISHED
    if newly:
        _set_visibility(info_request, Visibility.PUBLISHED, actor)
    record_audit(
        "request.published" if newly else "request.documents_chosen",
        actor=actor,
        subject=info_request,
        documents=sorted(chosen),
    )
    return info_request


@transaction.atomic
def unpublish_request(*, request_id: int, actor) -> InfoRequest:
    """Take a request off the public site: it is private to its organisation again."""
    info_request = _locked_for_editor(request_id, actor)
    if info_request.visibility != Visibility.PUBLISHED:
        raise ValidationError(_("This request is not published."), code="not_published")
    _set_visibility(info_request, Visibility.PRIVATE, actor)
    record_audit("request.unpublished", actor=actor, subject=info_request)
    return info_request
