"""Bad input to the workspace's forms gets a clear message, keeps what the user typed, and
changes nothing: wrong dates (answered before sent, dates in the future), unknown authority,
oversized or disguised uploads, over-long text, transitions the workflow forbids."""

from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from procurement.models import (
    AuditLog,
    Document,
    InfoRequest,
    Notification,
    Organisation,
    Reminder,
    RequestEvent,
    StoredFile,
)
from tests.factories import AuthorityFactory, AwardFactory, OrganisationFactory
from tests.foi.builders import draft, member, organisation, sent
from tests.uploads import EXE, PDF, PNG, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]
NEW = "workspace-request-new"


@pytest.fixture(autouse=True)
def _today(today):
    """Every test here runs on TODAY."""


@pytest.fixture
def signed_in(client, team):
    client.force_login(team[1])
    return client


def snapshot(media_root: Path | None = None) -> tuple:
    """Everything a workspace form could write."""
    files = sorted(str(p) for p in media_root.rglob("*") if p.is_file()) if media_root else []
    return (
        list(InfoRequest.objects.order_by("pk").values()),
        list(RequestEvent.objects.order_by("pk").values_list("pk", "kind", "to_status")),
        list(Document.objects.order_by("pk").values_list("pk", "event_id", "is_published")),
        StoredFile.objects.count(),
        list(Reminder.objects.order_by("pk").values_list("pk", "state", "send_at")),
        Notification.objects.count(),
        AuditLog.objects.exclude(action__startswith="login").count(),
        files,
    )


def new_request(authority, org, **extra):
    return {
        "authority": authority.pk,
        "jurisdiction": "RS",
        "organisation": org.pk,
        "subject": "Typed subject",
        "text": "Typed text of the request.",
        "action": "draft",
        **extra,
    }


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"action": "send", "sent_on": "2026-03-03"}, "The date cannot be in the future."),
        (
            {"action": "send", "sent_on": "2026-02-20", "received_on": "2026-02-19"},
            "Received before it was sent.",
        ),
        (
            {"action": "send", "sent_on": "2026-02-20", "received_on": "2026-03-05"},
            "The date cannot be in the future.",
        ),
        ({"action": "send"}, "Give the day the request was sent."),
        ({"action": "send", "sent_on": "20/02/2026"}, "Write the date as YYYY-MM-DD"),
        ({"subject": "S" * 301}, "at most 300 characters (it has 301)"),
        ({"text": "T" * 20001}, "at most 20000 characters (it has 20001)"),
        ({"subject": "   "}, "This field is required."),
        ({"jurisdiction": "XX"}, "Unknown jurisdiction."),
        ({"also_about": "https://example.org/nothing/"}, "Not a link to an award, process"),
        ({"also_about": "/awards/999999/"}, "No award with the number 999999 is public."),
    ],
)
def test_logging_a_request_refuses_bad_input_and_saves_nothing(signed_in, team, extra, message):
    org, _ = team
    authority = AuthorityFactory()
    before = snapshot()
    response = signed_in.post(reverse(NEW), new_request(authority, org, **extra))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html, html[-4000:]
    assert "Nothing was saved." in html
    if "subject" not in extra and "text" not in extra:
        assert 'value="Typed subject"' in html and "Typed text of the request." in html
    assert snapshot() == before


def test_an_unverified_award_cannot_be_linked_by_someone_who_cannot_see_it(signed_in, team):
    hidden = AwardFactory(review_status="unverified")
    before = snapshot()
    data = new_request(AuthorityFactory(), team[0], also_about=f"/awards/{hidden.pk}/")
    response = signed_in.post(reverse(NEW), data)
    assert response.status_code == 400 and "is public" in response.content.decode()
    assert snapshot() == before


def test_unknown_authority_is_a_clear_message(signed_in, team):
    org, _ = team
    company = OrganisationFactory(kind=Organisation.Kind.COMPANY)
    before = snapshot()
    for chosen in ("999999", str(company.pk), "abc"):
        response = signed_in.get(reverse(NEW), {"authority": chosen})
        assert response.status_code == 400
        assert "Unknown authority" in response.content.decode()
        response = signed_in.post(reverse(NEW), {**new_request(company, org), "authority": chosen})
        assert response.status_code == 400
        assert "Unknown authority" in response.content.decode()
    assert snapshot() == before


def test_another_organisations_name_cannot_be_used(signed_in, team):
    other = organisation()
    before = snapshot()
    response = signed_in.post(reverse(NEW), new_request(AuthorityFactory(), other))
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert snapshot() == before


@pytest.fixture
def sent_request(team):
    org, editor = team
    return sent(org, editor, date(2026, 2, 20), received_on=date(2026, 2, 20))


def record(client, info_request, to, **data):
    return client.post(
        reverse("workspace-request-record", args=[info_request.pk, to]),
        {"document_type": "decision", **data},
    )


@pytest.mark.parametrize(
    ("to", "data", "message"),
    [
        (
            "answered",
            {"on": "2026-02-19"},
            "The date is before the request was sent (20 Feb 2026).",
        ),
        ("answered", {"on": "2026-03-03"}, "The date cannot be in the future."),
        ("answered", {"on": ""}, "This field is required."),
        ("answered", {"on": "2026-02-30"}, "Write the date as YYYY-MM-DD"),
        ("answered", {"on": "2026-03-01", "note": "N" * 10001}, "at most 10000 characters"),
        ("refused", {"on": "2026-03-01"}, "This field is required."),
        (
            "classified",
            {"on": "2026-03-01", "classification_level": "TOP SECRET", "harm_test_given": "no"},
            "Select a valid choice. TOP SECRET is not one of the available choices.",
        ),
        ("classified", {"on": "2026-03-01", "classification_level": "INTERNO"}, "required"),
        (
            "appealed",
            {"on": "2026-03-01"},
            "A complaint about silence can be lodged only after the deadline",
        ),
        (
            "complied",
            {"on": "2026-03-01"},
            "A request cannot go from “sent” to “authority complied”. Allowed from “sent”: "
            "acknowledged, extended, answered",
        ),
        ("sent", {"on": "2026-03-01"}, "cannot go from “sent” to “sent”"),
    ],
)
def test_recording_a_step_refuses_bad_input_and_changes_nothing(
    signed_in, sent_request, media_root, to, data, message
):
    before = snapshot(media_root)
    response = record(signed_in, sent_request, to, file=upload("decision.pdf", PDF), **data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html, html[-3000:]
    assert snapshot(media_root) == before
    if data.get("note"):
        assert data["note"][:100] in html  # the user's input is kept


def test_withdrawn_requests_cannot_change_any_more(signed_in, sent_request):
    assert record(signed_in, sent_request, "withdrawn", on="2026-03-01").status_code == 302
    before = snapshot()
    response = record(signed_in, sent_request, "answered", on="2026-03-02")
    assert response.status_code == 400
    assert "A request that is “withdrawn” cannot change any more." in response.content.decode()
    assert snapshot() == before
    assert record(signed_in, sent_request, "nonsense", on="2026-03-02").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("answer.pdf", EXE, "not one we accept"),
        ("answer.pdf", PNG, "named .pdf but its content is of another type"),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_disguised_or_empty_uploads_leave_the_step_unrecorded(
    signed_in, sent_request, media_root, name, content, message
):
    before = snapshot(media_root)
    response = record(
        signed_in, sent_request, "answered", on="2026-03-01", file=upload(name, content)
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert snapshot(media_root) == before


def test_an_oversized_upload_leaves_the_step_unrecorded(
    signed_in, sent_request, media_root, settings
):
    settings.UPLOAD_MAX_BYTES = len(PDF) - 1
    before = snapshot(media_root)
    response = record(
        signed_in, sent_request, "answered", on="2026-03-01", file=upload("a.pdf", PDF)
    )
    assert response.status_code == 400
    assert "larger than" in response.content.decode()
    assert snapshot(media_root) == before


def test_a_file_already_attached_rolls_the_step_back(signed_in, sent_request, media_root):
    signed_in.post(
        reverse("document-upload", args=["request", sent_request.pk]),
        {"file": upload("decision.pdf", PDF), "document_type": "decision"},
    )
    before = snapshot(media_root)
    response = record(
        signed_in, sent_request, "answered", on="2026-03-01", file=upload("again.pdf", PDF)
    )
    assert response.status_code == 400
    assert "This file is already attached here" in response.content.decode()
    assert snapshot(media_root) == before  # the step was recorded, then rolled back


def test_documents_of_another_request_cannot_be_attached(signed_in, team, sent_request, media_root):
    other = sent(team[0], team[1], date(2026, 2, 21))
    signed_in.post(
        reverse("document-upload", args=["request", other.pk]),
        {"file": upload("other.pdf", PDF), "document_type": "other"},
    )
    foreign = Document.objects.get(request=other)
    before = snapshot(media_root)
    response = record(signed_in, sent_request, "answered", on="2026-03-01", documents=[foreign.pk])
    assert (
        response.status_code == 400
        and "is not one of the available choices" in response.content.decode()
    )
    publish = signed_in.post(
        reverse("workspace-request-publish", args=[sent_request.pk]),
        {"action": "publish", "documents": [foreign.pk]},
    )
    assert publish.status_code == 400
    assert snapshot(media_root) == before


@pytest.mark.parametrize(
    ("received_on", "message"),
    [
        ("2026-02-19", "Receipt must fall between the day sent and today."),
        ("2026-03-03", "Receipt must fall between the day sent and today."),
        ("tomorrow", "Write the date as YYYY-MM-DD"),
    ],
)
def test_receipt_outside_sent_and_today_is_refused(signed_in, sent_request, received_on, message):
    before = snapshot()
    response = signed_in.post(
        reverse("workspace-request-receipt", args=[sent_request.pk]), {"received_on": received_on}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert snapshot() == before


def test_a_draft_cannot_be_published_and_private_cannot_be_unpublished(
    signed_in, team, sent_request
):
    unsent = draft(team[0], team[1])
    before = snapshot()
    response = signed_in.post(
        reverse("workspace-request-publish", args=[unsent.pk]), {"action": "publish"}
    )
    assert response.status_code == 400
    assert "A draft cannot be published: mark it as sent first." in response.content.decode()
    response = signed_in.post(
        reverse("workspace-request-publish", args=[sent_request.pk]), {"action": "unpublish"}
    )
    assert (
        response.status_code == 400
        and "This request is not published." in response.content.decode()
    )
    assert snapshot() == before


@pytest.mark.parametrize("days", ["-1", "21", "three", ""])
def test_the_reminder_lead_must_be_a_small_number(client, team, days):
    from procurement.models import Membership

    admin = member(team[0], role=Membership.Role.ADMIN)
    client.force_login(admin)
    before = (snapshot(), Organisation.objects.get(pk=team[0].pk).reminder_lead_days)
    response = client.post(
        reverse("organisation-settings", args=[team[0].pk]), {"reminder_lead_days": days}
    )
    assert response.status_code == 400 and "Nothing was saved." in response.content.decode()
    assert (snapshot(), Organisation.objects.get(pk=team[0].pk).reminder_lead_days) == before
