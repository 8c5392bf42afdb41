"""Uploading through the reusable form, and downloading through the permission check."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from procurement.documents.services import upload_document
from procurement.models import Document, ReviewStatus, StoredFile
from tests.factories import AwardFactory, InfoRequestFactory
from tests.uploads import EXE, PDF, PNG, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference", "media_root")]


@pytest.fixture
def request_a(people):
    return InfoRequestFactory(requester_organisation=people.org_a, subject="Camera locations")


def post_file(client, kind, pk, name, content, **extra):
    return client.post(
        reverse("document-upload", args=[kind, pk]),
        {"file": upload(name, content), "title": "", "document_type": "foiResponse", **extra},
    )


def test_an_editor_uploads_to_a_request_and_members_download(client, people, request_a):
    client.force_login(people.editor_a)
    form = client.get(reverse("document-upload", args=["request", request_a.pk]))
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.content.decode()
    response = post_file(
        client, "request", request_a.pk, "Одговор.pdf", PDF, date_published="2025-02-14"
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.date_published.isoformat() == "2025-02-14"
    client.force_login(people.member_a)
    download = client.get(reverse("document-download", args=[document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%D0%9E%D0%B4" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert download["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("answer.pdf", EXE, "not one we accept"),
        ("answer.pdf", PNG, "named .pdf but its content is of another type"),
    ],
)
def test_disguised_uploads_are_refused_with_a_reason(
    client, people, request_a, name, content, message
):
    client.force_login(people.editor_a)
    response = post_file(client, "request", request_a.pk, name, content)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Document.objects.exists() and not StoredFile.objects.exists()


def test_an_oversized_upload_is_dropped_while_it_streams(client, people, request_a, settings):
    settings.UPLOAD_MAX_BYTES = 64 * 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # otherwise it would go to a temporary file
    client.force_login(people.editor_a)
    response = post_file(client, "request", request_a.pk, "big.pdf", PDF + b"0" * 200_000)
    assert response.status_code == 400
    html = response.content.decode().replace("\xa0", " ")
    assert "The file is larger than 64.0 KB, the largest we accept." in html
    assert not StoredFile.objects.exists()


def test_bad_fields_of_the_upload_form(client, people, request_a):
    client.force_login(people.editor_a)
    for extra, message in [
        ({"date_published": "2025-02-30"}, "Enter a valid date"),
        ({"title": "t" * 301}, "at most 300 characters"),
        ({"document_type": "malware"}, "valid choice"),
    ]:
        response = post_file(client, "request", request_a.pk, "a.pdf", PDF, **extra)
        assert response.status_code == 400 and message in response.content.decode(), message
    response = client.post(reverse("document-upload", args=["request", request_a.pk]), {})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    assert not StoredFile.objects.exists()


def test_who_may_upload(client, people, request_a):
    award = AwardFactory()
    for user, kind, pk in [
        (people.member_a, "request", request_a.pk),
        (people.member_b, "request", request_a.pk),
        (people.reviewer, "request", request_a.pk),
        (people.editor_a, "award", award.pk),
    ]:
        client.force_login(user)
        assert post_file(client, kind, pk, "a.pdf", PDF).status_code == 404
    client.force_login(people.reviewer)
    response = post_file(client, "award", award.pk, "notice.pdf", PDF)
    assert response.status_code == 302
    assert response.url == reverse("review-detail", args=["award", award.pk])
    assert client.get(reverse("document-upload", args=["nothing", 1])).status_code == 404


def test_downloads_follow_the_documents_visibility(client, people, request_a):
    private = upload_document(
        parent=request_a, uploaded=upload("private.pdf", PDF), actor=people.editor_a
    )
    chosen = upload_document(
        parent=request_a, uploaded=upload("chosen.png", PNG), actor=people.editor_a
    )
    Document.objects.filter(pk=chosen.pk).update(is_published=True)
    url = reverse("document-download", args=[private.pk])
    chosen_url = reverse("document-download", args=[chosen.pk])
    anonymous = Client()
    for outsider in (people.member_b, people.reviewer, people.staff):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.get(chosen_url).status_code == 404  # the request is not published
    assert anonymous.get(chosen_url).status_code == 404
    request_a.visibility, request_a.published_at = "published", timezone.now()
    request_a.save()
    assert anonymous.get(url).status_code == 404  # not chosen for publication
    public = anonymous.get(chosen_url)
    # It can be unpublished: no shared cache keeps it, the browser checks again on each use.
    assert public.status_code == 200 and public["Cache-Control"] == "private, no-cache"
    assert public["Content-Type"] == "image/png"


def test_record_documents_are_public_once_the_record_is(client, people):
    award = AwardFactory(review_status=ReviewStatus.VERIFIED)
    document = upload_document(
        parent=award, uploaded=upload("notice.pdf", PDF), actor=people.reviewer
    )
    url = reverse("document-download", args=[document.pk])
    assert client.get(url).status_code == 404
    client.force_login(people.reviewer)
    assert client.get(url).status_code == 200
    award.review_status = ReviewStatus.PUBLISHED
    award.save()
    html = Client().get(award.get_absolute_url()).content.decode()
    assert url in html  # the award page links the stored file
    assert Client().get(url).status_code == 200


def test_uploads_need_the_csrf_token(people, request_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.editor_a)
    response = post_file(client, "request", request_a.pk, "a.pdf", PDF)
    assert response.status_code == 403 and "This form has expired" in response.content.decode()
    assert not StoredFile.objects.exists()


def test_the_admin_shows_stored_files_without_a_url_and_takes_none_by_hand(client, people):
    from tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    award = AwardFactory()
    document = upload_document(parent=award, uploaded=upload("a.pdf", PDF), actor=people.reviewer)
    client.force_login(admin)
    stored = client.get(
        reverse("admin:procurement_storedfile_change", args=[document.stored_file_id])
    )
    assert stored.status_code == 200 and document.stored_file.sha256 in stored.content.decode()
    assert client.get(reverse("admin:procurement_storedfile_add")).status_code == 403
    assert (
        client.get(reverse("admin:procurement_document_change", args=[document.pk])).status_code
        == 200
    )
