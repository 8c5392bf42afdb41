"""What reviewers see: the queue of records awaiting a decision (with their red flags and open
corrections), one record with its decisions, and its history as a diff of who changed what."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Exists, Model, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from procurement.models import (
    Award,
    Contract,
    Document,
    OcdsRelease,
    ProcurementProcess,
    RedFlag,
    ReviewDecision,
    SuggestedCorrection,
)
from procurement.review.transitions import AWAITING_REVIEW

OPEN = SuggestedCorrection.State.OPEN
# The kinds of record reviewers decide on, by the name used in URLs and decisions.
SUBJECTS: dict[str, type[Model]] = {
    "process": ProcurementProcess,
    "award": Award,
    "contract": Contract,
}
# The relation from each kind of record to the process whose releases were imported.
_PROCESS_PATH = {"process": "pk", "award": "process", "contract": "award__process"}
# Columns every queue row shows, fetched with the row.
_RELATED = {
    "process": ("buyer",),
    "award": ("process", "buyer"),
    "contract": ("award", "award__buyer"),
}


def subject_model(kind: str) -> type[Model]:
    try:
        return SUBJECTS[kind]
    except KeyError:
        raise ValidationError(_("Unknown kind of record “%(kind)s”.") % {"kind": kind}) from None


def _open_corrections(kind: str) -> QuerySet[SuggestedCorrection]:
    return SuggestedCorrection.objects.filter(state=OPEN, **{kind: OuterRef("pk")})


def review_queue(kind: str) -> QuerySet:
    """Every record of `kind` with what the queue shows beside it: whether it came from an
    import, whether red flags or open corrections exist; oldest first."""
    model = subject_model(kind)
    imported = OcdsRelease.objects.filter(process=OuterRef(_PROCESS_PATH[kind]))
    return (
        model.objects.select_related(*_RELATED[kind])
        .annotate(
            imported=Exists(imported),
            flagged=Exists(RedFlag.objects.filter(**{kind: OuterRef("pk")})),
            corrections_open=Exists(_open_corrections(kind)),
        )
        # Oldest first. Ids grow with creation, and their index lets a page of 50 stop early
        # instead of sorting every awaiting row (see bench/bench_review_queue.py).
        .order_by("pk")
    )


def awaiting_review(queryset: QuerySet) -> QuerySet:
    """Records nobody has decided on yet, and published ones someone suggested correcting."""
    return queryset.filter(Q(review_status__in=AWAITING_REVIEW) | Q(corrections_open=True))


def with_queue_details(queryset: QuerySet, kind: str) -> QuerySet:
    """The red flags and open corrections shown on each row, in two queries per page."""
    related = [
        Prefetch("red_flags", queryset=RedFlag.objects.order_by("code")),
        Prefetch(
            "suggested_corrections",
            queryset=SuggestedCorrection.objects.filter(state=OPEN).order_by("created_at"),
            to_attr="open_corrections",
        ),
    ]
    if kind == "award":
        related.append("suppliers")
    return queryset.prefetch_related(*related)


def open_corrections() -> QuerySet[SuggestedCorrection]:
    """Suggested corrections awaiting a reviewer, with the record each is about."""
    return (
        SuggestedCorrection.objects.filter(state=OPEN)
        .select_related("process", "award", "contract", "organisation", "submitted_by")
        .order_by("created_at", "pk")
    )


def record_for_review(kind: str, pk: int):
    """One record with everything its review page shows."""
    decisions = ReviewDecision.objects.select_related("reviewer")
    corrections = SuggestedCorrection.objects.select_related(
        "organisation", "submitted_by", "resolved_by"
    ).order_by("-created_at")
    related = [
        Prefetch("red_flags", queryset=RedFlag.objects.order_by("code")),
        Prefetch("review_decisions", queryset=decisions),
        Prefetch("suggested_corrections", queryset=corrections),
        Prefetch("documents", queryset=Document.objects.select_related("stored_file")),
    ]
    if kind == "process":
        related.append(Prefetch("awards", queryset=Award.objects.order_by("pk")))
    if kind == "award":
        related += ["supplier_links__organisation", Prefetch("contracts", Contract.objects.all())]
    queryset = subject_model(kind).objects.prefetch_related(*related)
    if kind == "award":
        queryset = queryset.select_related("process__buyer", "agreement", "buyer")
    elif kind == "contract":
        queryset = queryset.select_related("award__process", "award__buyer")
    else:
        queryset = queryset.select_related("buyer")
    return queryset.get(pk=pk)


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: object
    kind: str  # "+" created, "~" changed, "-" deleted
    changes: list[Change] = field(default_factory=list)


# Columns maintained by the system, not changed by anyone.
_NOT_SHOWN = ["updated_at", "created_at", "search_document", "search_key"]


def _shown(record_field, value) -> str:
    if value is None or value == "":
        return "—"
    if record_field.is_relation:
        return f"#{value}"
    if record_field.choices:
        return str(dict(record_field.flatchoices).get(value, value))
    return str(value)


def history_of(record, limit: int = 20) -> list[HistoryEntry]:
    """The last `limit` versions of a record, newest first, each as the fields that changed
    from the version before it (who changed them and when)."""
    versions = list(
        record.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    entries = []
    for index, version in enumerate(versions[:limit]):
        older = versions[index + 1] if index + 1 < len(versions) else None
        changes = []
        if older is not None:
            delta = version.diff_against(older, excluded_fields=_NOT_SHOWN)
            for change in delta.changes:
                model_field = record._meta.get_field(change.field)
                label = str(model_field.verbose_name)
                changes.append(
                    Change(label, _shown(model_field, change.old), _shown(model_field, change.new))
                )
        elif version.history_type != "+":
            continue  # older versions are beyond the limit
        entries.append(
            HistoryEntry(version.history_date, version.history_user, version.history_type, changes)
        )
    return entries
