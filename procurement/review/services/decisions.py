"""The review of processes, awards and contracts: the only writer of `review_status`.

Each decision locks the rows, checks the transition table (procurement.review.transitions)
and the publication rules below, saves, appends a ReviewDecision and an audit row. Bulk
decisions are all or nothing: if one row may not change, none does, and every reason is
reported. Publication rules, so that nothing unpublished shows through a published page:
  * a contract is published only under a published award;
  * an award is published together with its process (the award page shows the process),
    unless the process was rejected;
  * a process or award leaves the public site only once nothing under it is published.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.core import permissions
from procurement.core.audit import record_audit
from procurement.core.search_summaries import invalidate_search_summaries
from procurement.models import Award, ProcurementProcess, ReviewDecision, ReviewStatus
from procurement.redflags.services import recompute_red_flags_on_commit
from procurement.review.selectors import subject_model
from procurement.review.transitions import ReviewTransitionError, check_review_transition

PUBLISHED = ReviewStatus.PUBLISHED


def review_transition(*, kind: str, pk: int, action: str, actor, note: str = ""):
    """One reviewer decision on one record (see the module's rules); returns the record."""
    return review_bulk(kind=kind, ids=[pk], action=action, actor=actor, note=note)[0]


@transaction.atomic
def review_bulk(*, kind: str, ids: Iterable[int], action: str, actor, note: str = "") -> list:
    """The same decision on many records of one kind, all or nothing; returns the records."""
    if not permissions.is_reviewer(actor):
        raise PermissionDenied(_("Only reviewers may review records."))
    model = subject_model(kind)
    ids = sorted({int(pk) for pk in ids})
    if not ids:
        raise ValidationError(_("Choose at least one record."))
    # Locked in id order, so that two bulk decisions never wait for each other in a circle.
    parent = {"award": "process", "contract": "award"}.get(kind)
    rows = model.objects.select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk")
    rows = list(rows.select_related(parent) if parent else rows)
    if len(rows) != len(ids):
        raise ValidationError(_("Some of the chosen records no longer exist; reload the queue."))
    targets, errors = [], []
    for row in rows:
        try:
            target = check_review_transition(row.review_status, action, note)
            _check_publication_rules(kind, row, target)
        except (ReviewTransitionError, ValidationError) as error:
            errors.append(f"{row}: {_message(error)}")
        else:
            targets.append(target)
    if errors:
        raise ValidationError(errors)
    for row, target in zip(rows, targets, strict=True):
        if kind == "award" and target == PUBLISHED:
            _publish_process_with(row, actor)
        _decide(kind, row, target, actor, note, action)
    if kind == "award":
        # What the public sees changed: cached search counts and facets are stale.
        transaction.on_commit(invalidate_search_summaries)
    # R013 counts published awards only (per buyer-year); rows are loaded with their parent.
    recompute_red_flags_on_commit([_process_id(kind, row) for row in rows])
    return rows


def _process_id(kind: str, row) -> int:
    if kind == "process":
        return row.pk
    return row.process_id if kind == "award" else row.award.process_id


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _check_publication_rules(kind: str, row, target: str) -> None:
    if target == PUBLISHED:
        if kind == "contract" and row.award.review_status != PUBLISHED:
            raise ValidationError(_("publish its award first."))
        if kind == "award" and row.process.review_status == ReviewStatus.REJECTED:
            raise ValidationError(_("its process was rejected; review the process first."))
    elif row.review_status == PUBLISHED:
        if kind == "process" and row.awards.filter(review_status=PUBLISHED).exists():
            raise ValidationError(_("some of its awards are published; withdraw them first."))
        if kind == "award" and row.contracts.filter(review_status=PUBLISHED).exists():
            raise ValidationError(_("some of its contracts are published; withdraw them first."))


def _publish_process_with(award: Award, actor) -> None:
    process = ProcurementProcess.objects.select_for_update().get(pk=award.process_id)
    if process.review_status == ReviewStatus.REJECTED:  # rejected since the check: start over
        raise ValidationError(_("its process was rejected; review the process first."))
    if process.review_status != PUBLISHED:
        note = _("Published with its award “%(award)s”.") % {"award": award.title}
        _decide("process", process, PUBLISHED, actor, note, "publish")
    award.process = process


def _decide(kind: str, row, target: str, actor, note: str, action: str) -> None:
    previous = row.review_status
    row.review_status = target
    if target == PUBLISHED:
        row.published_at = timezone.now()
    elif previous == PUBLISHED:
        row.published_at = None
    row._history_user = actor  # simple_history: who made this change
    row.save(update_fields=["review_status", "published_at", "updated_at"])
    ReviewDecision.objects.create(
        **{kind: row}, from_status=previous, to_status=target, reviewer=actor, note=note
    )
    record_audit(
        f"review.{action}",
        actor=actor,
        subject=row,
        from_status=previous,
        to_status=target,
        note=note,
    )
