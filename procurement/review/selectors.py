"""What reviewers see: the queue of records awaiting a decision (with their red flags and open
corrections), one record with its decisions, and its history as a diff of who changed what."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, Model, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from procurement.core import formatting
from procurement.core.audit import fields_saved
from procurement.core.currencies import stated_amount
from procurement.models import (
    Award,
    Contract,
    Document,
    ImportRun,
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


def countries_in_data() -> set[str]:
    """Every country some process is in (the review queue's country filter offers each)."""
    rows = ProcurementProcess.objects.order_by().values_list("country", flat=True).distinct()
    return {str(code) for code in rows if code}


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
    kind: str  # "+" created, "~" changed, "-" deleted, "?" changed with no record of who
    changes: list[Change] = field(default_factory=list)


# Columns maintained by the system, not changed by anyone.
_NOT_SHOWN = ["updated_at", "created_at", "search_document", "search_key"]


def _shown(record_field, value, names: dict) -> str:
    """A stored value as a reader reads it: the related record's name (not "#25"), the
    choice's label, local time in the reader's language, yes/no, an amount as stated."""
    if value is None or value == "":
        return "—"
    if record_field.is_relation:
        return names.get((record_field.related_model, value), f"#{value}")
    if record_field.choices:
        return str(dict(record_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return formatting.format_datetime(value)
    if isinstance(value, date):
        return formatting.format_date(value)
    if isinstance(value, Decimal):
        return stated_amount(value)  # six decimals are stored; as stated
    return str(value)


def _related_names(record, deltas) -> dict:
    """(model, pk) → the related record's name, one query per related model."""
    wanted: dict[type[Model], set] = {}
    for delta in deltas:
        for change in delta.changes:
            model_field = record._meta.get_field(change.field)
            if model_field.is_relation:
                values = {v for v in (change.old, change.new) if v not in (None, "")}
                wanted.setdefault(model_field.related_model, set()).update(values)
    names = {}
    for model, ids in wanted.items():
        for pk, related in model._base_manager.in_bulk(list(ids)).items():
            names[(model, pk)] = str(related)
    return names


def history_of(record, limit: int = 20) -> list[HistoryEntry]:
    """The last `limit` versions of a record, newest first, each as the fields that changed
    from the version before it, with who changed them and when. A version saved with a list
    of fields (core.audit records it) credits its author with those fields only; what else
    differs was changed between the two versions without a history record (an import, a
    system update) and is shown apart, credited to nobody."""
    versions = list(
        record.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    pairs = [
        (version, versions[index + 1] if index + 1 < len(versions) else None)
        for index, version in enumerate(versions[:limit])
    ]
    deltas = {
        version.pk: version.diff_against(older, excluded_fields=_NOT_SHOWN)
        for version, older in pairs
        if older is not None
    }
    names = _related_names(record, deltas.values())
    entries = []
    for version, older in pairs:
        if older is None:
            if version.history_type != "+":
                continue  # older versions are beyond the limit
            entries.append(HistoryEntry(version.history_date, version.history_user, "+"))
            continue
        saved = fields_saved(version.history_change_reason)
        theirs, unrecorded = [], []
        for change in deltas[version.pk].changes:
            model_field = record._meta.get_field(change.field)
            shown = Change(
                str(model_field.verbose_name),
                _shown(model_field, change.old, names),
                _shown(model_field, change.new, names),
            )
            if saved is None or change.field in saved or model_field.attname in saved:
                theirs.append(shown)
            else:
                unrecorded.append(shown)
        if theirs or not unrecorded:
            entries.append(
                HistoryEntry(
                    version.history_date, version.history_user, version.history_type, theirs
                )
            )
        if unrecorded:
            entries.append(HistoryEntry(version.history_date, None, "?", unrecorded))
    return entries


SAMPLE = 5  # records of each kind shown on an import's review page


@dataclass
class ImportReview:
    """What a reviewer reads before publishing an import: what it wrote, by review status,
    the organisations it created or matched, the flags raised, the failures, a sample."""

    run: ImportRun
    counts: dict[str, dict[str, int]]  # kind → review status → records
    tender_only: int
    flags: list[tuple[str, int]]
    flagged_awards: list[Award]
    spread_awards: list[Award]
    tender_only_sample: list[ProcurementProcess]

    def waiting(self, kind: str) -> int:
        return sum(self.counts[kind].get(s, 0) for s in AWAITING_REVIEW | {"verified"})

    @property
    def rows(self) -> list[tuple[str, int, int, int, int]]:
        """Per kind: written, waiting for a decision, published, rejected."""
        return [
            (
                kind,
                sum(self.counts[kind].values()),
                self.waiting(kind),
                self.counts[kind].get("published", 0),
                self.counts[kind].get("rejected", 0),
            )
            for kind in ("process", "award", "contract")
        ]

    @property
    def to_publish(self) -> dict[str, int]:
        return {kind: self.waiting(kind) for kind in ("process", "award", "contract")}


def import_review(run_id: int) -> ImportReview:
    """The review page of one import run, in a fixed number of queries."""
    run = ImportRun.objects.select_related("created_by").get(pk=run_id)
    ours = ProcurementProcess.objects.filter(releases__import_run=run.pk).values("pk")
    querysets = {
        "process": ProcurementProcess.objects.filter(pk__in=ours),
        "award": Award.objects.filter(process__in=ours),
        "contract": Contract.objects.filter(award__process__in=ours),
    }
    counts = {
        kind: dict(
            queryset.order_by()
            .values_list("review_status")
            .annotate(n=Count("pk"))
            .values_list("review_status", "n")
        )
        for kind, queryset in querysets.items()
    }
    tender_only = querysets["process"].filter(awards__isnull=True)
    flags = (
        RedFlag.objects.filter(process__in=ours)
        .order_by()
        .values_list("code")
        .annotate(n=Count("pk"))
        .order_by("code")
    )
    awards = querysets["award"].select_related("process", "buyer").prefetch_related("suppliers")
    flagged = list(
        awards.annotate(flag_count=Count("red_flags"))
        .filter(flag_count__gt=0)
        .order_by("-flag_count", "pk")[:SAMPLE]
    )
    ids = list(querysets["award"].order_by("pk").values_list("pk", flat=True))
    step = max(1, len(ids) // SAMPLE)
    spread = list(awards.filter(pk__in=ids[::step][:SAMPLE]).order_by("pk"))
    return ImportReview(
        run=run,
        counts=counts,
        tender_only=tender_only.count(),
        flags=[(code, n) for code, n in flags],
        flagged_awards=flagged,
        spread_awards=spread,
        tender_only_sample=list(tender_only.select_related("buyer").order_by("pk")[:SAMPLE]),
    )
