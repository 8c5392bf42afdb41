"""Publishing a whole import in one reviewer's decision.

An import writes its processes, awards and contracts unverified. After a reviewer has read
the run's summary and spot-checked a sample, one decision verifies and publishes every record
the run wrote that is still waiting (unverified, in review or verified): its processes —
tender-only ones too — then their awards, then the contracts under published awards, so the
publication rules of procurement.review.services.decisions hold. What a reviewer rejected
stays rejected, and nothing under it is published. Set-based: a fixed number of queries
whatever the size of the run; each record gets its ReviewDecision (the review history, with
the reviewer), the decision one audit row.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.core import permissions
from procurement.core.audit import record_audit
from procurement.core.bulk_insert import insert
from procurement.core.search_summaries import invalidate_search_summaries
from procurement.models import (
    Award,
    Contract,
    ImportRun,
    OcdsRelease,
    ProcurementProcess,
    ReviewDecision,
    ReviewStatus,
)
from procurement.redflags.services import recompute_red_flags_on_commit

PUBLISHED = ReviewStatus.PUBLISHED
WAITING = (ReviewStatus.UNVERIFIED, ReviewStatus.IN_REVIEW, ReviewStatus.VERIFIED)


@dataclass
class PublishedImport:
    processes: int = 0
    awards: int = 0
    contracts: int = 0


CHUNK = 10000  # ids per IN list


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _ids(model, field: str, parents: list[int], **conditions) -> list[int]:
    """Ids of the `model` rows whose `field` is one of `parents` (in bounded IN lists)."""
    found: list[int] = []
    for chunk in _chunks(parents):
        rows = model.objects.filter(**{f"{field}__in": chunk}, **conditions)
        found += rows.values_list("pk", flat=True)
    return sorted(found)


def _publish(model, kind: str, field: str, parents: list[int], actor, note: str, now) -> list:
    """Lock the waiting rows of `model` whose `field` is one of `parents`, publish them and
    record one ReviewDecision each; returns their ids."""
    rows = []
    for chunk in _chunks(parents):
        rows += (
            model.objects.select_for_update(of=("self",))
            .filter(**{f"{field}__in": chunk}, review_status__in=WAITING)
            .order_by("pk")
            .values_list("pk", "review_status")
        )
    ids = [pk for pk, _status in rows]
    for chunk in _chunks(ids):
        model.objects.filter(pk__in=chunk).update(
            review_status=PUBLISHED, published_at=now, updated_at=now
        )
    insert(
        ReviewDecision,
        [
            {
                f"{kind}_id": pk,
                "from_status": status,
                "to_status": PUBLISHED,
                "reviewer_id": actor.pk,
                "note": note,
            }
            for pk, status in rows
        ],
        history=False,
    )
    return ids


@transaction.atomic
def publish_import(*, run_id: int, actor, note: str = "") -> PublishedImport:
    """Verify and publish every record import run `run_id` wrote that is still waiting for a
    decision — processes (tender-only too), then awards, then contracts under published
    awards — as one decision by `actor`, recorded per record in the review history."""
    if not permissions.is_reviewer(actor):
        raise PermissionDenied(_("Only reviewers may review records."))
    run = ImportRun.objects.select_for_update().filter(pk=run_id).first()
    if run is None:
        raise ValidationError(_("This import no longer exists."))
    if run.dry_run or run.status not in (ImportRun.Status.SUCCEEDED, ImportRun.Status.PARTIAL):
        raise ValidationError(_("Only a finished import that wrote records can be published."))
    now = timezone.now()
    note = note.strip() or _("Published with import run %(run)s.") % {"run": run.pk}
    # The processes the run wrote (those with a release it stored), then the awards of those
    # published now (not under a rejected one), then the contracts under published awards.
    # Ids are read once and passed in bounded lists: nested subqueries over a 50,000-process
    # run made PostgreSQL's plans quadratic.
    ours = sorted(
        set(
            OcdsRelease.objects.filter(import_run=run.pk, process__isnull=False)
            .order_by()
            .values_list("process_id", flat=True)
        )
    )
    processes = _publish(ProcurementProcess, "process", "pk", ours, actor, note, now)
    public = _ids(ProcurementProcess, "pk", ours, review_status=PUBLISHED)
    awards = _publish(Award, "award", "process_id", public, actor, note, now)
    public_awards = _ids(Award, "process_id", ours, review_status=PUBLISHED)
    contracts = _publish(Contract, "contract", "award_id", public_awards, actor, note, now)
    result = PublishedImport(len(processes), len(awards), len(contracts))
    record_audit(
        "review.publish_import",
        actor=actor,
        subject=run,
        processes=result.processes,
        awards=result.awards,
        contracts=result.contracts,
        note=note,
    )
    if awards or processes:
        transaction.on_commit(invalidate_search_summaries)
        recompute_red_flags_on_commit(ours)  # R013 counts published awards
    return result
