"""Logging a request and recording what happens, through the workspace's forms (no
JavaScript): find the authority in either script, see its law, save a draft or send it;
record each step the workflow allows, with its facts and documents; receipt; publishing."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from procurement.models import Document, InfoRequest, Membership, Reminder
from tests.factories import AuthorityFactory, AwardFactory, OrganisationFactory
from tests.foi.builders import at, member, sent
from tests.uploads import EML, PDF, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference", "media_root")]
NEW = "workspace-request-new"


@pytest.fixture
def ministry():
    authority = AuthorityFactory(name="Ministry of Interior of the Republic of Serbia")
    authority.aliases.create(name="Министарство унутрашњих послова", script="cyrl")
    authority.aliases.create(name="MUP Srbije", script="latn")
    from procurement.awards.services.search_keys import refresh_organisation_keys

    refresh_organisation_keys([authority.pk])
    return authority


def request_form(authority, org, **extra):
    return {
        "authority": authority.pk,
        "jurisdiction": "RS",
        "organisation": org.pk,
        "subject": "Safe City contracts",
        "text": "Please send the contracts with Huawei and their annexes.",
        **extra,
    }


def test_the_authority_is_found_by_typing_either_script(client, team, ministry):
    client.force_login(team[1])
    for typed in ("министарство унутр", "ministarstvo unutr", "MUP", "mup srb"):
        html = client.get(reverse(NEW), {"authority_q": typed}).content.decode()
        assert f'href="?authority={ministry.pk}"' in html, typed
    html = client.get(reverse(NEW), {"authority_q": "xyzzy"}).content.decode()
    assert "No authority matches" in html
    OrganisationFactory(name="Ministry Consulting d.o.o.")  # a company, not an authority
    data = client.get(reverse("workspace-authorities"), {"q": "ministry"}).json()
    assert [r["name"] for r in data["results"]] == [ministry.name]
    assert "MUP Srbije" in data["results"][0]["aliases"]


def test_the_form_shows_the_law_and_its_deadline_rule_before_saving(client, team, ministry, today):
    client.force_login(team[1])
    html = client.get(reverse(NEW), {"authority": ministry.pk}).content.decode()
    assert "Law on Free Access to Information of Public Importance (Serbia) applies" in html
    assert "15 calendar days" in html and "Received today (Mon 2 Mar 2026)" in html
    assert "Commissioner for Information of Public Importance" in html
    assert InfoRequest.objects.count() == 0  # nothing saved by looking
    srpska = client.get(
        reverse(NEW), {"authority": ministry.pk, "jurisdiction": "BA-SRP"}
    ).content.decode()
    assert "(Republika Srpska) applies" in srpska and 'value="BA-SRP"' in srpska


def test_an_authority_without_jurisdiction_asks_whose_law_applies(client, team, today):
    bare = AuthorityFactory(jurisdiction=None)
    AwardFactory(process__buyer=bare)  # a public role: the buyer of a published award
    client.force_login(team[1])
    html = client.get(reverse(NEW), {"authority": bare.pk}).content.decode()
    assert "choose whose FOI law applies" in html
    org = team[0]
    response = client.post(reverse(NEW), request_form(bare, org, jurisdiction="", action="draft"))
    assert response.status_code == 400 and InfoRequest.objects.count() == 0
    response = client.post(reverse(NEW), request_form(bare, org, jurisdiction="ME", action="draft"))
    assert response.status_code == 302
    assert InfoRequest.objects.get().jurisdiction.code == "ME"


def test_saving_a_draft_links_what_it_is_about(client, team, ministry, today):
    org, editor = team
    award = AwardFactory(process__buyer=ministry, title="Safe City phase 2")
    other = AwardFactory(title="Pasted award")
    client.force_login(editor)
    form = client.get(reverse(NEW), {"authority": ministry.pk}).content.decode()
    assert "Safe City phase 2" in form  # the authority's own awards are offered
    data = request_form(
        ministry,
        org,
        action="draft",
        awards=[award.pk],
        also_about=f"https://tracker.example.org/awards/{other.pk}/\n/processes/{other.process_id}/",
    )
    response = client.post(reverse(NEW), data)
    info_request = InfoRequest.objects.get()
    assert response.url == reverse("workspace-request-detail", args=[info_request.pk])
    assert info_request.status == "draft" and info_request.visibility == "private"
    assert set(info_request.awards.all()) == {award, other}
    assert list(info_request.processes.all()) == [other.process]
    assert info_request.followers.filter(pk=editor.pk).exists()


def test_marking_sent_at_once_starts_the_deadlines(client, team, ministry, today):
    org, editor = team
    client.force_login(editor)
    data = request_form(
        ministry,
        org,
        action="send",
        sent_on="2026-02-27",
        received_on="2026-03-02",
        channel="email",
        reference_number="07-1/26",
    )
    assert client.post(reverse(NEW), data).status_code == 302
    info_request = InfoRequest.objects.get()
    assert info_request.status == "sent" and info_request.channel == "email"
    assert info_request.due_on == date(2026, 3, 17)
    assert info_request.reminders.filter(kind="due_soon").exists()


def test_readers_may_not_log_requests(client, team, ministry):
    reader = member(team[0], role=Membership.Role.MEMBER)
    client.force_login(reader)
    assert client.get(reverse(NEW)).status_code == 403
    response = client.post(reverse(NEW), request_form(ministry, team[0], action="draft"))
    assert response.status_code == 403 and InfoRequest.objects.count() == 0


@pytest.fixture
def sent_request(team, today):
    org, editor = team
    return sent(org, editor, date(2026, 2, 20), received_on=date(2026, 2, 20))


def record(client, info_request, to, **data):
    return client.post(
        reverse("workspace-request-record", args=[info_request.pk, to]),
        {"document_type": "other", **data},
    )


def test_only_the_allowed_transitions_are_offered(client, team, sent_request):
    client.force_login(team[1])
    html = client.get(reverse("workspace-request-detail", args=[sent_request.pk])).content.decode()
    for step_name in ("acknowledged", "extended", "answered", "classified", "withdrawn"):
        assert reverse("workspace-request-record", args=[sent_request.pk, step_name]) in html
    for forbidden in ("appeal_decided", "complied", "sent", "draft"):
        assert reverse("workspace-request-record", args=[sent_request.pk, forbidden]) not in html
    response = client.get(reverse("workspace-request-record", args=[sent_request.pk, "complied"]))
    assert response.status_code == 400
    assert "cannot go from “sent” to “authority complied”" in response.content.decode()


def test_classified_refusal_with_the_laws_levels_and_its_document(client, team, sent_request):
    client.force_login(team[1])
    url = reverse("workspace-request-record", args=[sent_request.pk, "classified"])
    form = client.get(url).content.decode()
    for level in ("DRŽAVNA TAJNA", "STROGO POVERLJIVO", "POVERLJIVO", "INTERNO"):
        assert f'value="{level}"' in form
    response = record(
        client,
        sent_request,
        "classified",
        on="2026-02-27",
        classification_level="STROGO POVERLJIVO",
        classification_article="Art. 9(5)",
        harm_test_given="no",
        note="The decision came by post.",
        file=upload("rešenje.pdf", PDF),
        document_type="decision",
    )
    assert response.status_code == 302
    sent_request.refresh_from_db()
    assert sent_request.status == "classified" and sent_request.harm_test_given is False
    assert sent_request.classification_level == "STROGO POVERLJIVO"
    assert sent_request.appeal_due_on == date(2026, 3, 16)
    document = Document.objects.get(request=sent_request)
    assert document.event.to_status == "classified" and document.document_type == "decision"
    assert document.date_published == date(2026, 2, 27) and not document.is_published
    assert sent_request.reminders.filter(kind="classified").exists()
    html = client.get(response.url).content.decode()
    assert "refusing access to information marked as classified" in html and "rešenje.pdf" in html


def test_each_step_records_its_facts(client, team, today):
    org, editor = team
    client.force_login(editor)
    with time_machine.travel(at(date(2026, 1, 5)), tick=False):
        info_request = sent(org, editor, date(2026, 1, 5))
    steps = [
        ("acknowledged", {"on": "2026-01-06", "reference_number": "07-9/26"}),
        ("extended", {"on": "2026-01-10"}),
        ("partially_answered", {"on": "2026-01-30", "refusal_ground": "Annex 3 is secret"}),
        ("appealed", {"on": "2026-02-02", "appeal_reference": "071-01-77/2026"}),
        ("appeal_decided", {"on": "2026-02-20", "appeal_outcome": "upheld"}),
        ("complied", {"on": "2026-02-27"}),
        ("closed", {"on": "2026-03-01", "note": "All received."}),
    ]
    for to, data in steps:
        response = record(client, info_request, to, **data)
        assert response.status_code == 302, (to, response.content.decode()[-3000:])
    info_request.refresh_from_db()
    assert info_request.status == "closed" and info_request.reference_number == "07-9/26"
    assert info_request.appeal_outcome == "upheld" and info_request.appeal_reference
    assert info_request.refusal_ground == "Annex 3 is secret"
    assert list(info_request.events.filter(kind="status").values_list("to_status", flat=True)) == [
        "sent",
        *[to for to, _ in steps],
    ]


def test_earlier_uploads_attach_to_the_step(client, team, sent_request):
    client.force_login(team[1])
    client.post(
        reverse("document-upload", args=["request", sent_request.pk]),
        {"file": upload("answer.eml", EML), "document_type": "correspondence"},
    )
    loose = Document.objects.get(request=sent_request)
    assert loose.event is None
    url = reverse("workspace-request-record", args=[sent_request.pk, "answered"])
    assert "answer.eml" in client.get(url).content.decode()
    assert record(client, sent_request, "answered", on="2026-03-02", documents=[loose.pk]).url
    loose.refresh_from_db()
    assert loose.event.to_status == "answered"


def test_receipt_recomputes_the_deadlines(client, team, today):
    org, editor = team
    info_request = sent(org, editor, date(2026, 2, 20))
    client.force_login(editor)
    url = reverse("workspace-request-receipt", args=[info_request.pk])
    assert client.post(url, {"received_on": "2026-02-23"}).status_code == 302
    info_request.refresh_from_db()
    assert info_request.received_on == date(2026, 2, 23)
    assert info_request.due_on == date(2026, 3, 10)


def test_publish_with_chosen_documents_and_unpublish(client, team, sent_request):
    _org, editor = team
    client.force_login(editor)
    for name, content in (("public.pdf", PDF), ("private.eml", EML)):
        client.post(
            reverse("document-upload", args=["request", sent_request.pk]),
            {"file": upload(name, content), "document_type": "other"},
        )
    public, private = Document.objects.order_by("pk")
    url = reverse("workspace-request-publish", args=[sent_request.pk])
    assert client.post(url, {"action": "publish", "documents": [public.pk]}).status_code == 302
    sent_request.refresh_from_db()
    assert sent_request.visibility == "published" and sent_request.published_at
    client.logout()
    anonymous = client.get(sent_request.get_absolute_url())
    html = anonymous.content.decode()
    assert anonymous.status_code == 200 and "Contracts for the Safe City cameras" in html
    assert editor.username not in html and editor.email not in html
    assert reverse("document-download", args=[public.pk]) in html and "public.pdf" in html
    assert "private.eml" not in html
    assert client.get(reverse("document-download", args=[public.pk])).status_code == 200
    assert client.get(reverse("document-download", args=[private.pk])).status_code == 404
    api = client.get(reverse("api-request-detail", args=[sent_request.pk])).json()
    assert editor.username not in str(api) and "followers" not in api
    client.force_login(editor)
    assert client.post(url, {"action": "unpublish"}).status_code == 302
    client.logout()
    assert client.get(sent_request.get_absolute_url()).status_code == 404
    assert client.get(reverse("document-download", args=[public.pk])).status_code == 404
    kinds = list(sent_request.events.values_list("kind", flat=True))
    assert "published" in kinds and "unpublished" in kinds


def test_organisation_admins_set_the_reminder_lead(client, team, today):
    org, editor = team
    info_request = sent(org, editor, date(2026, 2, 27))  # due Mon 16 Mar 2026
    before = info_request.reminders.get(kind="due_soon").send_at
    admin = member(org, role=Membership.Role.ADMIN)
    url = reverse("organisation-settings", args=[org.pk])
    client.force_login(editor)
    assert client.get(url).status_code == 404  # editors are not admins
    client.force_login(admin)
    assert client.get(url).status_code == 200
    assert client.post(url, {"reminder_lead_days": "5"}).status_code == 302
    org.refresh_from_db()
    assert org.reminder_lead_days == 5
    after = Reminder.objects.get(request=info_request, kind="due_soon").send_at
    assert after.date() == date(2026, 3, 9) and after < before
    assert client.post(url, {"reminder_lead_days": "0"}).status_code == 302
    assert Reminder.objects.get(request=info_request, kind="due_soon").state == "cancelled"
    response = client.post(url, {"reminder_lead_days": "99"})
    assert response.status_code == 400 and "less than or equal to 20" in response.content.decode()


def test_discarding_a_draft(client, team):
    org, editor = team
    from tests.foi.builders import draft

    info_request = draft(org, editor)
    client.force_login(editor)
    response = client.post(reverse("workspace-request-discard", args=[info_request.pk]))
    assert response.status_code == 302 and not InfoRequest.objects.exists()
