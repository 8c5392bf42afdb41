"""Uploaded documents: size-limited, typed by their content, stored once per SHA-256 under
MEDIA_ROOT (outside the web root), each attached to exactly one record by a Document row.

Everything is checked before anything is written; the rows are written in one transaction.
A file written to disk whose transaction then fails stays as an orphan under its own hash
and is reused (after re-checking its bytes) by the next upload of the same content.
"""

import hashlib
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from procurement.core import permissions
from procurement.core.audit import record_audit
from procurement.documents.file_types import (
    SNIFF_BYTES,
    Detected,
    UnacceptableFile,
    check_upload,
    refuse_active_content,
)
from procurement.documents.file_types import clean_file_name as _clean_name
from procurement.models import (
    Agreement,
    Award,
    Contract,
    ContractAmendment,
    Document,
    InfoRequest,
    ProcurementProcess,
    RequestEvent,
    StoredFile,
)
from procurement.models.documents import stored_file_path
from procurement.redflags.services import recompute_red_flags_on_commit

# The Document foreign key that holds each kind of parent.
PARENT_FIELDS: dict[type, str] = {
    InfoRequest: "request",
    Agreement: "agreement",
    ProcurementProcess: "process",
    Award: "award",
    Contract: "contract",
    ContractAmendment: "amendment",
}
# The parents whose documents red-flag rules read, with the argument that names them.
FLAGGED_PARENTS = {"process": "process_ids", "award": "award_ids", "contract": "contract_ids"}
CHUNK = 1024 * 1024
TITLE_MAX = 300


def _head(fileobj: IO[bytes]) -> bytes:
    fileobj.seek(0)
    head = fileobj.read(SNIFF_BYTES)
    fileobj.seek(0)
    return head


def check_file(uploaded) -> Detected:
    """The accepted type of an upload, or a ValidationError saying why it is refused:
    empty, larger than UPLOAD_MAX_BYTES, or content that is not an accepted type."""
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."))
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest we accept is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
        )
    try:
        detected = check_upload(_head(uploaded), uploaded.name or "")
        uploaded.seek(0)
        refuse_active_content(uploaded, detected)
    except UnacceptableFile as error:
        raise ValidationError(str(error)) from None
    finally:
        uploaded.seek(0)
    return detected


def _digest(fileobj: IO[bytes]) -> tuple[str, int]:
    fileobj.seek(0)
    digest, size = hashlib.sha256(), 0
    while chunk := fileobj.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    fileobj.seek(0)
    return digest.hexdigest(), size


def _write_once(name: str, fileobj: IO[bytes], sha256: str) -> str:
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as existing:
            if _digest(existing)[0] == sha256:
                return name  # an orphan of a failed transaction, or a concurrent upload
        default_storage.delete(name)  # a partial write: replace it
    return default_storage.save(name, File(fileobj))


def store_file(fileobj: IO[bytes], *, mime_type: str) -> StoredFile:
    """The StoredFile holding these bytes: found by SHA-256, or written and recorded once.
    The type must already have been checked (see check_file)."""
    sha256, size = _digest(fileobj)
    existing = StoredFile.objects.filter(sha256=sha256).first()
    if existing is not None:
        return existing
    probe = StoredFile(sha256=sha256)
    name = _write_once(stored_file_path(probe, ""), fileobj, sha256)
    try:
        with transaction.atomic():
            return StoredFile.objects.create(
                sha256=sha256, file=name, size=size, mime_type=mime_type
            )
    except IntegrityError:
        return StoredFile.objects.get(sha256=sha256)  # the same bytes uploaded concurrently


def parent_field(parent) -> str:
    try:
        return PARENT_FIELDS[type(parent)]
    except KeyError:
        raise ValidationError(_("Documents cannot be attached to this kind of record.")) from None


def upload_document(
    *,
    parent,
    uploaded,
    actor,
    title: str = "",
    document_type: str = Document.Type.OTHER,
    event: RequestEvent | None = None,
    date_published=None,
    language: str = "",
) -> Document:
    """Attach an uploaded file to `parent` (a request, agreement, process, award, contract or
    amendment) for a user allowed to (see permissions.can_upload_document)."""
    parent_field(parent)
    if not permissions.can_upload_document(actor, parent):
        raise PermissionDenied(_("You may not add documents here."))
    return _attach(
        parent=parent,
        uploaded=uploaded,
        actor=actor,
        title=title,
        document_type=document_type,
        event=event,
        date_published=date_published,
        language=language,
        action="document.uploaded",
    )


def attach_received_file(
    *, info_request: InfoRequest, uploaded, event: RequestEvent, document_type: str
) -> Document:
    """Attach a file that came with an e-mail received for `info_request` (no person uploads
    it: the tracker does): the same checks as an upload — type by content, size, active
    content — each refusal a ValidationError saying why."""
    return _attach(
        parent=info_request,
        uploaded=uploaded,
        actor=None,
        title="",
        document_type=document_type,
        event=event,
        date_published=event.occurred_on,
        language="",
        action="document.received",
    )


def _attach(
    *,
    parent,
    uploaded,
    actor,
    title: str,
    document_type: str,
    event: RequestEvent | None,
    date_published,
    language: str,
    action: str,
) -> Document:
    field = parent_field(parent)
    detected = check_file(uploaded)
    original_name = _clean_name(uploaded.name or "", detected)
    title = (title.strip() or original_name)[:TITLE_MAX]
    if document_type not in Document.Type.values:
        raise ValidationError(_("Choose a document type from the list."))
    if event is not None and (field != "request" or event.request_id != parent.pk):
        raise ValidationError(_("The event belongs to another request."))
    sha256, _size = _digest(uploaded)
    duplicate = Document.objects.filter(**{field: parent}, stored_file__sha256=sha256).first()
    if duplicate is not None:
        raise ValidationError(
            _("This file is already attached here as “%(title)s”.") % {"title": duplicate}
        )
    with transaction.atomic():
        stored = store_file(uploaded, mime_type=detected.mime_type)
        document = Document.objects.create(
            **{field: parent},
            title=title,
            document_type=document_type,
            stored_file=stored,
            original_name=original_name,
            language=language[:10],
            date_published=date_published,
            event=event,
            uploaded_by=actor,
        )
        record_audit(
            action,
            actor=actor,
            subject=document,
            parent=f"{field}:{parent.pk}",
            sha256=stored.sha256,
            mime_type=stored.mime_type,
        )
        if field in FLAGGED_PARENTS:  # a signed contract (R063) or a rationale (R010)
            recompute_red_flags_on_commit(**{FLAGGED_PARENTS[field]: [parent.pk]})
    return document


@transaction.atomic
def set_document_published(*, document_id: int, published: bool, actor) -> Document:
    """An editor chooses whether a request's document is shown once the request is published."""
    document = (
        Document.objects.select_for_update(of=("self",))
        .select_related("request")
        .get(pk=document_id)
    )
    if document.request is None:
        raise ValidationError(_("Only documents of requests are published this way."))
    if not permissions.can_edit_request(actor, document.request):
        raise PermissionDenied(_("You may not change this request's documents."))
    if document.is_published != published:
        document.is_published = published
        document._history_user = actor
        document.save(update_fields=["is_published"])
        record_audit(
            "document.published" if published else "document.unpublished",
            actor=actor,
            subject=document,
        )
    return document
