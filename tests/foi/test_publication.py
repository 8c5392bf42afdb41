"""Publishing a request: editors only, never a draft, the chosen documents and no others;
unpublishing makes everything private again; each change is on the timeline and audited."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from procurement.core.permissions import published_requests
from procurement.documents.services import upload_document
from procurement.foi.services.publication import publish_request, unpublish_request
from procurement.models import AuditLog, Document, InfoRequest, Membership
from tests.factories import UserFactory
from tests.foi.builders import at, draft, member, organisation, sent
from tests.uploads import EML, PDF, PNG, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference", "media_root")]


@pytest.fixture
def team():
    org = organisation()
    return org, member(org)


@pytest.fixture
def info_request(team):
    org, editor = team
    with time_machine.travel(at(date(2026, 2, 25)), tick=False):
        return sent(org, editor, date(2026, 2, 2))


def attach(info_request, editor, name, content):
    return upload_document(parent=info_request, uploaded=upload(name, content), actor=editor)


def test_publishing_shows_the_request_with_the_chosen_documents_only(team, info_request):
    _, editor = team
    chosen, other = (
        attach(info_request, editor, "a.pdf", PDF),
        attach(info_request, editor, "b.eml", EML),
    )
    publish_request(request_id=info_request.pk, actor=editor, document_ids=[chosen.pk])
    assert list(published_requests()) == [info_request]
    assert set(Document.objects.filter(is_published=True)) == {chosen}
    assert info_request.events.filter(kind="published", actor=editor).count() == 1
    audit = AuditLog.objects.get(action="request.published")
    assert audit.details == {"documents": [chosen.pk]} and audit.actor == editor
    # Publishing again only changes the choice of documents.
    publish_request(request_id=info_request.pk, actor=editor, document_ids=[other.pk])
    assert set(Document.objects.filter(is_published=True)) == {other}
    assert info_request.events.filter(kind="published").count() == 1
    assert AuditLog.objects.filter(action="request.documents_chosen").count() == 1


def test_unpublishing_makes_it_private_again(team, info_request):
    _, editor = team
    publish_request(request_id=info_request.pk, actor=editor)
    unpublish_request(request_id=info_request.pk, actor=editor)
    info_request.refresh_from_db()
    assert info_request.visibility == "private" and info_request.published_at is None
    assert not published_requests().exists()
    assert AuditLog.objects.filter(action="request.unpublished").exists()
    with pytest.raises(ValidationError, match="not published"):
        unpublish_request(request_id=info_request.pk, actor=editor)


def test_only_editors_of_the_organisation_publish(team, info_request):
    org, _ = team
    reader = member(org, role=Membership.Role.MEMBER)
    for actor in (reader, member(organisation()), UserFactory(is_staff=True)):
        with pytest.raises(PermissionDenied):
            publish_request(request_id=info_request.pk, actor=actor)
    assert InfoRequest.objects.get(pk=info_request.pk).visibility == "private"


def test_a_draft_or_foreign_documents_are_refused_and_nothing_changes(team, info_request):
    org, editor = team
    unsent = draft(org, editor)
    with pytest.raises(ValidationError, match="A draft cannot be published"):
        publish_request(request_id=unsent.pk, actor=editor)
    foreign = attach(unsent, editor, "f.png", PNG)
    with pytest.raises(ValidationError, match="documents of this request only"):
        publish_request(request_id=info_request.pk, actor=editor, document_ids=[foreign.pk])
    assert not published_requests().exists()
    assert not Document.objects.filter(is_published=True).exists()
    assert not AuditLog.objects.filter(action__startswith="request.").exists()
