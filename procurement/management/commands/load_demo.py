import os

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from procurement.demo.services import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo dataset (every fact of the policy paper) and the registers of public "
        "authorities idempotently; with --users, "
        "also the "
        "demo accounts admin, reviewer, share and watch (password from DEMO_PASSWORD)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--users", action="store_true", help="Create the demo accounts and drafts."
        )
        parser.add_argument(
            "--no-registers",
            action="store_true",
            help="Skip the registers of authorities (procurement/authorities/reference/).",
        )
        parser.add_argument(
            "--password",
            default=None,
            help="Password of the demo accounts (default: $DEMO_PASSWORD).",
        )

    def handle(
        self, *args, users: bool, password: str | None, no_registers: bool, **options
    ) -> None:
        password = password if password is not None else os.environ.get("DEMO_PASSWORD", "")
        try:
            counts = load_demo(with_users=users, password=password, with_registers=not no_registers)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                "Demo dataset loaded: " + ", ".join(f"{n} {what}" for what, n in counts.items())
            )
        )
