"""The access matrix of the workspace's URLs: every URL × role × object state.

Roles: anonymous, member / editor / admin of organisation A, a member of B, a reviewer, staff.
States: a private draft request of A, a published request of A with one document chosen for
publication and one not, an unverified and a published award. For each cell the response
is what the role may see — and when it may not, the private text appears nowhere in it.
The second step of issue 5 extends CASES to every URL of the site and the API.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from procurement.models import Invitation, ReviewStatus
from procurement.services.documents import upload_document
from procurement.services.memberships import invite_member
from tests.factories import AwardFactory, InfoRequestFactory
from tests.people import make_people
from tests.uploads import PDF, PNG, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference", "media_root")]

ROLES = ["anonymous", "member_a", "editor_a", "admin_a", "member_b", "reviewer", "staff"]
EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
A = {"member_a", "editor_a", "admin_a"}
A_EDITORS = {"editor_a", "admin_a"}
REVIEWERS = {"reviewer", "staff"}
SECRET = "PRIVATE-A camera locations"


@dataclass
class World:
    people: object
    draft: object  # private draft request of A, with deadlines and a document
    published: object  # published request of A
    private_document: object
    chosen_document: object
    unchosen_document: object
    unverified: object
    public_award: object
    invitation: Invitation


def build_world() -> World:
    people = make_people()
    draft = InfoRequestFactory(
        requester_organisation=people.org_a,
        subject=SECRET,
        status="sent",
        sent_on=date(2025, 3, 1),
        due_on=timezone.localdate(),
    )
    published = InfoRequestFactory(
        requester_organisation=people.org_a,
        subject="Published request of A",
        visibility="published",
        published_at=timezone.now(),
    )
    editor = people.editor_a

    def attach(parent, name, content):
        return upload_document(parent=parent, uploaded=upload(name, content), actor=editor)

    chosen = attach(published, "chosen.png", PNG)
    chosen.is_published = True
    chosen.save()
    return World(
        people=people,
        draft=draft,
        published=published,
        private_document=attach(draft, "secret.pdf", PDF),
        chosen_document=chosen,
        unchosen_document=attach(published, "unchosen.pdf", PDF),
        unverified=AwardFactory(review_status=ReviewStatus.UNVERIFIED, title="Unverified award"),
        public_award=AwardFactory(title="Published award"),
        invitation=invite_member(
            organisation_id=people.org_a.pk,
            email="x@example.org",
            role="member",
            actor=people.admin_a,
        ),
    )


@dataclass(frozen=True)
class Case:
    name: str
    url: object  # World → str
    allowed: frozenset
    denied: str = "missing"  # what a signed-in role without access gets: missing / forbidden
    anonymous: str = "login"  # … and an anonymous visitor: login / missing
    method: str = "get"
    data: object = None  # World → dict, for POST
    secret: str = SECRET  # must not appear when access is denied
    never: str = ""  # must not appear for anyone
    shows: str = ""  # must appear when access is granted (proves the check can fail)


def case(name, url, allowed, **options) -> Case:
    return Case(name, url, frozenset(allowed), **options)


org_a = lambda w: w.people.org_a.pk  # noqa: E731
CASES = [
    case(
        "members of A",
        lambda w: reverse("organisation-members", args=[org_a(w)]),
        A | {"staff"},
        never=SECRET,
        shows="member_a",
    ),
    case(
        "calendar of A",
        lambda w: reverse("organisation-calendar", args=[org_a(w)]),
        A,
        shows=SECRET,
    ),
    case("account page", lambda w: reverse("account"), SIGNED_IN, never=SECRET),
    case(
        "feed of member_a (the secret is the credential)",
        lambda w: reverse("calendar-feed", args=[w.people.member_a.feed_token]),
        EVERYONE,
        shows=SECRET,
    ),
    case(
        "feed of member_b",
        lambda w: reverse("calendar-feed", args=[w.people.member_b.feed_token]),
        EVERYONE,
        never=SECRET,
    ),
    case(
        "feed of an unknown token",
        lambda w: reverse("calendar-feed", args=["Z" * 43]),
        set(),
        anonymous="missing",
    ),
    case(
        "review queue",
        lambda w: reverse("review-queue"),
        REVIEWERS,
        denied="forbidden",
        secret="Unverified award",
    ),
    case(
        "review of an unverified award",
        lambda w: reverse("review-detail", args=["award", w.unverified.pk]),
        REVIEWERS,
        denied="forbidden",
        secret="Unverified award",
    ),
    case(
        "correction form, published award",
        lambda w: reverse("suggest-correction", args=["award", w.public_award.pk]),
        EVERYONE,
    ),
    case(
        "correction form, unverified award",
        lambda w: reverse("suggest-correction", args=["award", w.unverified.pk]),
        REVIEWERS,
        anonymous="missing",
        secret="Unverified award",
    ),
    case(
        "private document of A's draft",
        lambda w: reverse("document-download", args=[w.private_document.pk]),
        A,
        anonymous="missing",
        secret="%PDF",
        shows="%PDF",
    ),
    case(
        "chosen document of a published request",
        lambda w: reverse("document-download", args=[w.chosen_document.pk]),
        EVERYONE,
    ),
    case(
        "unchosen document of a published request",
        lambda w: reverse("document-download", args=[w.unchosen_document.pk]),
        A,
        anonymous="missing",
        secret="%PDF",
        shows="%PDF",
    ),
    case(
        "upload form, A's draft",
        lambda w: reverse("document-upload", args=["request", w.draft.pk]),
        A_EDITORS,
    ),
    case(
        "upload form, unverified award",
        lambda w: reverse("document-upload", args=["award", w.unverified.pk]),
        REVIEWERS,
        secret="Unverified award",
    ),
    case(
        "invitation link (the token is the credential)",
        lambda w: reverse("invitation-accept", args=[w.invitation.token]),
        EVERYONE,
        secret="",
    ),
    case(
        "public page of A's private draft",
        lambda w: w.draft.get_absolute_url(),
        set(),
        anonymous="missing",
    ),
    case(
        "public page of an unverified award",
        lambda w: w.unverified.get_absolute_url(),
        set(),
        anonymous="missing",
        secret="Unverified award",
    ),
    # Writes: a role without the right changes nothing (checked by `unchanged`).
    case(
        "invite to A",
        lambda w: reverse("organisation-invite", args=[org_a(w)]),
        {"admin_a", "staff"},
        method="post",
        data=lambda w: {"email": "new@example.org", "role": "member"},
    ),
    case(
        "change a role in A",
        lambda w: reverse(
            "organisation-change-role", args=[org_a(w), w.people.member_a.memberships.get().pk]
        ),
        {"admin_a", "staff"},
        method="post",
        data=lambda w: {"role": "admin"},
    ),
    case(
        "remove a member of A",
        lambda w: reverse(
            "organisation-remove-member", args=[org_a(w), w.people.member_a.memberships.get().pk]
        ),
        {"admin_a", "staff"},
        method="post",
        data=lambda w: {},
    ),
    case(
        "revoke A's invitation",
        lambda w: reverse("organisation-revoke-invitation", args=[org_a(w), w.invitation.pk]),
        {"admin_a", "staff"},
        method="post",
        data=lambda w: {},
    ),
    case(
        "verify an award",
        lambda w: reverse("review-decide", args=["award", w.unverified.pk]),
        REVIEWERS,
        denied="forbidden",
        method="post",
        data=lambda w: {"action": "verify"},
    ),
    case(
        "bulk verify",
        lambda w: reverse("review-bulk"),
        REVIEWERS,
        denied="forbidden",
        method="post",
        data=lambda w: {"kind": "award", "ids": [w.unverified.pk], "action": "verify"},
    ),
    case(
        "upload to A's draft",
        lambda w: reverse("document-upload", args=["request", w.draft.pk]),
        A_EDITORS,
        method="post",
        data=lambda w: {"file": upload("new.pdf", PDF + b"%new"), "document_type": "other"},
    ),
    case(
        "suggest a correction to an unverified award",
        lambda w: reverse("suggest-correction", args=["award", w.unverified.pk]),
        REVIEWERS,
        anonymous="missing",
        method="post",
        data=lambda w: {"suggestion": "x"},
        secret="Unverified award",
    ),
]


def state(world: World) -> tuple:
    """Everything the write cases could change."""
    from procurement.models import Document, Membership, ReviewDecision, SuggestedCorrection

    return (
        sorted(Membership.objects.values_list("user_id", "organisation_id", "role")),
        sorted(Invitation.objects.values_list("email", "revoked_at")),
        sorted(ReviewDecision.objects.values_list("award_id", "to_status")),
        Document.objects.count(),
        SuggestedCorrection.objects.count(),
    )


def expected(case: Case, role: str) -> str:
    if role in case.allowed:
        return "ok"
    return case.anonymous if role == "anonymous" else case.denied


def outcome(response) -> str:
    if response.status_code == 302 and response.url.startswith(reverse("login")):
        return "login"
    return {200: "ok", 302: "ok", 403: "forbidden", 404: "missing"}.get(
        response.status_code, str(response.status_code)
    )


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_access(client, case, role):
    world = build_world()
    if role != "anonymous":
        client.force_login(getattr(world.people, role))
    before = state(world)
    url = case.url(world)
    post = case.method == "post"
    response = client.post(url, case.data(world)) if post else client.get(url)
    want = expected(case, role)
    assert outcome(response) == want, f"{case.name} as {role}: {response.status_code}"
    text = body(response)
    if case.never:
        assert case.never not in text
    if case.shows and want == "ok":
        assert case.shows in text
    if want != "ok":
        if case.secret:
            assert case.secret not in text
        if case.method == "post":
            assert state(world) == before, f"{case.name} as {role} changed something"
    elif case.method == "post":
        assert state(world) != before, f"{case.name} as {role} changed nothing"
