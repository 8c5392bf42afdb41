"""Which processes' red flags depend on given rows: the subjects a write must recompute.

A flag is stored per process (with its awards and contracts) and R013 per buyer-year, so a
change to any row the rules read comes down to a set of process ids and, for R013, the
(country, year of award) pairs those processes take part in.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models.functions import Coalesce

from procurement.core.permissions import published_requests
from procurement.models import (
    Agreement,
    Award,
    Contract,
    ContractAmendment,
    Document,
    InfoRequest,
    ProcurementProcess,
)
from procurement.models.requests import AWAITING_ANSWER
from procurement.redflags.selectors.facts import country_years_of

# Lookup paths from each model the rules read to the process id(s) behind a row. A document
# counts through its process, award or contract only: those of a request or an amendment are
# read by no rule (a request counts through its own status, not its attachments).
PROCESS_PATHS: dict[type, tuple[str, ...]] = {
    ProcurementProcess: ("pk",),
    Award: ("process_id",),
    Contract: ("award__process_id",),
    ContractAmendment: ("contract__award__process_id",),
    Document: ("process_id", "award__process_id", "contract__award__process_id"),
    InfoRequest: ("processes", "awards__process_id", "contracts__award__process_id"),
    Agreement: ("awards__process_id",),
}


def processes_of(model: type, pks: Iterable[int]) -> set[int]:
    """The processes whose flags read these rows of `model` (one query per lookup path)."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return set()
    if model is ProcurementProcess:
        return set(pks)
    rows = model.objects.filter(pk__in=pks).order_by()
    ids: set[int] = set()
    for path in PROCESS_PATHS[model]:
        ids |= set(rows.filter(**{f"{path}__isnull": False}).values_list(path, flat=True))
    return ids


def scope_of(model: type, pks: Iterable[int]) -> tuple[set[int], set[tuple[str, int]]]:
    """The processes behind these rows and their buyer-years, as they stand: taken before a
    change or a delete, so that what the rows left (a year, a process) is recomputed too."""
    process_ids = processes_of(model, pks)
    return process_ids, country_years_of(list(process_ids)) if process_ids else set()


def processes_with_lapsed_requests(since: date, until: date) -> set[int]:
    """Processes a published request is about that went unanswered past its (extended) due
    date on a day in [since, until): R063 counts it as "left unanswered" from the next day."""
    lapsed = (
        published_requests()
        .filter(status__in=AWAITING_ANSWER)
        .annotate(effective_due=Coalesce("extended_due_on", "due_on"))
        .filter(effective_due__gte=since, effective_due__lt=until)
        .values_list("pk", flat=True)
    )
    return processes_of(InfoRequest, list(lapsed))
