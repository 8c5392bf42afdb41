"""The permissions module: roles by organisation, site roles, documents by their parent."""

import pytest
from django.contrib.auth.models import AnonymousUser

from procurement.core import permissions
from procurement.models import Document, ReviewStatus, StoredFile, Visibility
from tests.factories import (
    AgreementFactory,
    AwardFactory,
    ContractFactory,
    InfoRequestFactory,
    ProcessFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]
ROLES = ["anonymous", "member_a", "editor_a", "admin_a", "member_b", "reviewer", "staff"]


def who(people, name):
    return AnonymousUser() if name == "anonymous" else getattr(people, name)


@pytest.mark.parametrize(
    ("check", "allowed"),
    [
        (permissions.can_read_organisation, {"member_a", "editor_a", "admin_a"}),
        (permissions.can_edit_organisation, {"editor_a", "admin_a"}),
        (permissions.can_administer_organisation, {"admin_a", "staff"}),
        (permissions.can_see_members, {"member_a", "editor_a", "admin_a", "staff"}),
    ],
)
def test_organisation_roles(people, check, allowed):
    for name in ROLES:
        assert check(who(people, name), people.org_a.pk) is (name in allowed), name


def test_site_roles(people):
    assert {n for n in ROLES if permissions.is_reviewer(who(people, n))} == {"reviewer", "staff"}
    people.reviewer.is_active = False
    assert not permissions.is_reviewer(people.reviewer)
    people.admin_a.is_active = False
    assert permissions.roles(people.admin_a) == {}


def test_roles_are_read_once_per_user_object(people, django_assert_num_queries):
    user = type(people.member_a).objects.get(pk=people.member_a.pk)
    with django_assert_num_queries(1):
        for _ in range(5):
            permissions.can_read_organisation(user, people.org_a.pk)
            permissions.can_edit_organisation(user, people.org_b.pk)
    assert permissions.organisation_ids(people.admin_a, at_least="admin") == [people.org_a.pk]


def stored():
    return StoredFile.objects.create(
        sha256="0" * 64, file="files/00/x", size=1, mime_type="application/pdf"
    )


def test_request_documents(people):
    info_request = InfoRequestFactory(requester_organisation=people.org_a)
    document = Document.objects.create(request=info_request, title="Reply", stored_file=stored())
    readers = {n for n in ROLES if permissions.can_read_document(who(people, n), document)}
    assert readers == {"member_a", "editor_a", "admin_a"}  # not reviewers, not staff

    info_request.visibility, info_request.published_at = Visibility.PUBLISHED, "2025-01-01T00:00Z"
    readers = {n for n in ROLES if permissions.can_read_document(who(people, n), document)}
    assert readers == {"member_a", "editor_a", "admin_a"}  # published request, document not chosen
    document.is_published = True
    assert all(permissions.can_read_document(who(people, n), document) for n in ROLES)
    info_request.visibility = Visibility.PRIVATE  # unpublished again: the choice no longer counts
    assert not permissions.can_read_document(AnonymousUser(), document)


@pytest.mark.parametrize("parent", ["process", "award", "contract"])
def test_record_documents_follow_the_review_state(people, parent):
    factory = {"process": ProcessFactory, "award": AwardFactory, "contract": ContractFactory}
    record = factory[parent](review_status=ReviewStatus.VERIFIED)
    document = Document.objects.create(**{parent: record}, title="Notice", stored_file=stored())
    readers = {n for n in ROLES if permissions.can_read_document(who(people, n), document)}
    assert readers == {"reviewer", "staff"}
    record.review_status = ReviewStatus.PUBLISHED
    assert all(permissions.can_read_document(who(people, n), document) for n in ROLES)


def test_agreement_documents_are_public(people):
    document = Document.objects.create(
        agreement=AgreementFactory(), title="Text", stored_file=stored()
    )
    assert permissions.can_read_document(AnonymousUser(), document)


def test_uploads(people):
    info_request = InfoRequestFactory(requester_organisation=people.org_a)
    award = AwardFactory()
    assert {n for n in ROLES if permissions.can_upload_document(who(people, n), info_request)} == {
        "editor_a",
        "admin_a",
    }
    assert {n for n in ROLES if permissions.can_upload_document(who(people, n), award)} == {
        "reviewer",
        "staff",
    }


def test_one_visibility_rule_for_checks_selectors_and_the_admin(people, rf):
    """The request check, the selectors' query and the admin's scoping are one rule: for every
    role and every state of a request and its documents they agree, row for row."""
    from django.contrib import admin

    from procurement.foi.selectors.requests import visible_requests
    from procurement.models import InfoRequest, RequestEvent

    published = {"visibility": Visibility.PUBLISHED, "published_at": "2025-01-01T00:00Z"}
    requests = [
        InfoRequestFactory(requester_organisation=people.org_a),
        InfoRequestFactory(requester_organisation=people.org_a, **published),
        InfoRequestFactory(requester_organisation=people.org_b),
        InfoRequestFactory(requester_organisation=people.org_b, **published),
    ]
    file = stored()
    documents = [
        Document.objects.create(
            request=r, title=f"{r.pk}-{chosen}", stored_file=file, is_published=chosen
        )
        for r in requests
        for chosen in (False, True)
    ]
    events = [
        RequestEvent.objects.create(request=r, kind="note", occurred_on="2025-01-02")
        for r in requests
    ]
    request_admin, event_admin, document_admin = (
        admin.site._registry[model] for model in (InfoRequest, RequestEvent, Document)
    )
    for name in ROLES:
        user = who(people, name)
        checked = {r.pk for r in requests if permissions.can_read_request(user, r)}
        assert set(visible_requests(user).values_list("pk", flat=True)) == checked, name
        assert set(permissions.readable_requests(user).values_list("pk", flat=True)) == checked
        public = {r.pk for r in requests if permissions.request_is_public(r)}
        assert set(permissions.published_requests().values_list("pk", flat=True)) == public
        readable_documents = {d.pk for d in documents if permissions.can_read_document(user, d)}
        in_query = Document.objects.filter(permissions.readable_documents_q(user))
        assert set(in_query.values_list("pk", flat=True)) == readable_documents, name
        if name == "anonymous":
            continue
        request = rf.get("/admin/")
        request.user = user
        admin_requests = set(request_admin.get_queryset(request).values_list("pk", flat=True))
        assert admin_requests == checked, name
        admin_events = set(event_admin.get_queryset(request).values_list("request_id", flat=True))
        assert admin_events == checked & {e.request_id for e in events}, name
        admin_documents = set(document_admin.get_queryset(request).values_list("pk", flat=True))
        assert admin_documents == readable_documents, name
