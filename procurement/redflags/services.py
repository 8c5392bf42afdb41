"""Computes and stores red flags: set-based, batch by batch, a fixed number of queries each.

The only writer of RedFlag. A batch of processes is recomputed as a whole: its old flags are
deleted and the new ones inserted in one transaction, so a page never sees half a batch.
R013 (a buyer's year against its peers) is recomputed for the countries and years the
batch takes part in. Other write paths call `recompute_red_flags_on_commit` after they
change processes, awards, contracts, documents or FOI requests: one RedFlagRecomputation
row per transaction, published after it commits (services/enqueue.py). A daily beat task
recomputes the processes of requests that went unanswered past their due date, which
changes R063 without any write.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from procurement import redflags
from procurement.core import enqueue
from procurement.core.bulk_insert import insert
from procurement.core.heartbeat import record_heartbeat
from procurement.core.search_summaries import invalidate_search_summaries
from procurement.models import (
    Award,
    CodeSetField,
    Contract,
    InfoRequest,
    RedFlag,
    RedFlagRecomputation,
    TaskHeartbeat,
)
from procurement.redflags.selectors import facts as redflag_facts
from procurement.redflags.selectors import subjects as redflag_subjects
from procurement.redflags.selectors.facts import Batch
from procurement.redflags.selectors.flags import public_flags

logger = logging.getLogger(__name__)

BATCH = 5000
TASK_CHUNK = 1000
RECOMPUTE_TASK = "procurement.tasks.recompute_red_flags_task"
LAPSED = "red-flags-lapsed-requests"  # the heartbeat row of the daily run


@dataclass
class Stats:
    batches: int = 0
    processes: int = 0
    flags: int = 0


def _row(flag: redflags.Flag, key: str, now, **subject) -> dict:
    """A RedFlag row (as bulk_insert takes it)."""
    return {
        "key": key[:120],
        "code": flag.code,
        "rule_version": flag.version,
        "inputs": flag.inputs,
        "computed_at": now,
        **subject,
    }


def _flags_of_batch(batch: Batch, table: dict, today: date, now) -> tuple[int, list]:
    processes, awards, contracts = redflag_facts.facts(batch)
    rows = []
    by_country: dict[str, dict] = {}

    def limits_of(country: str) -> dict:
        if country not in by_country:
            by_country[country] = redflag_facts.thresholds_for(table, country)
        return by_country[country]

    for process in processes:
        limits = limits_of(process.country)
        for flag in redflags.process_flags(process, limits):
            key = f"{flag.code}:process:{process.id}"
            rows.append(_row(flag, key, now, process_id=process.id, country=process.country))
    for award in awards:
        for flag in redflags.award_flags(award, limits_of(award.process.country)):
            rows.append(
                _row(
                    flag,
                    f"{flag.code}:award:{award.id}",
                    now,
                    process_id=award.process.id,
                    award_id=award.id,
                    country=award.process.country,
                )
            )
    for contract in contracts:
        process = contract.award.process
        limits = limits_of(process.country)
        for flag in redflags.contract_flags(contract, limits, today):
            rows.append(
                _row(
                    flag,
                    f"{flag.code}:contract:{contract.id}",
                    now,
                    process_id=process.id,
                    award_id=contract.award.id,
                    contract_id=contract.id,
                    country=process.country,
                )
            )
    return len(processes), rows


def _store(batch: Batch, rows: list[dict]) -> None:
    with transaction.atomic():
        stale = RedFlag.objects.filter(batch.on("process"))
        stale.exclude(code="R013").delete()
        insert(RedFlag, rows, history=False)
        refresh_award_codes(batch)


def refresh_award_codes(batch: Batch) -> int:
    """Write `Award.red_flag_codes` of the batch's awards: the codes of their public flags
    (the award's own, its contracts', its process's; R013 belongs to a buyer, not an award).
    Called in the transaction that changed the flags or what is public (a review decision,
    an unpublished award), so that `?red_flag=` never sees other codes than the flags.
    Two reads, then one UPDATE per distinct set of codes that changed; returns the awards
    changed."""
    own: dict[int, set[str]] = defaultdict(set)
    of_process: dict[int, set[str]] = defaultdict(set)
    flags = public_flags().filter(batch.on("process"), buyer__isnull=True)
    for award_id, process_id, code in flags.values_list("award_id", "process_id", "code"):
        (own[award_id] if award_id else of_process[process_id]).add(code)
    changed: dict[str, list[int]] = defaultdict(list)
    awards = Award.objects.filter(batch.on("process")).values_list(
        "pk", "process_id", "red_flag_codes"
    )
    for pk, process_id, current in awards.iterator(chunk_size=5000):
        codes = CodeSetField.join(own.get(pk, set()) | of_process.get(process_id, set()))
        if codes != current:
            changed[codes].append(pk)
    for codes, pks in changed.items():
        for start in range(0, len(pks), 5000):
            Award.objects.filter(pk__in=pks[start : start + 5000]).update(red_flag_codes=codes)
    return sum(len(pks) for pks in changed.values())


def compute_red_flags(
    *,
    process_ids: Iterable[int] | None = None,
    batch_size: int = BATCH,
    today: date | None = None,
    country_years: Iterable = (),
) -> Stats:
    """Recompute the flags of these processes (all when None), then R013 where they count
    and in `country_years` (pairs a deleted or moved process or award took part in)."""
    today = today or timezone.localdate()
    table = redflag_facts.thresholds()
    stats = Stats()
    now = timezone.now()
    if process_ids is None:
        batches = _all_ranges(batch_size)
    else:
        ids = sorted(set(process_ids))
        batches = (
            Batch(ids=tuple(ids[i : i + batch_size])) for i in range(0, len(ids), batch_size)
        )
    for batch in batches:
        count, rows = _flags_of_batch(batch, table, today, now)
        _store(batch, rows)
        stats.batches += 1
        stats.processes += count
        stats.flags += len(rows)
    if process_ids is None:
        pairs = None
    else:
        pairs = redflag_facts.country_years_of(ids) if ids else set()
        pairs |= {(str(country), int(year)) for country, year in country_years}
    stats.flags += compute_buyer_year_flags(pairs, table, now)
    invalidate_search_summaries()  # counts and facets of ?red_flag= searches
    return stats


def _all_ranges(batch_size: int):
    """Keyset over process ids: each batch is a primary-key range (an index range scan)."""
    from procurement.models import ProcurementProcess

    last = 0
    while True:
        ids = list(
            ProcurementProcess.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return
        yield Batch(low=ids[0], high=ids[-1])
        last = ids[-1]


def compute_buyer_year_flags(country_years: set | None, table: dict, now) -> int:
    """R013 for every buyer-year of these (country, year) pairs (all when None)."""
    if country_years is not None and not country_years:
        return 0
    rows = []
    for stats in redflag_facts.buyer_years(country_years):
        limits = redflag_facts.thresholds_for(table, stats.country)
        flag = redflags.r013_high_non_competitive_share(stats, limits["R013"])
        if flag:
            key = f"R013:buyer:{stats.buyer_id}:{stats.year}"
            rows.append(
                _row(
                    flag, key, now, buyer_id=stats.buyer_id, year=stats.year, country=stats.country
                )
            )
    with transaction.atomic():
        stale = RedFlag.objects.filter(code="R013")
        if country_years is not None:
            pairs = Q()
            for country, year in country_years:
                pairs |= Q(country=country, year=year)
            stale = stale.filter(pairs)
        stale.delete()
        insert(RedFlag, rows, history=False)
    return len(rows)


def processes_touched(
    *,
    process_ids: Iterable[int] = (),
    award_ids: Iterable[int] = (),
    contract_ids: Iterable[int] = (),
    request_ids: Iterable[int] = (),
) -> set[int]:
    """The processes whose flags depend on these rows (an FOI request: what it is about)."""
    ids = set(process_ids)
    for model, pks in ((Award, award_ids), (Contract, contract_ids), (InfoRequest, request_ids)):
        ids |= redflag_subjects.processes_of(model, pks)
    ids.discard(None)
    return ids


class _Pending:
    """The recomputation one transaction asked for (its row), published once it commits."""

    def __init__(self, job_id: int, ids: set[int], country_years: set[tuple[str, int]]) -> None:
        self.job_id, self.ids, self.country_years, self.sent = job_id, ids, country_years, False

    def __call__(self) -> None:
        self.sent = True
        _publish(self.job_id)

    def queued_on(self, connection) -> bool:
        """Still waiting for this transaction's commit: not sent, and not dropped by the
        rollback of the savepoint it was registered in."""
        return not self.sent and any(hook is self for _, hook, _ in connection.run_on_commit)

    def row(self) -> dict:
        pairs = [[country, year] for country, year in sorted(self.country_years)]
        return {"process_ids": sorted(self.ids), "country_years": pairs}


def recompute_red_flags_on_commit(
    process_ids: Iterable[int] = (), *, country_years: Iterable = (), **related
) -> None:
    """Have a worker recompute the flags of these processes (and of those behind award_ids=,
    contract_ids=, request_ids=), and R013 of the (country, year) pairs in `country_years`
    besides theirs: a RedFlagRecomputation row written in the current transaction, published
    after it commits (the sweep publishes it if the broker is down). However many writes of
    one transaction call this, one row holds all their processes."""
    ids = processes_touched(process_ids=process_ids, **related)
    pairs = {(str(country), int(year)) for country, year in country_years}
    if not ids and not pairs:
        return
    # What is public may have changed now (a review decision, an unpublished award): the
    # awards' codes follow at once, in this transaction; the flags follow on the worker.
    ordered = sorted(ids)
    for start in range(0, len(ordered), TASK_CHUNK):
        refresh_award_codes(Batch(ids=tuple(ordered[start : start + TASK_CHUNK])))
    connection = transaction.get_connection()
    pending = getattr(connection, "red_flags_pending", None)
    if connection.in_atomic_block and pending is not None and pending.queued_on(connection):
        pending.ids |= ids
        pending.country_years |= pairs
        RedFlagRecomputation.objects.filter(pk=pending.job_id).update(**pending.row())
        return
    pending = _Pending(0, ids, pairs)
    pending.job_id = RedFlagRecomputation.objects.create(
        enqueued_at=timezone.now(), **pending.row()
    ).pk
    connection.red_flags_pending = pending
    transaction.on_commit(pending)  # outside a transaction: at once


def _publish(job_id: int) -> None:
    enqueue.publish_rows(RECOMPUTE_TASK, RedFlagRecomputation, [job_id])


def run_recomputation(*, job_id: int) -> bool:
    """Do one queued recomputation (in chunks of TASK_CHUNK processes) unless it is done,
    given up or under way elsewhere; an error is recorded on the row with a backoff."""
    now = timezone.now()
    with transaction.atomic():
        job = (
            RedFlagRecomputation.objects.select_for_update()
            .filter(pk=job_id, done_at__isnull=True, failed_at__isnull=True)
            .first()
        )
        if job is None or enqueue.in_flight(job, now):
            return False
        enqueue.begin_attempt(job, now)
    ids, pairs = job.process_ids, job.country_years
    try:
        for start in range(0, max(len(ids), 1), TASK_CHUNK):
            # The extra buyer-years go with the first chunk only (each finds its own).
            chunk_pairs = pairs if start == 0 else []
            compute_red_flags(
                process_ids=ids[start : start + TASK_CHUNK], country_years=chunk_pairs
            )
    except Exception as error:  # a deadlock, the database gone: on the row, retried later
        enqueue.record_failure(RedFlagRecomputation, job_id, error, timezone.now())
        return False
    enqueue.record_success(RedFlagRecomputation, job_id, timezone.now(), done_at=timezone.now())
    return True


def sweep_recomputations(*, now=None) -> int:
    """Publish again the recomputations still not done after their grace (the broker was
    down, a worker died) or whose backoff has run out."""
    now = now or timezone.now()
    owed = RedFlagRecomputation.objects.filter(done_at__isnull=True, failed_at__isnull=True)
    return enqueue.republish_owed(RECOMPUTE_TASK, owed, now=now)


def retry_recomputations(queryset) -> int:
    """Take given-up recomputations back: a fresh budget of attempts, published now."""
    return enqueue.retry_now(RECOMPUTE_TASK, queryset)


def recompute_lapsed_requests(*, today: date | None = None) -> int:
    """Recompute the processes of published requests that went unanswered past their due
    date since the last run (the day before, the first time): nothing was written, but
    R063 reads the date. Returns how many processes were recomputed."""
    today = today or timezone.localdate()
    last = TaskHeartbeat.objects.filter(name=LAPSED).values_list("last_run_at", flat=True).first()
    since = timezone.localdate(last) if last else today - timedelta(days=1)
    ids = redflag_subjects.processes_with_lapsed_requests(since, today)
    if ids:
        compute_red_flags(process_ids=ids, today=today)
    record_heartbeat(LAPSED)
    return len(ids)
