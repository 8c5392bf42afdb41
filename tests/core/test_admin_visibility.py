"""The Django admin follows the site's rule: staff are not members, so a private request and
its events, documents, reminders, notifications and citations show in the admin only to
staff who are members of the requesting organisation — in lists, change pages, history
pages and the related objects listed before a deletion."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from procurement.documents.services import upload_document
from procurement.models import (
    Citation,
    Document,
    FoiLaw,
    InfoRequest,
    Membership,
    Notification,
    Reminder,
    RequestEvent,
    Source,
    StoredFile,
)
from tests.factories import MembershipFactory, UserFactory
from tests.foi.builders import at, member, organisation, sent
from tests.uploads import PDF, PNG, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference", "media_root")]
SECRET = "PRIVATE-SUBJECT camera contracts"


@pytest.fixture
def world():
    org = organisation()
    editor = member(org)
    with time_machine.travel(at(date(2026, 2, 25)), tick=False):
        private = sent(org, editor, date(2026, 2, 2), subject=SECRET, followers=[editor])
        published = sent(org, editor, date(2026, 2, 3), subject="Published request")
    InfoRequest.objects.filter(pk=published.pk).update(
        visibility="published", published_at=timezone.now()
    )
    upload_document(parent=private, uploaded=upload("secret.pdf", PDF), actor=editor, title=SECRET)
    chosen = upload_document(parent=published, uploaded=upload("p.png", PNG), actor=editor)
    Document.objects.filter(pk=chosen.pk).update(is_published=True)
    Notification.objects.create(
        user=editor, request=private, kind="status", subject=SECRET, body=SECRET
    )
    source = Source.objects.create(title="Answer of the ministry", kind="foi_response")
    Citation.objects.create(source=source, request=private, locator=SECRET)
    outsider = UserFactory(username="root", is_staff=True, is_superuser=True)
    insider = UserFactory(username="staffer", is_staff=True, is_superuser=True)
    MembershipFactory(user=insider, organisation=org, role=Membership.Role.MEMBER)
    return {"private": private, "published": published, "outsider": outsider, "insider": insider}


def rows(world) -> dict:
    """One row per scoped admin that belongs to the private request."""
    private = world["private"]
    return {
        "inforequest": private,
        "requestevent": RequestEvent.objects.filter(request=private).first(),
        "reminder": Reminder.objects.filter(request=private).first(),
        "notification": Notification.objects.get(request=private),
        "document": Document.objects.get(request=private),
        "citation": Citation.objects.get(request=private),
        "storedfile": Document.objects.get(request=private).stored_file,
    }


def admin_url(name: str, action: str, *args) -> str:
    return reverse(f"admin:procurement_{name}_{action}", args=args)


def test_staff_outside_the_organisation_see_none_of_it(client, world):
    client.force_login(world["outsider"])
    for name, row in rows(world).items():
        listing = client.get(admin_url(name, "changelist"))
        assert listing.status_code == 200, name
        assert SECRET not in listing.content.decode(), name
        change = client.get(admin_url(name, "change", row.pk))
        assert change.status_code == 302, name  # "does not exist", like a missing row
        assert SECRET not in client.get(change.url).content.decode(), name
        history = client.get(admin_url(name, "history", row.pk))
        assert history.status_code in (302, 404), name
        assert SECRET not in history.content.decode(), name
    published = client.get(admin_url("inforequest", "changelist")).content.decode()
    assert "Published request" in published  # what the public sees, staff see too


def test_simple_history_pages_of_a_private_request_are_refused(client, world):
    client.force_login(world["outsider"])
    private = world["private"]
    version = private.history.first().history_id
    for name, row in [("inforequest", private), ("document", rows(world)["document"])]:
        version = row.history.first().history_id
        url = reverse(f"admin:procurement_{name}_simple_history", args=[row.pk, version])
        response = client.get(url)
        assert response.status_code == 404 and SECRET not in response.content.decode(), name


def test_staff_members_of_the_organisation_see_all_of_it(client, world):
    client.force_login(world["insider"])
    for name, row in rows(world).items():
        assert client.get(admin_url(name, "change", row.pk)).status_code == 200, name
        history = client.get(admin_url(name, "history", row.pk))
        assert history.status_code == 200, name
    listing = client.get(admin_url("inforequest", "changelist")).content.decode()
    assert SECRET in listing


def test_deletion_pages_list_private_rows_without_their_text(client, world):
    client.force_login(world["outsider"])
    private = world["private"]
    creator = private.created_by
    pages = [
        admin_url("organisation", "delete", private.authority_id),
        admin_url("user", "delete", creator.pk),
        admin_url("jurisdiction", "delete", private.jurisdiction_id),
        admin_url("foilaw", "delete", FoiLaw.objects.get(pk=private.law_id).pk),
        admin_url("source", "delete", Citation.objects.get(request=private).source_id),
    ]
    for url in pages:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert SECRET not in html, url
    html = client.get(pages[0]).content.decode()
    assert "FOI request: (private to its organisation)" in html
    client.force_login(world["insider"])
    assert SECRET in client.get(pages[0]).content.decode()


def test_stored_files_of_private_documents_are_hidden(client, world):
    client.force_login(world["outsider"])
    stored = rows(world)["storedfile"]
    listing = client.get(admin_url("storedfile", "changelist")).content.decode()
    assert stored.sha256 not in listing
    public_file = Document.objects.get(request=world["published"]).stored_file
    assert public_file.sha256 in listing
    assert StoredFile.objects.count() == 2
    # The same bytes attached to a public record too: the file shows, the private title not.
    from tests.factories import AwardFactory

    upload_document(
        parent=AwardFactory(),
        uploaded=upload("again.pdf", PDF),
        actor=UserFactory(is_reviewer=True),
    )
    assert stored.sha256 in client.get(admin_url("storedfile", "changelist")).content.decode()
    html = client.get(admin_url("storedfile", "delete", stored.pk)).content.decode()
    assert "again.pdf" in html and SECRET not in html
