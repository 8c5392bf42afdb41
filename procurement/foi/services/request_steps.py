"""What the workspace's request forms write, each in one transaction: logging a request (and
marking it sent at once), and recording a step of the workflow with the document that came
with it. Built on the workflow service (`services.requests`, the only writer of the status)
and the document service; if any part is refused, nothing is written."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from procurement.documents.services import upload_document
from procurement.foi.services.requests import create_request, mark_sent, request_transition
from procurement.models import Document, InfoRequest, Jurisdiction, Organisation, RequestEvent


@dataclass(frozen=True)
class Upload:
    """A file that came with a step (its type already checked by `documents.check_file`)."""

    file: Any
    title: str = ""
    document_type: str = Document.Type.OTHER


@dataclass(frozen=True)
class Sending:
    """How and when a request went out."""

    sent_on: date
    received_on: date | None = None
    channel: str = ""
    reference_number: str = ""


@transaction.atomic
def log_request(
    *,
    organisation: Organisation,
    authority: Organisation,
    subject: str,
    text: str,
    actor,
    jurisdiction: Jurisdiction | None = None,
    is_urgent: bool = False,
    awards=(),
    processes=(),
    agreements=(),
    sending: Sending | None = None,
) -> InfoRequest:
    """A new request of `organisation` to `authority`, saved as a draft or, with `sending`,
    marked sent at once (its deadlines then run); a refused date leaves no draft behind."""
    info_request = create_request(
        organisation=organisation,
        authority=authority,
        subject=subject,
        text=text,
        actor=actor,
        jurisdiction=jurisdiction,
        is_urgent=is_urgent,
        awards=awards,
        processes=processes,
        agreements=agreements,
    )
    if sending is None:
        return info_request
    return mark_sent(
        request_id=info_request.pk,
        actor=actor,
        sent_on=sending.sent_on,
        received_on=sending.received_on,
        channel=sending.channel,
        reference_number=sending.reference_number,
    )


@transaction.atomic
def record_step(
    *,
    request_id: int,
    to: str,
    actor,
    on: date,
    note: str = "",
    document_ids=(),
    upload: Upload | None = None,
    **facts: Any,
) -> InfoRequest:
    """Record what happened (through `request_transition`) and attach the documents that came
    with it to the step's event: earlier uploads by id, and a new file, stored only once the
    step was accepted."""
    info_request = request_transition(
        request_id=request_id,
        to=to,
        actor=actor,
        on=on,
        note=note,
        document_ids=document_ids,
        **facts,
    )
    if upload is not None:
        event = (
            RequestEvent.objects.filter(request=info_request, kind=RequestEvent.Kind.STATUS)
            .order_by("-pk")
            .first()
        )
        upload_document(
            parent=info_request,
            uploaded=upload.file,
            actor=actor,
            title=upload.title,
            document_type=upload.document_type,
            event=event,
            date_published=on,
        )
    return info_request
