"""Document uploads: checked before anything is written, stored once per SHA-256."""

import hashlib
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from procurement.documents import services as documents
from procurement.models import AuditLog, Document, StoredFile
from tests.factories import AwardFactory, InfoRequestFactory
from tests.uploads import EML, EXE, PDF, PNG, office, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference", "media_root")]


@pytest.fixture
def request_a(people):
    return InfoRequestFactory(requester_organisation=people.org_a)


def stored_files(media_root: Path) -> list[Path]:
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


def test_an_editor_uploads_a_pdf_stored_under_its_hash(people, request_a, media_root):
    document = documents.upload_document(
        parent=request_a,
        uploaded=upload("Одговор МУП.pdf", PDF, "image/png"),  # the browser's type is ignored
        actor=people.editor_a,
        document_type=Document.Type.RESPONSE,
    )
    sha = hashlib.sha256(PDF).hexdigest()
    stored = document.stored_file
    assert (stored.sha256, stored.mime_type, stored.size) == (sha, "application/pdf", len(PDF))
    assert stored.file.name == f"files/{sha[:2]}/{sha}"
    assert (media_root / stored.file.name).read_bytes() == PDF
    assert (document.request, document.title, document.original_name) == (
        request_a,
        "Одговор МУП.pdf",
        "Одговор МУП.pdf",
    )
    assert document.is_published is False and document.uploaded_by == people.editor_a
    assert AuditLog.objects.get(action="document.uploaded").details["sha256"] == sha


def test_the_same_bytes_are_stored_once(people, request_a, media_root):
    other = InfoRequestFactory(requester_organisation=people.org_a)
    first = documents.upload_document(
        parent=request_a, uploaded=upload("a.pdf", PDF), actor=people.editor_a
    )
    second = documents.upload_document(
        parent=other, uploaded=upload("b.pdf", PDF), actor=people.admin_a
    )
    assert first.stored_file_id == second.stored_file_id
    assert StoredFile.objects.count() == 1 and len(stored_files(media_root)) == 1
    with pytest.raises(ValidationError, match=r"already attached here as “a\.pdf”"):
        documents.upload_document(
            parent=request_a, uploaded=upload("again.pdf", PDF), actor=people.editor_a
        )
    assert Document.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("answer.pdf", EXE, "not one we accept"),
        ("answer.pdf", PNG, "named .pdf but its content is of another type"),
        ("reply.eml", b"<html><body>hi</body></html>", "not one we accept"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_refused_uploads_leave_nothing_behind(
    people, request_a, media_root, name, content, message
):
    with pytest.raises(ValidationError, match=message):
        documents.upload_document(
            parent=request_a, uploaded=upload(name, content), actor=people.editor_a
        )
    assert not Document.objects.exists() and not StoredFile.objects.exists()
    assert stored_files(media_root) == [] and not AuditLog.objects.exists()


def test_oversized_uploads_are_refused(people, request_a, settings):
    settings.UPLOAD_MAX_BYTES = len(PDF) - 1
    with pytest.raises(ValidationError, match="the largest we accept is"):
        documents.upload_document(
            parent=request_a, uploaded=upload("a.pdf", PDF), actor=people.editor_a
        )
    assert not StoredFile.objects.exists()


def test_e_mails_and_office_files_are_accepted(people, request_a):
    eml = documents.upload_document(
        parent=request_a, uploaded=upload("reply.eml", EML), actor=people.editor_a
    )
    docx = documents.upload_document(
        parent=request_a, uploaded=upload("d.docx", office("docx")), actor=people.editor_a
    )
    assert eml.stored_file.mime_type == "message/rfc822"
    assert docx.stored_file.mime_type.endswith("wordprocessingml.document")


def test_who_may_upload_where(people, request_a):
    for user in (people.member_a, people.member_b, people.reviewer, people.staff):
        with pytest.raises(PermissionDenied):
            documents.upload_document(parent=request_a, uploaded=upload("a.pdf", PDF), actor=user)
    award = AwardFactory()
    with pytest.raises(PermissionDenied):
        documents.upload_document(
            parent=award, uploaded=upload("a.pdf", PDF), actor=people.editor_a
        )
    document = documents.upload_document(
        parent=award, uploaded=upload("a.pdf", PDF), actor=people.reviewer
    )
    assert document.award == award and not Document.objects.filter(request=request_a).exists()


def test_a_failure_after_the_file_is_written_leaves_no_rows(people, request_a, media_root):
    failing = mock.patch.object(documents, "record_audit", side_effect=RuntimeError("disk full"))
    with failing, pytest.raises(RuntimeError):
        documents.upload_document(
            parent=request_a, uploaded=upload("a.pdf", PDF), actor=people.editor_a
        )
    assert not Document.objects.exists() and not StoredFile.objects.exists()
    # The orphaned file is reused, after its bytes are checked, by the next upload.
    assert len(stored_files(media_root)) == 1
    document = documents.upload_document(
        parent=request_a, uploaded=upload("a.pdf", PDF), actor=people.editor_a
    )
    assert len(stored_files(media_root)) == 1
    assert document.stored_file.file.read() == PDF


def test_a_corrupt_orphan_is_replaced(people, request_a, media_root):
    sha = hashlib.sha256(PDF).hexdigest()
    orphan = media_root / "files" / sha[:2] / sha
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(PDF[:10])  # a write cut short
    document = documents.upload_document(
        parent=request_a, uploaded=upload("a.pdf", PDF), actor=people.editor_a
    )
    assert document.stored_file.file.name == f"files/{sha[:2]}/{sha}"
    assert orphan.read_bytes() == PDF


def test_an_event_of_another_request_is_refused(people, request_a):
    from procurement.models import RequestEvent

    other = InfoRequestFactory(requester_organisation=people.org_a)
    event = RequestEvent.objects.create(request=other, kind="note", occurred_on="2025-01-02")
    with pytest.raises(ValidationError, match="another request"):
        documents.upload_document(
            parent=request_a, uploaded=upload("a.pdf", PDF), actor=people.editor_a, event=event
        )
    assert not StoredFile.objects.exists()


def test_editors_choose_which_request_documents_are_published(people, request_a):
    document = documents.upload_document(
        parent=request_a, uploaded=upload("a.pdf", PDF), actor=people.editor_a
    )
    with pytest.raises(PermissionDenied):
        documents.set_document_published(
            document_id=document.pk, published=True, actor=people.member_a
        )
    documents.set_document_published(document_id=document.pk, published=True, actor=people.editor_a)
    document.refresh_from_db()
    assert document.is_published
    assert AuditLog.objects.filter(action="document.published").count() == 1
