"""The workspace's e-mail pages: composing and sending from the request, a received message
and its suggestion confirmed through the step form, and staff's holding pen."""

import pytest
from django.urls import reverse
from django.utils import timezone

from procurement.foi.services.mail_in import receive_message
from procurement.foi.services.mail_out import send_message
from procurement.models import IncomingMessage, InfoRequest, OutgoingMessage
from tests.factories import UserFactory
from tests.foi.mail.messages import reply

pytestmark = pytest.mark.django_db


def _send_draft(client, foi) -> OutgoingMessage:
    client.force_login(foi.editor)
    url = reverse("workspace-request-send", args=[foi.draft.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert foi.address in html  # the request's own address is shown
    assert "pristup@ministarstvo.gov.rs" in html  # the only recipient offered
    assert "Please send the contracts and their annexes." in html  # the request's text
    response = client.post(
        url,
        {
            "kind": "request",
            "language": "en",
            "to": "pristup@ministarstvo.gov.rs",
            "subject": "Request for access to information",
            "body": "Under the law, we ask for the contracts.",
        },
    )
    assert response.status_code == 302
    return OutgoingMessage.objects.get(request=foi.draft)


def test_an_editor_composes_the_request_letter_and_queues_it(client, foi):
    client.force_login(foi.editor)
    url = reverse("workspace-request-send", args=[foi.draft.pk])
    # Serbian: the letter in the jurisdiction's language, its legal basis first.
    serbian = client.get(url + "?kind=request&language=sr-latn").content.decode()
    assert "Zahtev za pristup informacijama od javnog značaja" in serbian
    assert (
        "U skladu sa članom 15. Zakona o slobodnom pristupu informacijama od javnog značaja"
        in serbian
    )
    message = _send_draft(client, foi)
    assert message.kind == "request" and message.sent_at is None
    assert message.from_address == foi.address
    detail = client.get(reverse("workspace-request-detail", args=[foi.draft.pk])).content.decode()
    assert "queued" in detail and "Request for access to information" in detail
    # sent once: the form now refuses another request e-mail
    assert client.get(url + "?kind=request").status_code == 400


def test_a_recipient_outside_the_list_is_refused_and_nothing_is_queued(client, foi):
    client.force_login(foi.editor)
    response = client.post(
        reverse("workspace-request-send", args=[foi.draft.pk]),
        {"kind": "request", "to": "leak@elsewhere.example", "subject": "s", "body": "b"},
    )
    assert response.status_code == 400
    assert not OutgoingMessage.objects.exists()


def test_a_reply_s_suggestion_is_confirmed_through_the_step_form(client, foi):
    send_message(message_pk=_send_draft(client, foi).pk)
    raw = reply(
        to=foi.address,
        text="Zahtev se odbija. Podaci su označeni stepenom tajnosti POVERLJIVO, član 9.",
    )
    message, _new = receive_message(raw, source="smtp")
    page = client.get(reverse("workspace-request-message", args=[foi.draft.pk, message.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "refused as classified" in html and "POVERLJIVO" in html
    assert "odgovor.pdf" in html  # the attachment, now a document
    confirm = reverse("workspace-request-record", args=[foi.draft.pk, "classified"])
    form = client.get(f"{confirm}?message={message.pk}").content.decode()
    assert 'value="član 9"' in form  # the article, prefilled
    assert f'name="message" value="{message.pk}"' in form
    response = client.post(
        confirm,
        {
            "message": message.pk,
            "on": timezone.localdate().isoformat(),
            "classification_level": "POVERLJIVO",
            "classification_article": "član 9",
            "harm_test_given": "no",
        },
    )
    assert response.status_code == 302
    info_request = InfoRequest.objects.get(pk=foi.draft.pk)
    assert info_request.status == "classified"
    assert info_request.classification_article == "član 9"
    message.refresh_from_db()
    assert message.suggestion_state == "confirmed" and message.decided_by == foi.editor


def test_members_read_messages_but_only_editors_decide(client, foi):
    send_message(message_pk=_send_draft(client, foi).pk)
    message, _new = receive_message(reply(to=foi.address), source="smtp")
    client.force_login(foi.member)
    html = client.get(
        reverse("workspace-request-message", args=[foi.draft.pk, message.pk])
    ).content.decode()
    assert "tražene informacije" in html and "Check and confirm" not in html
    dismiss = reverse("workspace-request-message-dismiss", args=[foi.draft.pk, message.pk])
    assert client.post(dismiss).status_code == 403
    client.force_login(foi.editor)
    assert client.post(dismiss).status_code == 302
    assert IncomingMessage.objects.get(pk=message.pk).suggestion_state == "dismissed"


def test_the_holding_pen_lists_unmatched_mail_for_staff_who_file_it(
    client, foi, django_assert_num_queries
):
    send_message(message_pk=_send_draft(client, foi).pk)
    for n in range(3):
        receive_message(
            reply(to=f"unknown{n}@foi.example.org", message_id=f"<held{n}@x.example>"),
            source="imap",
        )
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    url = reverse("mail-holding-pen")
    with django_assert_num_queries(4):  # session, user, the count and the page of messages
        page = client.get(url)
    assert page.status_code == 200 and page.content.decode().count("unknown") == 3
    held = IncomingMessage.objects.filter(request__isnull=True).first()
    target = reverse("mail-holding-pen-message", args=[held.pk])
    assert client.post(target, {"request": 999999}).status_code == 400
    assert client.post(target, {"request": foi.draft.pk}).status_code == 302
    held.refresh_from_db()
    assert held.request_id == foi.draft.pk and held.matched_by == "staff"
    assert client.get(target).status_code == 404  # no longer in the pen
    client.force_login(foi.editor)
    assert client.get(url).status_code == 403
