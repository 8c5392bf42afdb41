"""The data migration that turns notifications stored as English text into their kind and
facts (where they can be recovered), and makes the seeded reminder letters polite before the
deadline. Run on rows as they were written before it, with the project's current models."""

import importlib
from datetime import date

import pytest
import time_machine
from django.apps import apps

from procurement.core.formatting import format_date
from procurement.core.notices import render
from procurement.foi.services.reminders import deliver_reminder
from procurement.models import LetterTemplate, Notification
from tests.foi.builders import at, member, organisation, sent

pytestmark = pytest.mark.django_db
D = date
migration = importlib.import_module("procurement.migrations.0013_notify_structured_notices")


def as_before(notification: Notification, subject: str, body: str) -> None:
    """The row as it was stored before the migration: English text, no facts."""
    Notification.objects.filter(pk=notification.pk).update(params={}, subject=subject, body=body)


def test_reminder_and_mail_rows_get_their_facts_others_keep_their_text(reference):
    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 2, 2)), tick=False):
        # Kosovo: the complaint about silence has a closing date (15 days, Law 06/L-081)
        info_request = sent(org, editor, D(2026, 1, 30), received_on=D(2026, 1, 31), code="XK")
    closes = info_request.appeal_due_on
    assert closes < D(2026, 3, 9)
    status = Notification.objects.filter(kind="status").first()
    overdue = info_request.reminders.get(kind="overdue")
    with time_machine.travel(at(D(2026, 3, 9), 9), tick=False):  # sent after the window closed
        deliver_reminder(reminder_id=overdue.pk)
    reminder_row = Notification.objects.get(reminder=overdue, user=editor)
    link = f"http://tracker.example/workspace/requests/{info_request.pk}/"
    as_before(
        reminder_row,
        "No answer in time: “x” — the appeal window is open",
        f"… The appeal window is open until Thursday 5 March 2026 …\n{link}\n",
    )
    mail_row = Notification.objects.create(
        user=editor,
        request=info_request,
        kind="mail_reply",
        subject="Reply received: x",
        body=f"Reply received: x\nFrom: office@authority.example\nSubject: Re: cameras\n{link}\n",
    )
    if status:
        as_before(status, "acknowledged: “x”", "The request “x” is now “acknowledged”.")

    migration.structure(apps, None)

    reminder_row.refresh_from_db()
    assert reminder_row.subject == "" and reminder_row.params["window"] == "closed"
    assert reminder_row.params["today"] == "2026-03-09" and reminder_row.params["link"] == link
    words = render(reminder_row, "en")
    assert (
        f"closed on {format_date(closes, 'day_month', language='en')}" in words.subject
        and "You may complain" not in words.text
    )
    mail_row.refresh_from_db()
    assert mail_row.params["sender"] == "office@authority.example"
    assert render(mail_row, "en").text.splitlines()[1:3] == [
        "From: office@authority.example",
        "Subject: Re: cameras",
    ]
    if status:
        status.refresh_from_db()
        assert status.params == {} and render(status, "en").subject == "acknowledged: “x”"


def test_seeded_reminder_letters_become_polite_before_the_deadline(reference):
    edited = LetterTemplate.objects.filter(kind="reminder", language="en").first()
    seeded = LetterTemplate.objects.filter(kind="reminder").exclude(pk=edited.pk)
    LetterTemplate.objects.filter(kind="reminder", language="en").update(
        body="Dear authority, we wrote on {{ sent_on }}.\\n"
    )
    LetterTemplate.objects.filter(pk__in=seeded.filter(language="sr-latn")).update(
        body=migration.OLD_SR
    )
    migration.polite_reminders(apps, None)
    assert LetterTemplate.objects.get(pk=edited.pk).body.startswith("Dear authority")  # kept
    for template in LetterTemplate.objects.filter(kind="reminder", language="sr-latn"):
        assert template.body == migration.NEW_SR
