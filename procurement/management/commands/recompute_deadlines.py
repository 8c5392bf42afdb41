from django.core.management.base import BaseCommand

from procurement.foi.services.deadlines import recompute_open_requests
from procurement.models import Jurisdiction


class Command(BaseCommand):
    help = (
        "Recompute the stored deadlines of every open request (after a release that changed "
        "the rules, e.g. the appeal windows of issue 13), reschedule their reminders and record "
        "each change on the request's timeline (idempotent)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--reason", default="rules of the FOI laws corrected")

    def handle(self, *args, **options) -> None:
        ids = list(Jurisdiction.objects.values_list("pk", flat=True))
        changed = recompute_open_requests(jurisdiction_ids=ids, reason=options["reason"])
        self.stdout.write(f"{changed} open requests recomputed")
