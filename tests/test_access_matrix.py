"""The access matrix: every URL of the site and the API × role × object state.

Roles: anonymous, member / editor / admin of organisation A, an editor of B ("member of B"),
a reviewer, staff (a superuser, but a member of nothing). States: A's draft, A's private sent
request (refused as classified, with its events, reminders, notifications and documents),
A's published request (one document chosen for publication, one not), B's private request;
an unverified and a published award; and the states an OCDS import leaves: one published
process holding a published, an unverified and a rejected award and an unverified contract,
its raw imported release, and organisations seen only in unverified imports (a supplier, an
authority). Only reviewers see the unreviewed ones, and nobody gets them in an export.

For each case and role the response is the one the role may get (ok / login / missing /
forbidden / bad), and — for every response of every case — nothing private to an
organisation the role is not in appears anywhere in it (body or headers): no subject, note,
document title, file content, follower, or the name or e-mail address of a person of A.
Writes that a role may not make change nothing; writes it may make change something.

`test_every_url_has_a_matrix_entry` walks the URL resolver: a URL added later without a
case here fails the suite. The admin's URLs are generated per registered model admin.
"""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from procurement.accounts.services.memberships import invitation_token, invite_member
from procurement.authorities.services.proposals import propose_authority
from procurement.awards.services.search_keys import refresh_awards, refresh_organisation_keys
from procurement.core import languages
from procurement.documents.services import upload_document
from procurement.foi.selectors.mail import request_address
from procurement.foi.selectors.requests import letters_for
from procurement.foi.services.mail_in import receive_message
from procurement.foi.services.publication import publish_request
from procurement.foi.services.requests import create_request, mark_sent, request_transition
from procurement.models import (
    AuditLog,
    Document,
    ImportRun,
    IncomingMessage,
    InfoRequest,
    Invitation,
    Jurisdiction,
    Membership,
    Notification,
    OcdsRelease,
    Organisation,
    OutgoingMessage,
    Reminder,
    RequestEvent,
    ReviewDecision,
    ReviewStatus,
    SuggestedCorrection,
    User,
)
from tests.factories import (
    AgreementFactory,
    AuthorityFactory,
    AwardFactory,
    ContractFactory,
    OrganisationFactory,
    ProcessFactory,
)
from tests.foi.builders import CLASSIFIED_FACTS
from tests.foi.mail.messages import reply as mail_reply
from tests.people import make_people
from tests.uploads import PDF, PNG, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference", "media_root")]

ROLES = ["anonymous", "member_a", "editor_a", "admin_a", "member_b", "reviewer", "staff"]
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
A = frozenset({"member_a", "editor_a", "admin_a"})
A_EDITORS = frozenset({"editor_a", "admin_a"})
REVIEWERS = frozenset({"reviewer", "staff"})
NOBODY = frozenset()

A_DRAFT = "PRIVATE-A-DRAFT parking cameras"
A_PRIVATE = "PRIVATE-A-SENT camera contracts"
A_PRIVATE_NOTE = "PRIVATE-A-NOTE the clerk said"
A_PRIVATE_DOC = "PRIVATE-A-DOC decision scan"
A_UNCHOSEN_DOC = "PRIVATE-A-UNCHOSEN internal memo"
A_NOTIFICATION = "PRIVATE-A-NOTIFICATION subject"
A_MAIL = "PRIVATE-A-MAIL the ministry wrote back"
HELD_MAIL = "HOLDING-PEN unmatched message"
A_PUBLISHED = "PUBLIC-A published tender request"
B_PRIVATE = "PRIVATE-B-SENT their own request"
# An authority an editor of A proposed: A and reviewers see it, nobody else until confirmed.
A_PROPOSED = "PROPOSED-A Agency for Parking Cameras"
UNVERIFIED = "UNVERIFIED-AWARD not yet reviewed"
# What an import leaves unreviewed: only reviewers see it, and nobody in an export.
IMPORT_WORD = "Zlatiborska"
IMPORTED_PUBLISHED = f"{IMPORT_WORD} published imported award"
IMPORTED = [
    "IMPORTED-UNVERIFIED-AWARD servers",
    "IMPORTED-REJECTED-AWARD software",
    "IMPORTED-UNVERIFIED-CONTRACT signed",
    "IMPORT-ONLY Supplier d.o.o.",
    "IMPORT-ONLY Municipality",
    "RAW-RELEASE-TEXT before review",
]
# Bytes inside the files, so that a download that should be refused is caught too.
A_PRIVATE_BYTES = b"%PDF-1.7\n% PRIVATE-A-FILE-BYTES\n%%EOF\n"
A_UNCHOSEN_BYTES = b"%PDF-1.7\n% PRIVATE-A-UNCHOSEN-BYTES\n%%EOF\n"
# The people of A: never shown outside A (staff manage memberships, so they see names there).
PEOPLE_A = ["editor_a@example.org", "admin_a@example.org", ">editor_a<", "by editor_a"]

SECRETS = {
    "A": [
        A_DRAFT,
        A_PRIVATE,
        A_PRIVATE_NOTE,
        A_PRIVATE_DOC,
        A_UNCHOSEN_DOC,
        A_NOTIFICATION,
        A_MAIL,
        "PRIVATE-A-FILE-BYTES",
        "PRIVATE-A-UNCHOSEN-BYTES",
    ],
    "B": [B_PRIVATE],
}


def forbidden_strings(role: str, *, people_visible: bool = False) -> list[str]:
    """What `role` must never be shown."""
    strings = []
    if role not in A:
        strings += SECRETS["A"]
        if not (people_visible and role == "staff"):
            strings += PEOPLE_A
    if role != "member_b":
        strings += SECRETS["B"]
    if role not in REVIEWERS:
        strings += [UNVERIFIED, *IMPORTED]
    if role not in A | REVIEWERS:
        strings += [A_PROPOSED]
    return strings


@dataclass
class World:
    people: object
    draft: InfoRequest
    private: InfoRequest
    published: InfoRequest
    private_b: InfoRequest
    draft_document: Document
    private_document: Document
    chosen_document: Document
    unchosen_document: Document
    notification: Notification
    unverified: object
    public_award: object
    unverified_process: object
    agreement: object
    invitation: Invitation
    correction: SuggestedCorrection
    import_run: ImportRun
    failed_reminder: Reminder
    imported: dict
    proposed: Organisation
    mail: IncomingMessage
    held: IncomingMessage

    def request(self, state: str) -> InfoRequest:
        return {"draft": self.draft, "private": self.private, "published": self.published}[state]


def build_imported() -> dict:
    """One published process as an import leaves it after a reviewer published one award:
    an unverified and a rejected award beside it, an unverified contract under it, the raw
    release, a supplier and an authority seen only in unverified imports."""
    secret_supplier = OrganisationFactory(name=IMPORTED[3])
    secret_authority = OrganisationFactory(name=IMPORTED[4], kind="public_authority")
    refresh_organisation_keys([secret_supplier.pk, secret_authority.pk])
    process = ProcessFactory(title=f"{IMPORT_WORD} cameras", ocid="ocds-test01-MATRIX")
    published = AwardFactory(process=process, title=IMPORTED_PUBLISHED, ocds_id="a1")
    unverified = AwardFactory(
        process=process,
        title=IMPORTED[0],
        ocds_id="a2",
        review_status=ReviewStatus.UNVERIFIED,
        suppliers=[secret_supplier],
    )
    rejected = AwardFactory(
        process=process, title=IMPORTED[1], ocds_id="a3", review_status=ReviewStatus.REJECTED
    )
    contract = ContractFactory(
        award=published, title=IMPORTED[2], review_status=ReviewStatus.UNVERIFIED
    )
    hidden_process = ProcessFactory(
        buyer=secret_authority, review_status=ReviewStatus.UNVERIFIED, title="Unreviewed tender"
    )
    raw = {
        "ocid": process.ocid,
        "id": "matrix-r1",
        "date": "2024-03-01T10:00:00Z",
        "tag": ["award", "contract"],
        "initiationType": "tender",
        "tender": {"id": "t", "description": IMPORTED[5]},
        "awards": [{"id": a.ocds_id, "title": a.title} for a in (published, unverified, rejected)],
        "contracts": [{"id": "c1", "awardID": "a1", "title": IMPORTED[2]}],
        "parties": [{"id": "s", "name": IMPORTED[3], "roles": ["supplier"]}],
    }
    run = ImportRun.objects.create(source_name="matrix-import.json", status="succeeded")
    OcdsRelease.objects.create(
        ocid=process.ocid,
        release_id=raw["id"],
        date=raw["date"],
        tags=raw["tag"],
        data=raw,
        sha256="0" * 64,
        process=process,
        import_run=run,
    )
    refresh_awards([published.pk, unverified.pk, rejected.pk])
    return {
        "process": process,
        "published": published,
        "unverified": unverified,
        "rejected": rejected,
        "contract": contract,
        "supplier": secret_supplier,
        "authority": secret_authority,
        "hidden_process": hidden_process,
        "run": run,
    }


def build_world() -> World:
    people = make_people()
    User.objects.filter(pk=people.staff.pk).update(is_superuser=True)  # every admin permission
    today = timezone.localdate()
    editor = people.editor_a

    def attach(parent, name, content, title=""):
        return upload_document(
            parent=parent, uploaded=upload(name, content), actor=editor, title=title
        )

    authority = AuthorityFactory(name="Ministry of the Matrix", foi_email="pristup@matrix.gov.rs")
    refresh_organisation_keys([authority.pk])
    draft = create_request(
        organisation=people.org_a, authority=authority, subject=A_DRAFT, text="t", actor=editor
    )
    private = create_request(
        organisation=people.org_a, authority=authority, subject=A_PRIVATE, text="t", actor=editor
    )
    mark_sent(request_id=private.pk, actor=editor, sent_on=today - timedelta(days=10))
    private_document = attach(private, "decision.pdf", A_PRIVATE_BYTES, A_PRIVATE_DOC)
    request_transition(
        request_id=private.pk,
        to="classified",
        actor=editor,
        on=today - timedelta(days=2),
        note=A_PRIVATE_NOTE,
        document_ids=[private_document.pk],
        **CLASSIFIED_FACTS,
    )
    private.followers.add(people.member_a)
    published = create_request(
        organisation=people.org_a, authority=authority, subject=A_PUBLISHED, text="t", actor=editor
    )
    mark_sent(request_id=published.pk, actor=editor, sent_on=today - timedelta(days=30))
    chosen = attach(published, "chosen.png", PNG)
    unchosen = attach(published, "memo.pdf", A_UNCHOSEN_BYTES, A_UNCHOSEN_DOC)
    publish_request(request_id=published.pk, actor=editor, document_ids=[chosen.pk])
    private_b = create_request(
        organisation=people.org_b,
        authority=authority,
        subject=B_PRIVATE,
        text="t",
        actor=people.member_b,
    )
    mark_sent(request_id=private_b.pk, actor=people.member_b, sent_on=today - timedelta(days=3))
    notification = Notification.objects.create(
        user=people.member_a, request=private, kind="status", subject=A_NOTIFICATION, body="b"
    )
    unverified = AwardFactory(review_status=ReviewStatus.UNVERIFIED, title=UNVERIFIED)
    public_award = AwardFactory(title="Published award")
    for info_request in (draft, private, published):
        info_request.refresh_from_db()
    failed_reminder = private.reminders.order_by("pk").last()
    Reminder.objects.filter(pk=failed_reminder.pk).update(
        state="failed", failed_at=timezone.now(), attempts=8, last_error="SMTPDataError: 451"
    )
    mail, _new = receive_message(
        mail_reply(
            to=request_address(private.pk),
            subject=A_MAIL,
            text=f"{A_MAIL}: u prilogu dostavljamo",
            attachments=[],
        ),
        source="smtp",
    )
    held, _new = receive_message(
        mail_reply(
            to="nobody@foi.localhost",
            subject=HELD_MAIL,
            message_id="<held@example.org>",
            attachments=[],
        ),
        source="imap",
    )
    return World(
        people=people,
        draft=draft,
        private=private,
        published=published,
        private_b=private_b,
        draft_document=attach(draft, "draft.png", PNG + b"draft"),
        private_document=private_document,
        chosen_document=chosen,
        unchosen_document=unchosen,
        notification=notification,
        unverified=unverified,
        public_award=public_award,
        unverified_process=ProcessFactory(review_status=ReviewStatus.UNVERIFIED, title=UNVERIFIED),
        agreement=AgreementFactory(),
        invitation=invite_member(
            organisation_id=people.org_a.pk,
            email="x@example.org",
            role="member",
            actor=people.admin_a,
        ),
        correction=SuggestedCorrection.objects.create(award=public_award, suggestion="Fix it"),
        import_run=ImportRun.objects.create(source_name="import.json", created_by=people.reviewer),
        failed_reminder=failed_reminder,
        imported=build_imported(),
        proposed=propose_authority(
            organisation=people.org_a,
            name=A_PROPOSED,
            jurisdiction=Jurisdiction.objects.get(code="RS"),
            source_url="https://example.org/parking",
            actor=editor,
        ),
        mail=mail,
        held=held,
    )


@dataclass(frozen=True)
class Case:
    route: str  # the URL name this case covers
    name: str
    url: Callable[[World], str]
    allowed: frozenset
    denied: str = "missing"  # what a signed-in role without access gets
    anonymous: str = "login"  # … and an anonymous visitor
    method: str = "get"
    data: Callable[[World], dict] | None = None
    shows: str = ""  # appears when access is granted (proves the check can fail)
    special: dict = field(default_factory=dict)  # role → outcome, overriding the above
    changes: frozenset | None = None  # roles whose POST changes state (default: allowed)
    as_role: str = ""  # the URL holds a credential of this role: judge leaks as that role
    people_visible: bool = False  # staff may see A's people here (membership management)
    hides: tuple = ()  # what nobody, reviewers included, may be shown here (exports)


def case(route, name, url, allowed, **options) -> Case:
    return Case(route, name, url, frozenset(allowed), **options)


def url(name: str, *args: Callable[[World], object], query: str = "") -> Callable[[World], str]:
    return lambda w: reverse(name, args=[arg(w) for arg in args]) + query


def in_language(language: str, make_url: Callable[[World], str]) -> Callable[[World], str]:
    """A public page's URL under another language prefix (`/sq/awards/`); "" for the
    unprefixed URL every link shared before the prefixes has (answered in the reader's)."""

    def make(w: World) -> str:
        with translation.override(language or "en"):
            target = make_url(w)
        return target if language else languages.unprefixed(target)

    return make


def by_state(route, label, make_url, allowed_by_state: dict, **options) -> list[Case]:
    """One case per request state (draft, private, published)."""
    return [
        case(route, f"{label} ({state})", make_url(state), allowed, **options)
        for state, allowed in allowed_by_state.items()
    ]


def req(state):
    return lambda w: w.request(state).pk


org_a = lambda w: w.people.org_a.pk  # noqa: E731
EXPORT_HIDES = (UNVERIFIED, *IMPORTED)
PUBLIC_ONLY = {"draft": NOBODY, "private": NOBODY, "published": EVERYONE}
MEMBERS_OR_PUBLIC = {"draft": A, "private": A, "published": EVERYONE}
MEMBERS = {"draft": A, "private": A, "published": A}


def letter(w: World, state: str) -> list[str]:
    found = letters_for(w.request(state), timezone.localdate())
    return [found[0].language, found[0].kind] if found else ["en", "reminder"]


CASES = [
    # --- public pages -------------------------------------------------------------------
    case("home", "home", url("home"), EVERYONE, shows=A_PUBLISHED),
    case("home", "home, unprefixed (/)", in_language("", url("home")), EVERYONE, shows=A_PUBLISHED),
    case("home", "home in Serbian Cyrillic", in_language("sr", url("home")), EVERYONE),
    case("status", "status, unprefixed", in_language("", url("status")), EVERYONE),
    case(
        "award-search",
        "search in Albanian (/sq/awards/)",
        in_language("sq", url("award-search", query="?q=camera")),
        EVERYONE,
    ),
    case(
        "award-search",
        "search for the private subject in Serbian Latin",
        in_language("sr-latn", url("award-search", query="?q=PRIVATE-A-SENT")),
        EVERYONE,
    ),
    case(
        "award-search",
        "search, unprefixed (/awards/)",
        in_language("", url("award-search", query="?q=camera")),
        EVERYONE,
    ),
    case(
        "award-detail",
        "unverified award in Macedonian",
        in_language("mk", url("award-detail", lambda w: w.unverified.pk)),
        NOBODY,
        anonymous="missing",
    ),
    *(
        found
        for language, label in [("bs", "in Bosnian"), ("", "unprefixed")]
        for found in by_state(
            "request-detail",
            f"public request page {label}",
            lambda s, language=language: in_language(language, url("request-detail", req(s))),
            PUBLIC_ONLY,
            anonymous="missing",
            shows=A_PUBLISHED,
        )
    ),
    *by_state(
        "request-letters",
        "letters in Serbian Cyrillic",
        lambda s: in_language("sr", url("request-letters", req(s))),
        MEMBERS_OR_PUBLIC,
        anonymous="missing",
    ),
    case(
        "organisation-detail",
        "an organisation only in an unverified import, in Albanian",
        in_language("sq", url("organisation-detail", lambda w: w.imported["supplier"].pk)),
        REVIEWERS,
        anonymous="missing",
    ),
    case(
        "suggest-correction",
        "suggest a correction to an unverified award, in Serbian Latin",
        in_language(
            "sr-latn", url("suggest-correction", lambda w: "award", lambda w: w.unverified.pk)
        ),
        REVIEWERS,
        anonymous="missing",
        method="post",
        data=lambda w: {"suggestion": "x"},
    ),
    case("status", "status", url("status"), EVERYONE),
    case("charts", "charts", url("charts"), EVERYONE),
    case("red-flags", "red-flags", url("red-flags"), EVERYONE),
    case("deadline-calculator", "calculator", url("deadline-calculator"), EVERYONE),
    case(
        "award-detail",
        "published award",
        url("award-detail", lambda w: w.public_award.pk),
        EVERYONE,
    ),
    case(
        "award-detail",
        "unverified award",
        url("award-detail", lambda w: w.unverified.pk),
        NOBODY,
        anonymous="missing",
    ),
    case(
        "agreement-detail",
        "agreement",
        url("agreement-detail", lambda w: w.agreement.pk),
        EVERYONE,
    ),
    case("agreement-list", "agreements", url("agreement-list"), EVERYONE),
    case(
        "agreement-list",
        "agreements by kind and country",
        url("agreement-list", query="?kind=intergovernmental&country=RS"),
        EVERYONE,
    ),
    # Every role sees the public organisations and, members, their own; never another's
    # proposal, nor an organisation only in an unverified import (forbidden_strings).
    case("organisation-list", "organisations", url("organisation-list"), EVERYONE),
    case(
        "organisation-list",
        "organisations by kind and country",
        url("organisation-list", query="?kind=public_authority&country=RS"),
        EVERYONE,
    ),
    case(
        "process-detail",
        "published process",
        url("process-detail", lambda w: w.public_award.process_id),
        EVERYONE,
    ),
    case(
        "process-detail",
        "unverified process",
        url("process-detail", lambda w: w.unverified_process.pk),
        NOBODY,
        anonymous="missing",
    ),
    *by_state(
        "request-detail",
        "public request page",
        lambda s: url("request-detail", req(s)),
        PUBLIC_ONLY,
        anonymous="missing",
        shows=A_PUBLISHED,
    ),
    case("request-list", "public request list", url("request-list"), EVERYONE, shows=A_PUBLISHED),
    case(
        "request-list",
        "public request list, every status",
        url("request-list", query="?status=draft&status=classified&status=sent"),
        EVERYONE,
    ),
    *by_state(
        "request-letters",
        "letters",
        lambda s: url("request-letters", req(s)),
        MEMBERS_OR_PUBLIC,
        anonymous="missing",
    ),
    *by_state(
        "request-letter-download",
        "letter download",
        lambda s: (
            lambda w: reverse("request-letter-download", args=[w.request(s).pk, *letter(w, s)])
        ),
        {"draft": NOBODY, "private": A, "published": EVERYONE},
        anonymous="missing",
    ),
    # editor_a follows what they logged, member_a follows the private request already.
    case(
        "request-follow",
        "follow (draft)",
        url("request-follow", req("draft")),
        A,
        method="post",
        data=lambda w: {},
        changes=A - {"editor_a"},
    ),
    case(
        "request-follow",
        "follow (private)",
        url("request-follow", req("private")),
        A,
        method="post",
        data=lambda w: {},
        changes=frozenset({"admin_a"}),
    ),
    case(
        "request-follow",
        "follow (published)",
        url("request-follow", req("published")),
        SIGNED_IN,
        method="post",
        data=lambda w: {},
        changes=SIGNED_IN - {"editor_a"},
    ),
    case(
        "organisation-detail",
        "the authority's page (its FOI record)",
        url("organisation-detail", lambda w: w.private.authority_id),
        EVERYONE,
        shows="Ministry of the Matrix",
    ),
    case(
        "organisation-detail",
        "an authority A proposed (unconfirmed)",
        url("organisation-detail", lambda w: w.proposed.pk),
        A | REVIEWERS,
        anonymous="missing",
        shows=A_PROPOSED,
    ),
    case(
        "api-organisation-detail",
        "API: an authority A proposed (unconfirmed)",
        url("api-organisation-detail", lambda w: w.proposed.pk),
        A | REVIEWERS,
        anonymous="missing",
        shows=A_PROPOSED,
    ),
    case(
        "api-organisation-list",
        "API organisations: an authority A proposed",
        url("api-organisation-list", query="?q=proposed"),
        EVERYONE,
    ),
    # --- search, exports, API -----------------------------------------------------------
    case("award-search", "search", url("award-search", query="?q=camera"), EVERYONE),
    case(
        "award-search",
        "search for the private subject",
        url("award-search", query="?q=PRIVATE-A-SENT"),
        EVERYONE,
    ),
    case("award-export-csv", "CSV export", url("award-export-csv"), EVERYONE, hides=EXPORT_HIDES),
    case(
        "award-export-csv",
        "CSV export of the imported process",
        url("award-export-csv", query=f"?q={IMPORT_WORD}"),
        EVERYONE,
        shows=IMPORTED_PUBLISHED,
        hides=EXPORT_HIDES,
    ),
    case(
        "award-export-csv",
        "CSV export with semicolons",
        url("award-export-csv", query="?sep=semicolon&sort=value"),
        EVERYONE,
        hides=EXPORT_HIDES,
    ),
    case(
        "award-export-xlsx", "xlsx export", url("award-export-xlsx"), EVERYONE, hides=EXPORT_HIDES
    ),
    case(
        "award-export-xlsx",
        "xlsx export of the imported process",
        url("award-export-xlsx", query=f"?q={IMPORT_WORD}"),
        EVERYONE,
        shows=IMPORTED_PUBLISHED,
        hides=EXPORT_HIDES,
    ),
    case(
        "award-export-ocds", "OCDS export", url("award-export-ocds"), EVERYONE, hides=EXPORT_HIDES
    ),
    case(
        "award-export-ocds",
        "OCDS record package",
        url("award-export-ocds", query="?package=record"),
        EVERYONE,
        hides=EXPORT_HIDES,
    ),
    case(
        "award-export-ocds",
        "OCDS record package of the imported process",
        url("award-export-ocds", query=f"?q={IMPORT_WORD}&package=record"),
        EVERYONE,
        shows=IMPORTED_PUBLISHED,
        hides=EXPORT_HIDES,
    ),
    case(
        "process-ocds",
        "OCDS release package of the imported process",
        url("process-ocds", lambda w: w.imported["process"].pk),
        EVERYONE,
        shows=IMPORTED_PUBLISHED,
        hides=EXPORT_HIDES,
    ),
    case(
        "process-ocds",
        "OCDS record package of the imported process",
        url("process-ocds", lambda w: w.imported["process"].pk, query="?package=record"),
        EVERYONE,
        shows=IMPORTED_PUBLISHED,
        hides=EXPORT_HIDES,
    ),
    case(
        "process-ocds",
        "OCDS of an unreviewed process",
        url("process-ocds", lambda w: w.imported["hidden_process"].pk),
        NOBODY,
        anonymous="missing",
    ),
    case(
        "award-search",
        "search for the imported process",
        url("award-search", query=f"?q={IMPORT_WORD}"),
        EVERYONE,
        shows=IMPORTED_PUBLISHED,
    ),
    case(
        "award-search",
        "buyer chip of an organisation only in an unverified import",
        lambda w: reverse("award-search") + f"?buyer={w.imported['authority'].pk}",
        REVIEWERS,
        denied="bad",
        anonymous="bad",
    ),
    case(
        "award-detail",
        "rejected imported award",
        url("award-detail", lambda w: w.imported["rejected"].pk),
        NOBODY,
        anonymous="missing",
    ),
    case(
        "award-detail",
        "published imported award (its contract is unverified)",
        url("award-detail", lambda w: w.imported["published"].pk),
        EVERYONE,
        shows=IMPORTED_PUBLISHED,
    ),
    case(
        "process-detail",
        "published imported process",
        url("process-detail", lambda w: w.imported["process"].pk),
        EVERYONE,
        shows=IMPORTED_PUBLISHED,
    ),
    case(
        "organisation-detail",
        "supplier only in an unverified import",
        url("organisation-detail", lambda w: w.imported["supplier"].pk),
        REVIEWERS,
        anonymous="missing",
    ),
    case(
        "organisation-detail",
        "authority only in an unverified import",
        url("organisation-detail", lambda w: w.imported["authority"].pk),
        REVIEWERS,
        anonymous="missing",
    ),
    case("api-award-list", "API awards", url("api-award-list"), EVERYONE),
    case(
        "api-award-list",
        "API awards of the imported process",
        url("api-award-list", query=f"?q={IMPORT_WORD}"),
        EVERYONE,
        shows=IMPORTED_PUBLISHED,
    ),
    case(
        "api-award-detail",
        "API rejected imported award",
        url("api-award-detail", lambda w: w.imported["rejected"].pk),
        {"reviewer"},
        anonymous="missing",
    ),
    case(
        "api-organisation-list",
        "API organisations only in an unverified import",
        url("api-organisation-list", query="?q=import-only"),
        EVERYONE,
    ),
    case(
        "api-organisation-detail",
        "API organisation only in an unverified import",
        url("api-organisation-detail", lambda w: w.imported["supplier"].pk),
        REVIEWERS,
        anonymous="missing",
    ),
    case(
        "api-award-detail",
        "API published award",
        url("api-award-detail", lambda w: w.public_award.pk),
        EVERYONE,
    ),
    case(
        "api-award-detail",
        "API unverified award",
        url("api-award-detail", lambda w: w.unverified.pk),
        {"reviewer"},
        anonymous="missing",
    ),
    case("api-agreement-list", "API agreements", url("api-agreement-list"), EVERYONE),
    case(
        "api-agreement-detail",
        "API agreement",
        url("api-agreement-detail", lambda w: w.agreement.pk),
        EVERYONE,
    ),
    case(
        "api-organisation-list",
        "API organisations",
        url("api-organisation-list", query="?q=matrix"),
        EVERYONE,
        shows="Ministry of the Matrix",
    ),
    case(
        "api-organisation-detail",
        "API organisation",
        url("api-organisation-detail", lambda w: w.private.authority_id),
        EVERYONE,
    ),
    case("api-request-list", "API requests", url("api-request-list"), EVERYONE, shows=A_PUBLISHED),
    *by_state(
        "api-request-detail",
        "API request",
        lambda s: url("api-request-detail", req(s)),
        PUBLIC_ONLY,
        anonymous="missing",
    ),
    case("api-schema", "API schema", url("api-schema"), EVERYONE),
    case("api-docs", "API documentation", url("api-docs"), EVERYONE),
    case(
        "api-deadlines",
        "deadline API",
        url("api-deadlines", query="?jurisdiction=RS&received_on=2026-01-31"),
        EVERYONE,
    ),
    # --- imports (reviewers) ------------------------------------------------------------
    case("import-list", "imports", url("import-list"), REVIEWERS, denied="forbidden"),
    case("import-new", "new import", url("import-new"), REVIEWERS, denied="forbidden"),
    case(
        "import-detail",
        "an import",
        url("import-detail", lambda w: w.import_run.pk),
        REVIEWERS,
        denied="forbidden",
    ),
    case(
        "import-review",
        "review a whole import",
        url("import-review", lambda w: w.imported["run"].pk),
        REVIEWERS,
        denied="forbidden",
        shows=IMPORTED[0],  # the unverified award, in the sample
    ),
    case(
        "import-review",
        "publish a whole import",
        url("import-review", lambda w: w.imported["run"].pk),
        REVIEWERS,
        denied="forbidden",
        method="post",
        data=lambda w: {"confirm": "on"},
    ),
    # --- accounts -----------------------------------------------------------------------
    case("login", "sign-in", url("login"), EVERYONE),
    case(
        "logout",
        "sign-out",
        url("logout"),
        EVERYONE,
        method="post",
        data=lambda w: {},
        changes=NOBODY,
    ),
    case("password_change", "password change", url("password_change"), SIGNED_IN),
    case("password_change_done", "password changed", url("password_change_done"), SIGNED_IN),
    case("password_reset", "password reset", url("password_reset"), EVERYONE),
    case("password_reset_done", "password reset sent", url("password_reset_done"), EVERYONE),
    case(
        "password_reset_confirm",
        "password reset link (invalid)",
        url("password_reset_confirm", lambda w: "MQ", lambda w: "bad-token"),
        EVERYONE,
    ),
    case(
        "password_reset_complete", "password reset done", url("password_reset_complete"), EVERYONE
    ),
    case(
        "set_language",
        "language",
        url("set_language"),
        EVERYONE,
        method="post",
        data=lambda w: {"language": "sr-latn", "next": "/"},
        changes=SIGNED_IN,  # a signed-in user's choice is kept in their account
    ),
    case("account", "account page", url("account"), SIGNED_IN),
    case(
        "account-language",
        "the account's language",
        url("account-language"),
        SIGNED_IN,
        method="post",
        data=lambda w: {"language": "mk"},
    ),
    case(
        "account-delivery",
        "how the account's notifications are e-mailed",
        url("account-delivery"),
        SIGNED_IN,
        method="post",
        data=lambda w: {"notification_delivery": "digest"},
    ),
    case(
        "account-regenerate-feed",
        "new calendar address",
        url("account-regenerate-feed"),
        SIGNED_IN,
        method="post",
        data=lambda w: {},
    ),
    # --- organisations, members, calendars ------------------------------------------------
    case(
        "organisation-members",
        "members of A",
        url("organisation-members", org_a),
        A | {"staff"},
        shows="member_a",
        people_visible=True,
    ),
    case(
        "organisation-calendar",
        "calendar of A",
        lambda w: (
            reverse("organisation-calendar", args=[org_a(w)])
            + f"?month={w.private.appeal_due_on:%Y-%m}"
        ),
        A,
        shows=A_PRIVATE,
    ),
    case(
        "calendar-feed",
        "feed of member_a (the secret is the credential)",
        url("calendar-feed", lambda w: w.people.member_a.feed_token),
        EVERYONE,
        shows=A_PRIVATE,
        as_role="member_a",
    ),
    case(
        "calendar-feed",
        "feed of member_b",
        url("calendar-feed", lambda w: w.people.member_b.feed_token),
        EVERYONE,
        shows=B_PRIVATE,
        as_role="member_b",
    ),
    case(
        "calendar-feed",
        "feed of an unknown token",
        url("calendar-feed", lambda w: "Z" * 43),
        NOBODY,
        anonymous="missing",
    ),
    case(
        "invitation-accept",
        "invitation link (the token is the credential)",
        url("invitation-accept", lambda w: invitation_token(w.invitation)),
        {"anonymous"},  # signed in, only the invited address's account may accept
        denied="forbidden",
    ),
    case(
        "organisation-invite",
        "invite to A",
        url("organisation-invite", org_a),
        {"admin_a"},
        special={"staff": "forbidden"},  # staff invite only an organisation's first admin
        method="post",
        data=lambda w: {"email": "new@example.org", "role": "member"},
        people_visible=True,
    ),
    case(
        "organisation-change-role",
        "change a role in A",
        lambda w: reverse(
            "organisation-change-role", args=[org_a(w), w.people.member_a.memberships.get().pk]
        ),
        {"admin_a", "staff"},
        method="post",
        data=lambda w: {"role": "admin"},
        people_visible=True,
    ),
    case(
        "organisation-remove-member",
        "remove a member of A",
        lambda w: reverse(
            "organisation-remove-member", args=[org_a(w), w.people.member_a.memberships.get().pk]
        ),
        {"admin_a", "staff"},
        method="post",
        data=lambda w: {},
        people_visible=True,
    ),
    case(
        "organisation-revoke-invitation",
        "revoke A's invitation",
        url("organisation-revoke-invitation", org_a, lambda w: w.invitation.pk),
        {"admin_a", "staff"},
        method="post",
        data=lambda w: {},
        people_visible=True,
    ),
    case(
        "organisation-settings",
        "A's reminder settings",
        url("organisation-settings", org_a),
        {"admin_a", "staff"},
    ),
    case(
        "organisation-settings",
        "change A's reminder lead",
        url("organisation-settings", org_a),
        {"admin_a", "staff"},
        method="post",
        data=lambda w: {"reminder_lead_days": "5"},
    ),
    # --- review -------------------------------------------------------------------------
    case("review-queue", "review queue", url("review-queue"), REVIEWERS, denied="forbidden"),
    case(
        "review-detail",
        "review of an unverified award",
        url("review-detail", lambda w: "award", lambda w: w.unverified.pk),
        REVIEWERS,
        denied="forbidden",
    ),
    case(
        "review-decide",
        "verify an award",
        url("review-decide", lambda w: "award", lambda w: w.unverified.pk),
        REVIEWERS,
        denied="forbidden",
        method="post",
        data=lambda w: {"action": "verify"},
    ),
    case(
        "review-bulk",
        "bulk verify",
        url("review-bulk"),
        REVIEWERS,
        denied="forbidden",
        method="post",
        data=lambda w: {"kind": "award", "ids": [w.unverified.pk], "action": "verify"},
    ),
    case(
        "review-resolve-correction",
        "accept a suggested correction",
        url("review-resolve-correction", lambda w: w.correction.pk),
        REVIEWERS,
        denied="forbidden",
        method="post",
        data=lambda w: {"decision": "accept"},
    ),
    case(
        "suggest-correction",
        "correction form, published award",
        url("suggest-correction", lambda w: "award", lambda w: w.public_award.pk),
        EVERYONE,
    ),
    case(
        "suggest-correction",
        "correction form, unverified award",
        url("suggest-correction", lambda w: "award", lambda w: w.unverified.pk),
        REVIEWERS,
        anonymous="missing",
    ),
    case(
        "suggest-correction",
        "suggest a correction to an unverified award",
        url("suggest-correction", lambda w: "award", lambda w: w.unverified.pk),
        REVIEWERS,
        anonymous="missing",
        method="post",
        data=lambda w: {"suggestion": "x"},
    ),
    # --- proposed authorities (reviewers) ------------------------------------------------
    case(
        "authority-proposals",
        "proposed authorities",
        url("authority-proposals"),
        REVIEWERS,
        denied="forbidden",
        shows=A_PROPOSED,
    ),
    case(
        "authority-proposal-detail",
        "the authority A proposed",
        url("authority-proposal-detail", lambda w: w.proposed.proposal.pk),
        REVIEWERS,
        denied="forbidden",
        shows=A_PROPOSED,
    ),
    case(
        "authority-proposal-decide",
        "confirm the authority A proposed",
        url("authority-proposal-decide", lambda w: w.proposed.proposal.pk),
        REVIEWERS,
        denied="forbidden",
        method="post",
        data=lambda w: {"action": "confirm"},
    ),
    # --- documents ----------------------------------------------------------------------
    case(
        "document-download",
        "document of A's draft",
        url("document-download", lambda w: w.draft_document.pk),
        A,
        anonymous="missing",
    ),
    case(
        "document-download",
        "document of A's private request",
        url("document-download", lambda w: w.private_document.pk),
        A,
        anonymous="missing",
        shows="PRIVATE-A-FILE-BYTES",
    ),
    case(
        "document-download",
        "chosen document of a published request",
        url("document-download", lambda w: w.chosen_document.pk),
        EVERYONE,
    ),
    case(
        "document-download",
        "unchosen document of a published request",
        url("document-download", lambda w: w.unchosen_document.pk),
        A,
        anonymous="missing",
        shows="PRIVATE-A-UNCHOSEN-BYTES",
    ),
    *by_state(
        "document-upload",
        "upload form",
        lambda s: url("document-upload", lambda w: "request", req(s)),
        {"draft": A_EDITORS, "private": A_EDITORS, "published": A_EDITORS},
    ),
    case(
        "document-upload",
        "upload form, unverified award",
        url("document-upload", lambda w: "award", lambda w: w.unverified.pk),
        REVIEWERS,
    ),
    case(
        "document-upload",
        "upload to A's private request",
        url("document-upload", lambda w: "request", lambda w: w.private.pk),
        A_EDITORS,
        method="post",
        data=lambda w: {"file": upload("new.pdf", PDF + b"%new"), "document_type": "other"},
    ),
    # --- the workspace ------------------------------------------------------------------
    case("workspace-dashboard", "dashboard", url("workspace-dashboard"), SIGNED_IN),
    case(
        "workspace-request-list",
        "workspace list",
        url("workspace-request-list"),
        SIGNED_IN,
    ),
    case(
        "workspace-request-list",
        "workspace list, private only",
        url("workspace-request-list", query="?visibility=private&status=classified"),
        SIGNED_IN,
    ),
    case(
        "workspace-request-new",
        "log a request",
        url("workspace-request-new", query="?authority_q=matrix"),
        A_EDITORS | {"member_b"},
        denied="forbidden",
    ),
    case(
        "workspace-request-new",
        "log a request for A",
        url("workspace-request-new"),
        A_EDITORS,
        denied="forbidden",
        special={"member_b": "bad"},  # an editor of B cannot choose A
        method="post",
        data=lambda w: {
            "authority": w.private.authority_id,
            "jurisdiction": "RS",
            "organisation": w.people.org_a.pk,
            "subject": "New",
            "text": "t",
            "action": "draft",
        },
    ),
    case(
        "workspace-authorities",
        "authority search for one only in an unverified import (JSON)",
        url("workspace-authorities", query="?q=import-only"),
        SIGNED_IN,
    ),
    case(
        "workspace-authorities",
        "authority search for the one A proposed (JSON)",
        url("workspace-authorities", query="?q=proposed"),
        SIGNED_IN,
    ),
    case(
        "workspace-request-new",
        "find the authority A proposed",
        url("workspace-request-new", query="?authority_q=proposed+parking"),
        A_EDITORS | {"member_b"},
        denied="forbidden",
    ),
    case(
        "workspace-authority-propose",
        "propose an authority for A",
        url("workspace-authority-propose"),
        A_EDITORS,
        denied="forbidden",
        special={"member_b": "bad"},  # an editor of B cannot propose in A's name
        method="post",
        data=lambda w: {
            "organisation": w.people.org_a.pk,
            "name": "Public Enterprise for Parks",
            "jurisdiction": "RS",
            "source_url": "https://example.org/parks",
        },
    ),
    case(
        "workspace-authorities",
        "authority search (JSON)",
        url("workspace-authorities", query="?q=matrix"),
        SIGNED_IN,
        shows="Ministry of the Matrix",
    ),
    *by_state(
        "workspace-request-detail",
        "workspace request page",
        lambda s: url("workspace-request-detail", req(s)),
        MEMBERS,
    ),
    case(
        "workspace-request-detail",
        "workspace page of B's request",
        url("workspace-request-detail", lambda w: w.private_b.pk),
        {"member_b"},
        shows=B_PRIVATE,
    ),
    *[
        case(
            "workspace-request-record",
            f"record form ({state}: {step})",
            url("workspace-request-record", req(state), lambda w, step=step: step),
            A_EDITORS,
            special=dict.fromkeys(A - A_EDITORS, "forbidden"),
        )
        for state, step in [("draft", "sent"), ("private", "answered"), ("published", "answered")]
    ],
    *[
        case(
            "workspace-request-record",
            f"record a step ({state}: {step})",
            url("workspace-request-record", req(state), lambda w, step=step: step),
            A_EDITORS,
            special=dict.fromkeys(A - A_EDITORS, "forbidden"),
            method="post",
            data=lambda w: {"on": timezone.localdate().isoformat(), "document_type": "other"},
        )
        for state, step in [("draft", "sent"), ("private", "answered"), ("published", "answered")]
    ],
    case(
        "workspace-request-receipt",
        "record receipt",
        url("workspace-request-receipt", lambda w: w.published.pk),
        A_EDITORS,
        special={"member_a": "forbidden"},
        method="post",
        data=lambda w: {"received_on": timezone.localdate().isoformat()},
    ),
    case(
        "workspace-request-publish",
        "publish A's private request",
        url("workspace-request-publish", lambda w: w.private.pk),
        A_EDITORS,
        special={"member_a": "forbidden"},
        method="post",
        data=lambda w: {"action": "publish", "documents": [w.private_document.pk]},
    ),
    case(
        "workspace-request-publish",
        "unpublish A's published request",
        url("workspace-request-publish", lambda w: w.published.pk),
        A_EDITORS,
        special={"member_a": "forbidden"},
        method="post",
        data=lambda w: {"action": "unpublish"},
    ),
    case(
        "workspace-request-discard",
        "discard A's draft",
        url("workspace-request-discard", lambda w: w.draft.pk),
        A_EDITORS,
        special={"member_a": "forbidden"},
        method="post",
        data=lambda w: {},
    ),
    case(
        "workspace-retry-deliveries",
        "retry A's failed reminder",
        url("workspace-retry-deliveries"),
        SIGNED_IN,
        changes=frozenset({"editor_a", "admin_a"}),
        method="post",
        data=lambda w: {"reminders": [w.failed_reminder.pk]},
    ),
    case(
        "workspace-notifications-read",
        "mark member_a's notification read",
        url("workspace-notifications-read"),
        SIGNED_IN,
        changes=frozenset({"member_a"}),
        method="post",
        data=lambda w: {"notifications": [w.notification.pk]},
    ),
    # --- FOI mail: a request's messages follow the request; the holding pen is staff's --------
    *by_state(
        "workspace-request-send",
        "e-mail form",
        lambda s: url(
            "workspace-request-send",
            req(s),
            query="?kind=request" if s == "draft" else "?kind=follow_up",
        ),
        {"draft": A_EDITORS, "private": A_EDITORS, "published": A_EDITORS},
        special=dict.fromkeys(A - A_EDITORS, "forbidden"),
    ),
    case(
        "workspace-request-send",
        "send A's draft by e-mail",
        url("workspace-request-send", req("draft")),
        A_EDITORS,
        special=dict.fromkeys(A - A_EDITORS, "forbidden"),
        method="post",
        data=lambda w: {
            "kind": "request",
            "to": "pristup@matrix.gov.rs",
            "subject": "Request",
            "body": "Please send the contracts.",
        },
    ),
    case(
        "workspace-request-message",
        "a reply to A's private request",
        url("workspace-request-message", req("private"), lambda w: w.mail.pk),
        A,
        shows=A_MAIL,
    ),
    case(
        "workspace-request-message",
        "A's reply under B's request",
        url("workspace-request-message", lambda w: w.private_b.pk, lambda w: w.mail.pk),
        NOBODY,
    ),
    case(
        "workspace-request-message",
        "A's reply under A's published request",
        url("workspace-request-message", req("published"), lambda w: w.mail.pk),
        NOBODY,
    ),
    case(
        "workspace-request-message-dismiss",
        "dismiss the suggestion of A's reply",
        url("workspace-request-message-dismiss", req("private"), lambda w: w.mail.pk),
        A_EDITORS,
        special=dict.fromkeys(A - A_EDITORS, "forbidden"),
        method="post",
        data=lambda w: {},
    ),
    case(
        "mail-holding-pen",
        "the holding pen",
        url("mail-holding-pen"),
        {"staff"},
        denied="forbidden",
        shows=HELD_MAIL,
    ),
    case(
        "mail-holding-pen-message",
        "a message in the holding pen",
        url("mail-holding-pen-message", lambda w: w.held.pk),
        {"staff"},
        denied="forbidden",
        shows=HELD_MAIL,
    ),
    case(
        "mail-holding-pen-message",
        "a matched message is not in the holding pen",
        url("mail-holding-pen-message", lambda w: w.mail.pk),
        NOBODY,
        special={"staff": "missing"},
        denied="forbidden",
    ),
    case(
        "mail-holding-pen-message",
        "file a held message on A's private request",
        url("mail-holding-pen-message", lambda w: w.held.pk),
        {"staff"},
        denied="forbidden",
        method="post",
        data=lambda w: {"request": w.private.pk},
    ),
]


def state() -> tuple:
    """Everything the write cases could change."""
    return (
        sorted(Membership.objects.values_list("user_id", "organisation_id", "role")),
        sorted(Invitation.objects.values_list("email", "revoked_at")),
        sorted(ReviewDecision.objects.values_list("pk", "to_status")),  # any kind of record
        sorted(Document.objects.values_list("pk", "is_published", "event_id")),
        sorted(SuggestedCorrection.objects.values_list("pk", "state")),
        sorted(InfoRequest.objects.values_list("pk", "status", "visibility", "received_on")),
        RequestEvent.objects.count(),
        sorted(InfoRequest.followers.through.objects.values_list("inforequest_id", "user_id")),
        sorted(Notification.objects.values_list("pk", "read_at")),
        sorted(Reminder.objects.values_list("pk", "state")),
        sorted(Organisation.objects.values_list("pk", "reminder_lead_days", "register_status")),
        sorted(User.objects.values_list("pk", "feed_token", "language", "notification_delivery")),
        AuditLog.objects.exclude(action__startswith="auth.").count(),
        OutgoingMessage.objects.count(),
        sorted(IncomingMessage.objects.values_list("pk", "request_id", "suggestion_state")),
    )


def expected(case: Case, role: str) -> str:
    if role in case.special:
        return case.special[role]
    if role in case.allowed:
        return "ok"
    return case.anonymous if role == "anonymous" else case.denied


def outcome(response) -> str:
    if response.status_code == 302:
        target = response.url
        if target.startswith(reverse("login")) or target.startswith(reverse("admin:login")):
            return "login"
        if target == reverse("admin:index"):
            return "missing"  # the admin's "does not exist" redirect
        return "ok"
    return {200: "ok", 201: "ok", 400: "bad", 403: "forbidden", 404: "missing"}.get(
        response.status_code, str(response.status_code)
    )


def text_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK\x03\x04"):  # a spreadsheet (xlsx): the text of its parts
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"\n".join(archive.read(name) for name in archive.namelist())
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    return headers + "\n" + body.decode(errors="replace")


def login_as(client, world: World, role: str) -> None:
    client.logout()
    if role != "anonymous":
        client.force_login(User.objects.get(pk=getattr(world.people, role).pk))


def check(client, world: World, case: Case, role: str) -> list[str]:
    """Request the case's URL as `role` (in a savepoint that is rolled back afterwards);
    what went wrong, if anything."""
    problems = []
    cache.clear()  # rate limits start afresh for every role
    savepoint = transaction.savepoint()
    try:
        login_as(client, world, role)
        before = state()
        target = case.url(world)
        if case.method == "post":
            response = client.post(target, case.data(world))
        else:
            response = client.get(target)
        want, got = expected(case, role), outcome(response)
        if got != want:
            problems.append(f"{role}: expected {want}, got {got} ({response.status_code})")
        text = text_of(response)
        judged = case.as_role or role
        secrets = forbidden_strings(judged, people_visible=case.people_visible)
        for secret in [*secrets, *case.hides]:
            if secret in text:
                problems.append(f"{role}: the response shows {secret!r}")
        if case.shows and want == "ok" and case.shows not in text:
            problems.append(f"{role}: {case.shows!r} missing although access was granted")
        if case.method == "post":
            changed = state() != before
            should_change = role in (case.allowed if case.changes is None else case.changes)
            if changed != should_change:
                problems.append(f"{role}: {'changed' if changed else 'changed nothing'}")
    finally:
        transaction.savepoint_rollback(savepoint)
    return problems


def route_of(target: str) -> str:
    """The URL name a path resolves to; an unprefixed public path is answered as its English
    one (procurement.core.languages.ReaderLanguageMiddleware)."""
    with translation.override("en"):
        return languages.resolve_any_language(target.split("?")[0]).view_name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_access(client, case):
    world = build_world()
    assert route_of(case.url(world)) == case.route, case.name
    problems = [p for role in ROLES for p in check(client, world, case, role)]
    assert not problems, f"{case.name}:\n" + "\n".join(problems)


# --- the Django admin ---------------------------------------------------------------------

SCOPED = {
    "inforequest",
    "requestevent",
    "reminder",
    "notification",
    "document",
    "citation",
    "incomingmessage",
    "outgoingmessage",
}


def admin_row(world: World, model):
    """The row whose pages are requested: the private request's own row for the scoped
    admins (staff are not members of A), else any row (999999 when there is none)."""
    name = model._meta.model_name
    private = world.private
    rows = {
        "inforequest": private,
        "requestevent": private.events.order_by("pk").last(),
        "reminder": private.reminders.first(),
        "notification": world.notification,
        "document": world.private_document,
        "incomingmessage": world.mail,
        "outgoingmessage": OutgoingMessage.objects.create(
            request=private,
            kind="follow_up",
            to_address="pristup@matrix.gov.rs",
            from_address=request_address(private.pk),
            subject=A_MAIL,
            body=A_MAIL,
            message_id="<matrix-out@foi.localhost>",
        ),
    }
    if name in rows:
        return rows[name]
    if name == "citation":
        from procurement.models import Citation, Source

        source = Source.objects.create(title="Letter", kind="foi_response")
        return Citation.objects.create(source=source, request=private, locator=A_PRIVATE_NOTE)
    return model._default_manager.order_by("pk").first()


def admin_pages(world: World, model, model_admin) -> list[tuple[str, str, bool]]:
    """(URL name, URL, whether the row is private to A) for every page of one model admin."""
    meta = model._meta
    prefix = f"admin:{meta.app_label}_{meta.model_name}"
    row = admin_row(world, model)
    pk = row.pk if row is not None else 999999
    private = meta.model_name in SCOPED
    pages = [
        (f"{prefix}_changelist", reverse(f"{prefix}_changelist"), False),
        (f"{prefix}_add", reverse(f"{prefix}_add"), False),
        (f"{prefix}_change", reverse(f"{prefix}_change", args=[pk]), private),
        (f"{prefix}_history", reverse(f"{prefix}_history", args=[pk]), private),
        (f"{prefix}_delete", reverse(f"{prefix}_delete", args=[pk]), private),
    ]
    if hasattr(model, "history") and hasattr(model_admin, "history_form_view") and row:
        version = row.history.order_by("history_id").first()
        if version is not None:
            name = f"{prefix}_simple_history"
            pages.append((name, reverse(name, args=[pk, version.history_id]), private))
    return pages


MODEL_ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.mark.parametrize(
    ("model", "model_admin"), MODEL_ADMINS, ids=[m._meta.label for m, _ in MODEL_ADMINS]
)
def test_admin_pages(client, model, model_admin):
    """Only staff reach the admin; staff who are not members of A get none of A's private
    rows (a 404 or the admin's "does not exist" redirect), and no page shows A's secrets."""
    world = build_world()
    problems = []
    for name, target, private in admin_pages(world, model, model_admin):
        for role in ROLES:
            login_as(client, world, role)
            response = client.get(target)
            got = outcome(response)
            if role != "staff":
                allowed = {"login"}
            elif private:
                allowed = {"missing", "forbidden"}  # read-only admins refuse before looking
            else:
                allowed = {"ok", "forbidden", "missing"}  # read-only admins refuse add/delete
            if got not in allowed:
                problems.append(f"{name} as {role}: {got} ({response.status_code})")
            text = text_of(response)
            for secret in forbidden_strings(role, people_visible=True):
                if secret in text:
                    problems.append(f"{name} as {role}: shows {secret!r}")
    assert not problems, "\n".join(problems)


ADMIN_SITE_PAGES = [
    ("admin:index", lambda w: reverse("admin:index"), {"staff"}),
    ("admin:login", lambda w: reverse("admin:login"), EVERYONE),
    ("admin:password_change", lambda w: reverse("admin:password_change"), {"staff"}),
    ("admin:password_change_done", lambda w: reverse("admin:password_change_done"), {"staff"}),
    ("admin:jsi18n", lambda w: reverse("admin:jsi18n"), {"staff"}),
    (
        "admin:app_list",
        lambda w: reverse("admin:app_list", kwargs={"app_label": "procurement"}),
        {"staff"},
    ),
    (
        "admin:autocomplete",
        lambda w: (
            reverse("admin:autocomplete")
            + "?app_label=procurement&model_name=inforequest&field_name=awards&term=Published"
        ),
        {"staff"},
    ),
    (
        "admin:auth_user_password_change",
        lambda w: reverse("admin:auth_user_password_change", args=[w.people.editor_a.pk]),
        {"staff"},
    ),
    (
        "admin:view_on_site",
        lambda w: reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(InfoRequest).pk, w.private.pk],
        ),
        {"staff"},
    ),
]


def test_admin_site_pages(client):
    world = build_world()
    problems = []
    for name, make_url, allowed in ADMIN_SITE_PAGES:
        for role in ROLES:
            login_as(client, world, role)
            response = client.get(make_url(world))
            got = outcome(response)
            if role in allowed and got not in {"ok", "missing"}:
                problems.append(f"{name} as {role}: {got}")
            if role not in allowed and got != "login":
                problems.append(f"{name} as {role}: expected login, got {got}")
            for secret in forbidden_strings(role, people_visible=True):
                if secret in text_of(response):
                    problems.append(f"{name} as {role}: shows {secret!r}")
    login_as(client, world, "staff")
    response = client.post(reverse("admin:logout"))
    assert outcome(response) == "ok"
    assert not problems, "\n".join(problems)


# --- every URL has an entry -----------------------------------------------------------------


def url_names(patterns=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            names.add(f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed>")
    return names


def covered_names() -> set[str]:
    names = {c.route for c in CASES} | {name for name, _, _ in ADMIN_SITE_PAGES}
    names |= {"admin:logout", "admin:<unnamed>"}  # logout: posted above; <unnamed>: redirects
    for model, model_admin in MODEL_ADMINS:
        meta = model._meta
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        names |= {
            f"{prefix}_{page}" for page in ("changelist", "add", "change", "history", "delete")
        }
        if hasattr(model_admin, "history_form_view"):
            names.add(f"{prefix}_simple_history")
    return names


def test_every_url_has_a_matrix_entry():
    missing = sorted(url_names() - covered_names())
    assert not missing, f"URLs without an access-matrix case: {missing}"


def test_error_pages_do_not_echo_private_subjects(client):
    """404, 403 (CSRF), 400 and 500 pages say nothing about what was asked for."""
    from django.test import Client, RequestFactory
    from django.views.defaults import bad_request, server_error

    world = build_world()
    login_as(client, world, "member_b")
    private_url = reverse("workspace-request-detail", args=[world.private.pk])
    pages = [
        client.get(private_url),
        client.get(reverse("request-detail", args=[world.private.pk])),
        client.get(reverse("document-download", args=[world.private_document.pk])),
        client.get(reverse("api-request-detail", args=[world.private.pk])),
    ]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.people.editor_a)
    pages.append(
        strict.post(
            reverse("workspace-request-record", args=[world.private.pk, "answered"]),
            {"on": "2026-01-01", "note": A_PRIVATE},
        )
    )
    request = RequestFactory().get(private_url)
    pages += [server_error(request), bad_request(request, Exception(A_PRIVATE))]
    statuses = [page.status_code for page in pages]
    assert statuses == [404, 404, 404, 404, 403, 500, 400]
    assert "This form has expired" in pages[4].content.decode()
    for page in pages:
        body = page.content.decode()
        for secret in (A_PRIVATE, "PRIVATE-A-SENT"):
            assert secret not in body
