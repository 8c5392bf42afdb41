from django.core.management.base import BaseCommand

from procurement.foi.services.reference import seed_reference


class Command(BaseCommand):
    help = (
        "Create the jurisdictions, appeal bodies and FOI laws the tracker ships with (idempotent)."
    )

    def handle(self, *args, **options) -> None:
        created = seed_reference()
        self.stdout.write(", ".join(f"{n} {what} created" for what, n in created.items()))
