from django.core.management.base import BaseCommand

from procurement.redflags.services import BATCH, compute_red_flags


class Command(BaseCommand):
    help = (
        "Recompute every red flag (risk indicators, never findings) in batches of processes; "
        "with --process, only those processes."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--process", type=int, action="append", help="a process id")
        parser.add_argument("--batch-size", type=int, default=BATCH)

    def handle(self, *args, process: list[int] | None, batch_size: int, **options) -> None:
        stats = compute_red_flags(process_ids=process, batch_size=batch_size)
        self.stdout.write(
            self.style.SUCCESS(
                f"{stats.flags} red flags for {stats.processes} processes "
                f"in {stats.batches} batches."
            )
        )
