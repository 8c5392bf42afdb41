"""Many due reminders at once, for the scale test and bench/bench_delivery.py: one request
sent through the workflow, copied N times with COPY-like bulk inserts, each copy followed by
its organisation's editor and holding one due "overdue" reminder (wanted as long as the
request awaits an answer). Needs the reference data (FOI laws)."""

from datetime import timedelta

from django.utils import timezone

from procurement.models import InfoRequest, Reminder
from tests.foi.builders import member, organisation, sent


def many_due_reminders(count: int) -> list[int]:
    """`count` due reminders, one per request, each to be e-mailed to one editor; their ids."""
    org = organisation()
    editor = member(org)
    today = timezone.localdate()
    model = sent(org, editor, today - timedelta(days=40))
    model.reminders.all().delete()
    copies = []
    for number in range(count):
        copy = InfoRequest.objects.get(pk=model.pk)
        copy.pk = copy.id = None
        copy.subject = f"Bulk request {number}"
        copies.append(copy)
    requests = InfoRequest.objects.bulk_create(copies, batch_size=1000)
    Follow = InfoRequest.followers.through
    Follow.objects.bulk_create(
        [Follow(inforequest_id=r.pk, user_id=editor.pk) for r in requests], batch_size=1000
    )
    send_at = timezone.now() - timedelta(minutes=1)
    reminders = Reminder.objects.bulk_create(
        [
            Reminder(request=r, kind=Reminder.Kind.OVERDUE, due_on=r.due_on, send_at=send_at)
            for r in requests
        ],
        batch_size=1000,
    )
    return [r.pk for r in reminders]
