"""What a penetration test of the tracker found, one test (or more) per finding.

Blocker: nothing unreviewed leaves the tracker — every export and public path is built from
the same visibility rule (tests/imported_states.py: one process with a published, an
unverified and a rejected award and an unverified contract, imported over OCDS).
Major: organisations seen only in unverified imports are not public; a forged
X-Forwarded-For does not escape any limiter; invitations cannot be taken over by staff or by
another account; password reset is rate-limited without telling who has an account.
Minor: every CSV text column is spreadsheet-safe; bad ids and dates are 400s naming the
field (JSON under /api/, in production too); the 429 pages say what was limited and when to
come back; documents that can be unpublished are never kept by shared caches.
"""

import csv
import io
import json
import re

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from procurement.accounts.services import memberships
from procurement.awards.selectors import csv_export
from procurement.core import enqueue
from procurement.core.notices import render
from procurement.documents.services import upload_document
from procurement.foi.services.notifications import EMAIL_TASK, email_notification
from procurement.foi.services.publication import publish_request
from procurement.foi.services.requests import create_request, mark_sent
from procurement.models import (
    Agreement,
    AuditLog,
    Award,
    Invitation,
    Membership,
    Notification,
    Organisation,
    ProcurementProcess,
    User,
)
from procurement.ocds.schema import package_errors
from tests.factories import AgreementFactory, AuthorityFactory, AwardFactory, UserFactory
from tests.imported_states import (
    BUYER,
    PUBLISHED_AWARD,
    PUBLISHED_SUPPLIER,
    SECRETS,
    WORD,
    import_states,
)
from tests.uploads import PDF, PNG, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]


def body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8-sig", errors="replace")


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


@pytest.fixture
def imported(tmp_path, people):
    return import_states(tmp_path, people.reviewer)


# --- Blocker: one visibility rule for every export and public path --------------------------


def _paths(w) -> dict[str, tuple[str, str]]:
    """Every public path that shows awards, contracts or organisations: URL and a string it
    must show (so that a path answering nothing cannot pass)."""
    return {
        "OCDS release package": (
            reverse("award-export-ocds") + f"?q={WORD}",
            PUBLISHED_AWARD,
        ),
        "OCDS record package": (
            reverse("award-export-ocds") + f"?q={WORD}&package=record",
            PUBLISHED_AWARD,
        ),
        "process OCDS release package": (
            reverse("process-ocds", args=[w.process.pk]),
            PUBLISHED_AWARD,
        ),
        "process OCDS record package": (
            reverse("process-ocds", args=[w.process.pk]) + "?package=record",
            PUBLISHED_AWARD,
        ),
        "CSV": (reverse("award-export-csv") + f"?q={WORD}", PUBLISHED_AWARD),
        "CSV of everything": (reverse("award-export-csv"), PUBLISHED_AWARD),
        "API award list": (reverse("api-award-list") + f"?q={WORD}", PUBLISHED_AWARD),
        "API organisations": (
            reverse("api-organisation-list") + "?q=supplier",
            PUBLISHED_SUPPLIER,
        ),
        "search page (count, facets)": (
            reverse("award-search") + f"?q={WORD}",
            PUBLISHED_SUPPLIER,
        ),
        "award page": (reverse("award-detail", args=[w.published.pk]), PUBLISHED_AWARD),
        "process page": (reverse("process-detail", args=[w.process.pk]), PUBLISHED_AWARD),
        "buyer's page": (reverse("organisation-detail", args=[w.buyer.pk]), PUBLISHED_AWARD),
        "charts": (reverse("charts"), PUBLISHED_SUPPLIER),
        "home (counts, latest)": (reverse("home"), PUBLISHED_AWARD),
        "suggestions (nothing matches)": (
            reverse("award-search") + "?q=Hiddenunverifed",
            "",
        ),
    }


@pytest.mark.parametrize(
    "path",
    [
        "OCDS release package",
        "OCDS record package",
        "process OCDS release package",
        "process OCDS record package",
        "CSV",
        "CSV of everything",
        "API award list",
        "API organisations",
        "search page (count, facets)",
        "award page",
        "process page",
        "buyer's page",
        "charts",
        "home (counts, latest)",
        "suggestions (nothing matches)",
    ],
)
def test_every_public_path_shows_the_published_award_and_nothing_else(client, imported, path):
    url, shown = _paths(imported)[path]
    response = client.get(url)
    assert response.status_code == 200, url
    text = body(response)
    assert shown in text
    assert leaks(text) == [], f"{path} leaks {leaks(text)}"


def test_counts_and_facets_count_only_the_published_award(client, imported):
    search = client.get(reverse("award-search"), {"q": WORD}).context["search"]
    assert search.count.value == 1
    labels = {value.label for values in search.facets.groups.values() for value in values}
    assert PUBLISHED_SUPPLIER in labels and BUYER in labels
    assert leaks(" ".join(labels)) == []
    assert all(value.count == 1 for values in search.facets.groups.values() for value in values)
    assert client.get(reverse("api-award-list"), {"q": WORD}).json()["count"] == 1


@pytest.mark.parametrize("package", ["", "record"])
def test_exports_hold_only_published_records_even_for_reviewers(client, imported, people, package):
    client.force_login(people.reviewer)
    assert WORD in body(client.get(reverse("award-search"), {"q": WORD}))
    for name in ("award-export-ocds", "award-export-csv"):
        params = {"q": WORD, "package": package} if package else {"q": WORD}
        text = body(client.get(reverse(name), params))
        assert PUBLISHED_AWARD in text and leaks(text) == []
    # …and the search itself shows reviewers everything, so the check above could fail.
    search = client.get(reverse("award-search"), {"q": WORD})
    assert search.context["search"].count.value == 3
    assert "UNVERIFIED-AWARD-LEAK" in body(search)


def test_the_record_links_the_raw_release_and_compiles_only_what_is_published(client, imported):
    response = client.get(reverse("award-export-ocds"), {"q": WORD, "package": "record"})
    data = json.loads(body(response))
    assert package_errors(data) == []
    (record,) = data["records"]
    link = f"/processes/{imported.process.pk}/ocds.json"
    assert all(set(r) == {"url", "date", "tag"} for r in record["releases"])
    assert all(r["url"].endswith(link) for r in record["releases"])
    compiled = record["compiledRelease"]
    assert [a["title"] for a in compiled["awards"]] == [PUBLISHED_AWARD]
    assert compiled["awards"][0]["value"]["amount"] == 123999  # the reviewer's correction
    assert "contracts" not in compiled
    assert {p["name"] for p in compiled["parties"]} == {BUYER, PUBLISHED_SUPPLIER}
    linked = client.get(link)
    assert json.loads(body(linked))["releases"][0]["awards"][0]["title"] == PUBLISHED_AWARD


def test_a_raw_release_is_shown_once_everything_in_it_is_published(client, imported, people):
    from procurement.review.services.decisions import review_bulk

    Award.objects.filter(pk=imported.rejected.pk).delete()
    review_bulk(kind="award", ids=[imported.unverified.pk], action="verify", actor=people.reviewer)
    review_bulk(kind="award", ids=[imported.unverified.pk], action="publish", actor=people.reviewer)
    for action in ("verify", "publish"):
        review_bulk(
            kind="contract", ids=[imported.contract.pk], action=action, actor=people.reviewer
        )
    data = json.loads(
        body(client.get(reverse("award-export-ocds"), {"q": WORD, "package": "record"}))
    )
    assert package_errors(data) == []
    releases = data["records"][0]["releases"]
    # The rejected award is gone, so the raw release still names it: still only a link.
    assert all("url" in r for r in releases)
    for item in data["records"][0]["compiledRelease"]["awards"]:
        assert "REJECTED" not in item["title"]


def test_unpublished_processes_have_no_ocds_page(client, imported, people):
    hidden = ProcurementProcess.objects.get(buyer=imported.hidden_buyer)
    for pk in (hidden.pk, 99999999):
        assert client.get(reverse("process-ocds", args=[pk])).status_code == 404


# --- Major: organisations seen only in unverified imports --------------------------------------


def test_an_organisation_only_in_unverified_imports_is_not_public(client, imported, people):
    hidden = [imported.hidden_supplier, imported.hidden_buyer]
    for organisation in hidden:
        assert client.get(reverse("organisation-detail", args=[organisation.pk])).status_code == 404
        api = client.get(reverse("api-organisation-detail", args=[organisation.pk]))
        assert api.status_code == 404
        for name in ("buyer", "supplier"):
            chip = client.get(reverse("award-search"), {name: organisation.pk})
            assert chip.status_code == 400 and organisation.name not in body(chip)
    listed = client.get(reverse("api-organisation-list"), {"q": "hidden"}).json()
    assert listed["results"] == []
    # The buyer and the supplier of the published award are public.
    for organisation in (imported.buyer, imported.published.suppliers.get()):
        assert client.get(reverse("organisation-detail", args=[organisation.pk])).status_code == 200
    chip = client.get(reverse("award-search"), {"buyer": imported.buyer.pk})
    assert chip.status_code == 200 and BUYER in body(chip)
    # Reviewers and staff see them.
    for user in (people.reviewer, people.staff):
        client.force_login(user)
        page = client.get(reverse("organisation-detail", args=[imported.hidden_supplier.pk]))
        assert page.status_code == 200
        assert (
            "hidden"
            in str(client.get(reverse("api-organisation-list"), {"q": "hidden"}).json()).lower()
        )


def test_the_authority_picker_offers_no_organisation_known_only_from_an_import(
    client, imported, people
):
    confirmed = AuthorityFactory(name="Zlatibor District Office")  # with its jurisdiction
    from procurement.awards.services.search_keys import refresh_organisation_keys

    refresh_organisation_keys([confirmed.pk])
    client.force_login(people.editor_a)
    found = client.get(reverse("workspace-authorities"), {"q": "zlatibor"}).json()["results"]
    assert [r["name"] for r in found] == ["Zlatibor District Office"]
    form = client.get(reverse("workspace-request-new"), {"authority": imported.hidden_buyer.pk})
    assert form.status_code == 400 and "Hiddenmunicipality" not in body(form)


@pytest.mark.postgres_only
def test_did_you_mean_suggests_only_public_organisations(client, imported):
    if connection.vendor != "postgresql":
        pytest.skip("trigram suggestions are PostgreSQL's (pg_trgm)")
    hidden = body(client.get(reverse("award-search"), {"q": "Hiddenunverifed"}))
    assert "Did you mean" not in hidden
    visible = body(client.get(reverse("award-search"), {"q": "Visibel"}))
    assert "Did you mean" in visible and PUBLISHED_SUPPLIER in visible


def test_public_roles_make_an_organisation_public(client, people):
    from tests.factories import OrganisationFactory

    agreement_party = OrganisationFactory(name="Party to an agreement")
    agreement = AgreementFactory()
    agreement.parties.create(organisation=agreement_party, role="signatory")
    nobody = OrganisationFactory(name="Nobody knows")
    for organisation, status in [(agreement_party, 200), (nobody, 404), (people.org_a, 404)]:
        assert (
            client.get(reverse("organisation-detail", args=[organisation.pk])).status_code == status
        )
    client.force_login(people.member_a)  # members see their own organisation's page
    assert client.get(reverse("organisation-detail", args=[people.org_a.pk])).status_code == 200
    assert Agreement.objects.count() == 1


# --- Major: one client-address rule; per-user limits ---------------------------------------------


def _forged(number: int) -> dict:
    return {"HTTP_X_FORWARDED_FOR": f"198.51.100.{number % 250}", "REMOTE_ADDR": "203.0.113.9"}


@pytest.mark.parametrize(
    ("setting", "rate", "url"),
    [
        ("API_ANON_RATE", "5/minute", lambda: reverse("api-award-list")),
        ("SEARCH_RATE", "5/minute", lambda: reverse("award-search")),
        ("EXPORT_RATE", "5/minute", lambda: reverse("award-export-csv")),
    ],
)
def test_a_forged_x_forwarded_for_does_not_escape_the_limit(
    client, settings, api_rates, setting, rate, url
):
    settings.TRUSTED_PROXY_COUNT = 0
    if setting == "API_ANON_RATE":
        api_rates(anon=rate)
    else:
        setattr(settings, setting, rate)
    statuses = [client.get(url(), **_forged(n)).status_code for n in range(8)]
    assert statuses == [200] * 5 + [429] * 3
    # Another real address is its own client.
    assert client.get(url(), REMOTE_ADDR="203.0.113.10").status_code == 200


def test_behind_trusted_proxies_the_client_is_the_address_they_saw(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SEARCH_RATE = "2/minute"

    def get(forwarded):
        return client.get(
            reverse("award-search"), HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2"
        ).status_code

    # Whatever the client writes first, the proxy appends the address it saw: 192.0.2.7.
    assert [get(f"{n}.{n}.{n}.{n}, 192.0.2.7") for n in range(1, 4)] == [200, 200, 429]
    assert get("192.0.2.8") == 200  # another client behind the same proxy


def test_sign_in_lockout_ignores_a_forged_header_and_says_when(client, people, settings):
    statuses = []
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(
            reverse("login"), {"username": "editor_a", "password": "guess"}, **_forged(n)
        )
        statuses.append(response.status_code)
    assert statuses[-1] == 429
    assert int(response["Retry-After"]) == int(settings.AXES_COOLOFF_TIME * 3600)
    assert "Sign-in paused" in body(response)
    entry = AuditLog.objects.filter(action="auth.login_failed").first()
    assert entry.ip_address == "203.0.113.9"  # the connection, not the forged header


def test_signed_in_users_have_their_own_api_and_export_limits(client, people, settings, api_rates):
    settings.EXPORT_RATE = "2/minute"
    api_rates(anon="1000/minute", user="3/minute")
    office = {"REMOTE_ADDR": "192.0.2.50"}
    client.force_login(people.member_a)
    api = [client.get(reverse("api-award-list"), **office).status_code for _ in range(4)]
    exports = [client.get(reverse("award-export-csv"), **office).status_code for _ in range(3)]
    assert api == [200, 200, 200, 429] and exports == [200, 200, 429]
    limited = client.get(reverse("award-export-csv"), **office)
    assert "Too many exports" in body(limited) and "search" not in body(limited).lower()
    # A colleague at the same address is not blocked at the next export or API call.
    client.force_login(people.editor_a)
    assert client.get(reverse("award-export-csv"), **office).status_code == 200
    assert client.get(reverse("api-award-list"), **office).status_code == 200


# --- Major: invitations ---------------------------------------------------------------------------


def _invite(people, email, actor=None):
    return memberships.invite_member(
        organisation_id=people.org_a.pk, email=email, role="admin", actor=actor or people.admin_a
    )


def test_staff_cannot_invite_themselves_into_an_organisation(client, people):
    client.force_login(people.staff)
    response = client.post(
        reverse("organisation-invite", args=[people.org_a.pk]),
        {"email": people.staff.email, "role": "admin"},
    )
    assert response.status_code == 403 and not Invitation.objects.exists()
    members = client.get(reverse("organisation-members", args=[people.org_a.pk]))
    assert "Send the invitation" not in body(members)


def test_the_link_secret_is_stored_only_as_a_hash_and_never_shown_in_the_admin(client, people):
    invitation = _invite(people, "newcomer@example.org")
    token = memberships.invitation_token(invitation)
    stored = Invitation.objects.filter(pk=invitation.pk).values().get()
    assert token not in json.dumps(stored, default=str)
    client.force_login(User.objects.filter(pk=people.staff.pk).get())
    User.objects.filter(pk=people.staff.pk).update(is_superuser=True)
    for url in (
        reverse("admin:procurement_invitation_changelist"),
        reverse("admin:procurement_invitation_change", args=[invitation.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200 and token not in body(page)
        assert invitation.token_hash not in body(page)
    client.logout()
    assert client.get(reverse("invitation-accept", args=[token])).status_code == 200
    assert client.get(reverse("invitation-accept", args=["x" * 64])).status_code == 404


def test_only_the_invited_address_can_accept(client, people):
    invitation = _invite(people, "someone.else@example.org")
    link = reverse("invitation-accept", args=[memberships.invitation_token(invitation)])
    client.force_login(people.member_b)
    page = client.get(link)
    assert page.status_code == 403 and "not the address of your account" in body(page)
    assert client.post(link).status_code == 403
    assert not people.member_b.memberships.filter(organisation=people.org_a).exists()
    with pytest.raises(Exception, match="another e-mail address"):
        memberships.accept_invitation(
            token=memberships.invitation_token(invitation), user=people.member_b
        )
    invited = UserFactory(username="someone", email="Someone.Else@example.org")
    client.force_login(invited)
    assert client.post(link).status_code == 302
    assert invited.memberships.get().organisation == people.org_a


def test_every_membership_change_is_audited_and_told_to_the_admins(
    people, monkeypatch, django_capture_on_commit_callbacks
):
    second_admin = Membership.objects.create(
        user=UserFactory(username="admin_two", email="admin.two@example.org"),
        organisation=people.org_a,
        role="admin",
    ).user
    published: list[tuple[str, list]] = []
    monkeypatch.setattr(enqueue, "publish", lambda task, ids: published.append((task, list(ids))))
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(people, "joiner@example.org")
        joiner = UserFactory(username="joiner", email="joiner@example.org")
        membership = memberships.accept_invitation(
            token=memberships.invitation_token(invitation), user=joiner
        )
        memberships.change_role(membership_id=membership.pk, role="member", actor=people.admin_a)
        memberships.remove_member(membership_id=membership.pk, actor=people.admin_a)
        other = _invite(people, "other@example.org")
        memberships.revoke_invitation(invitation_id=other.pk, actor=people.admin_a)
    actions = list(AuditLog.objects.order_by("pk").values_list("action", flat=True))
    for action in (
        "invitation.created",
        "membership.added",
        "membership.role_changed",
        "membership.removed",
        "invitation.revoked",
    ):
        assert action in actions
    notices = Notification.objects.filter(user=second_admin, kind="membership").order_by("pk")
    assert [render(n, "en").subject.split(": ", 1)[1] for n in notices] == [
        "admin_a invited joiner@example.org as organisation admin.",
        "joiner accepted an invitation and joined as organisation admin.",
        "admin_a changed the role of joiner from organisation admin to member.",
        "admin_a removed joiner (member).",
        "admin_a invited other@example.org as organisation admin.",
        "admin_a withdrew the invitation to other@example.org.",
    ]
    # Published after commit through the one helper, as reminders are; then e-mailed.
    emailed = [pk for task, ids in published if task == EMAIL_TASK for pk in ids]
    assert set(emailed) >= {n.pk for n in notices}
    assert email_notification(notification_id=notices[0].pk) is True
    assert mail.outbox[-1].to == ["admin.two@example.org"]
    assert "/organisations/" in mail.outbox[-1].body


def test_a_membership_deleted_in_the_admin_is_audited_and_told(people):
    pk = people.member_a.pk
    people.member_a.delete()
    entry = AuditLog.objects.get(action="membership.removed")
    assert entry.details["by"] == "deletion" and entry.details["user"] == pk
    assert Notification.objects.filter(user=people.admin_a, kind="membership").exists()


def test_memberships_cannot_be_written_in_the_admin(client, people):
    User.objects.filter(pk=people.staff.pk).update(is_superuser=True)
    client.force_login(people.staff)
    add = client.post(
        reverse("admin:procurement_membership_add"),
        {"user": people.staff.pk, "organisation": people.org_a.pk, "role": "admin"},
    )
    assert add.status_code == 403
    assert not people.staff.memberships.exists()


# --- Major: password reset ----------------------------------------------------------------------


def test_password_reset_is_limited_per_account_and_per_address(client, people, settings):
    settings.PASSWORD_RESET_RATE = "10/hour"
    settings.PASSWORD_RESET_ACCOUNT_RATE = "3/hour"
    url = reverse("password_reset")
    answers = [client.post(url, {"email": people.member_a.email}, **_forged(n)) for n in range(10)]
    assert [a.status_code for a in answers] == [302] * 10  # the same answer throughout…
    assert len(mail.outbox) == 3  # …but three e-mails, not ten
    refused = client.post(url, {"email": people.editor_a.email}, **_forged(99))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "password reset" in body(refused)
    # No enumeration: an unknown address gets exactly what a known one gets.
    client.defaults["REMOTE_ADDR"] = "192.0.2.77"
    known = client.post(url, {"email": people.editor_a.email})
    unknown = client.post(url, {"email": "nobody@example.org"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)


# --- Minor: CSV formula injection in every text column ------------------------------------------


FORMULA = '=HYPERLINK("http://evil.example","x")'


def _inject(award, column: csv_export.Column, settings) -> bool:
    """Write a formula where `column` reads it; False when the database itself refuses any
    such value there (a constrained code such as the currency)."""
    path = column.expression if isinstance(column.expression, str) else None
    writers = {
        "ocid": lambda: ProcurementProcess.objects.filter(pk=award.process_id).update(ocid=FORMULA),
        "buyer": lambda: Organisation.objects.filter(pk=award.buyer_id).update(name=FORMULA),
        "agreement": lambda: Agreement.objects.filter(pk=award.agreement_id).update(title=FORMULA),
        "url": lambda: setattr(settings, "SITE_URL", "=cmd|' /C calc'!A0"),
    }
    write = writers.get(column.header)
    if write is None:
        length = Award._meta.get_field(path).max_length or len(FORMULA)
        value = FORMULA[: max(length, 2)]

        def write():
            Award.objects.filter(pk=award.pk).update(**{path: value})

    try:
        with transaction.atomic():
            write()
    except IntegrityError:
        return False
    return True


TEXT_COLUMNS = [column for column in csv_export.COLUMNS if column.text]


@pytest.mark.parametrize("column", TEXT_COLUMNS, ids=[c.header for c in TEXT_COLUMNS])
def test_every_text_column_of_the_csv_is_spreadsheet_safe(client, settings, column):
    assert isinstance(csv_export.cell(column), csv_export.SpreadsheetSafe)
    award = AwardFactory(agreement=AgreementFactory())
    if not _inject(award, column, settings):
        return  # the database allows no formula here, and the cell is wrapped all the same
    text = body(client.get(reverse("award-export-csv")))
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row[column.header][:2] in ("'=", "'+", "'-", "'@"), (column.header, row)


def test_blank_and_control_prefixes_are_caught_and_plain_text_is_left_alone(client):
    award = AwardFactory(title="\t=1+1")
    AwardFactory(title="  @SUM(A1)")
    AwardFactory(title="Kamere - Niš")
    titles = {
        r["title"]
        for r in csv.DictReader(io.StringIO(body(client.get(reverse("award-export-csv")))))
    }
    assert titles == {"'\t=1+1", "'  @SUM(A1)", "Kamere - Niš"}
    assert award.pk


def test_a_new_csv_column_is_text_unless_it_says_otherwise():
    column = csv_export.Column("anything", "title")
    assert column.text is True


# --- Minor: bad input is a 400 naming the field, never a 500 -----------------------------------


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/requests/?authority=99999999999999999999", "authority"),
        ("/api/requests/?requester=99999999999999999999", "requester"),
        ("/api/requests/?award=99999999999999999999", "award"),
        ("/api/requests/?sent_from=0001-01-01", "sent_from"),
        ("/api/organisations/?parent=99999999999999999999", "parent"),
        ("/api/agreements/?party=99999999999999999999", "party"),
        ("/api/awards/?date_from=0001-01-01", "date_from"),
        ("/api/awards/?year=0", "year"),
        ("/api/deadlines/?jurisdiction=RS&received_on=0001-01-01", "received_on"),
        ("/api/deadlines/?jurisdiction=RS&received_on=9999-12-31", "received_on"),
        (
            "/api/deadlines/?jurisdiction=RS&received_on=2026-01-05"
            "&decision_delivered_on=0001-01-01",
            "decision_delivered_on",
        ),
    ],
)
def test_out_of_range_ids_and_dates_are_json_400s_naming_the_field(client, url, field):
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert field in json.dumps(response.json())


@pytest.mark.parametrize(
    "url",
    [
        "/deadlines/?jurisdiction=RS&received_on=0001-01-01",
        "/awards/?date_to=0001-01-01",
        "/awards/?buyer=99999999999999999999",
        "/awards/export.csv?supplier=99999999999999999999",
        "/requests/?jurisdiction=99999999999999999999",
    ],
)
def test_out_of_range_input_on_pages_is_a_400(client, url):
    client.raise_request_exception = False
    assert client.get(url).status_code == 400


def test_api_errors_are_json_under_production_settings(client, settings, monkeypatch):
    from procurement.api import views

    settings.DEBUG = False

    def broken(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.RequestList, "get_queryset", broken)
    client.raise_request_exception = False
    response = client.get(reverse("api-request-list"))
    assert response.status_code == 500
    assert response.json() == {"detail": "Server error: it has been logged."}
    assert client.get("/api/no-such-thing/").json()["detail"].startswith("Not found")


# --- Minor: documents that can be unpublished are not kept by shared caches -----------------------


def test_published_request_documents_are_private_to_caches(client, people, media_root):
    authority = AuthorityFactory()
    request = create_request(
        organisation=people.org_a, authority=authority, subject="s", text="t", actor=people.editor_a
    )
    mark_sent(request_id=request.pk, actor=people.editor_a, sent_on=request.created_at.date())
    chosen = upload_document(
        parent=request, uploaded=upload("a.png", PNG), actor=people.editor_a, title="a"
    )
    publish_request(request_id=request.pk, actor=people.editor_a, document_ids=[chosen.pk])
    response = client.get(reverse("document-download", args=[chosen.pk]))
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"] and "private" in response["Cache-Control"]
    agreement = AgreementFactory()
    agreement_file = upload_document(
        parent=agreement, uploaded=upload("t.pdf", PDF), actor=people.reviewer, title="text"
    )
    assert (
        client.get(reverse("document-download", args=[agreement_file.pk]))["Cache-Control"]
        == "public, max-age=3600"
    )


def test_the_limit_pages_name_what_was_limited(client, settings):
    settings.SEARCH_RATE = "1/minute"
    client.get(reverse("award-search"))
    search = body(client.get(reverse("award-search")))
    assert "Too many searches" in search and re.search(r"try again in \d+ second", search)


def test_anonymous_and_signed_in_clients_see_the_same_client_rule(people):
    from django.test import RequestFactory

    from procurement.core.ratelimit import client_address, client_key

    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.1.1.1", REMOTE_ADDR="192.0.2.1")
    request.user = people.member_a
    assert client_address(request) == "192.0.2.1"
    assert client_key(request) == "ip:192.0.2.1"
    assert client_key(request, per_user=True) == f"user:{people.member_a.pk}"
    assert Client().get(reverse("home")).status_code == 200
