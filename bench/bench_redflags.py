"""Red-flag recomputation for 1,000,000 awards in bulk: the number of queries grows with the
number of batches, not of rows. Printed for two batch sizes over the same rows.

The rows are made in SQL (generate_series): 1,000,000 published processes with one award
each, 300 buyers, every third process with a contract (half of them amended), a mix of
methods, tender periods, bidder counts and estimates, so that most indicators fire.
"""

import os
import time

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings

from bench.common import bench, p50, timings
from procurement.models import RedFlag
from procurement.redflags.services import compute_red_flags

AWARDS = int(os.environ.get("BENCH_REDFLAG_AWARDS", 1_000_000))  # smaller for a smoke run
BATCHES = (10_000, 50_000)


def _sql(statement: str, params=None) -> list:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def make_rows() -> dict[str, int]:
    """Insert the synthetic rows; returns the id marks to remove them afterwards."""
    with connection.cursor() as cursor:
        marks = {}
        for table in (
            "organisation",
            "procurementprocess",
            "award",
            "contract",
            "contractamendment",
        ):
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM procurement_{table}")
            marks[table] = cursor.fetchone()[0]
    now = "now()"
    buyers = _sql(
        f"""INSERT INTO procurement_organisation (name, kind, country, search_key,
        reminder_lead_days, website, description, created_at, updated_at, foi_email,
        foi_email_suspect, foi_email_suspect_reason, authority_type, postal_address, source_url,
        register_status)
        SELECT 'Bench buyer ' || g, 'public_authority', 'RS', '', 3, '', '', {now}, {now}, '',
        false, '', '', '', '', 'confirmed'
        FROM generate_series(1, 300) g RETURNING id"""
    )
    buyer_ids = [row[0] for row in buyers]
    _sql(
        f"""INSERT INTO procurement_procurementprocess (ocid, country, buyer_id, title,
        description, sector, main_category, method, method_details, method_rationale, status,
        tender_start, tender_end, number_of_tenderers, value_status, value_amount,
        value_currency, value_is_approximate, review_status, published_at, created_at, updated_at)
        SELECT 'ocds-bench2-' || g, 'RS', (%s::bigint[])[1 + g %% 300], 'Bench process ' || g,
        '', 'telecom', 'goods',
        (ARRAY['open', 'open', 'selective', 'limited', 'direct'])[1 + g %% 5], '',
        CASE WHEN g %% 7 = 0 THEN 'Article 7' ELSE '' END, 'complete',
        '2024-01-01'::timestamptz, '2024-01-01'::timestamptz + (g %% 30) * interval '1 day',
        1 + g %% 4, 'disclosed', 1000 + g %% 5000, 'EUR', false, 'published', {now}, {now}, {now}
        FROM generate_series(1, %s) g""",
        [buyer_ids, AWARDS],
    )
    _sql(
        f"""INSERT INTO procurement_award (process_id, title, description, status, award_date,
        award_date_precision, legal_basis, legal_basis_note, confidentiality,
        classification_level, ocds_id, buyer_id, country, method, sector, search_document,
        supplier_names, value_status, value_amount, value_currency, value_is_approximate,
        review_status, published_at, created_at, updated_at)
        SELECT p.id, p.title, '', 'active', DATE '2020-01-01' + (p.id %% 1500)::int, 'day',
        'procurement_law', '', 'public', '', '', p.buyer_id, 'RS', p.method, p.sector, '', '',
        'disclosed', 900 + p.id %% 5200, 'EUR', false, 'published', {now}, {now}, {now}
        FROM procurement_procurementprocess p WHERE p.id > %s""",
        [marks["procurementprocess"]],
    )
    _sql(
        f"""INSERT INTO procurement_contract (award_id, title, description, status, signed_on,
        signed_on_precision, confidentiality, ocds_id, value_status, value_amount,
        value_currency, value_is_approximate, review_status, published_at, created_at, updated_at)
        SELECT a.id, a.title, '', 'active', a.award_date, 'day', 'public', '', 'disclosed',
        a.value_amount, 'EUR', false, 'published', {now}, {now}, {now}
        FROM procurement_award a WHERE a.id > %s AND a.id %% 3 = 0""",
        [marks["award"]],
    )
    _sql(
        f"""INSERT INTO procurement_contractamendment (contract_id, amended_on,
        amended_on_precision, rationale, description, ocds_id, value_status, value_amount,
        value_currency, value_is_approximate, created_at)
        SELECT c.id, c.signed_on + 90, 'day', '', 'More', '', 'disclosed', c.value_amount * 2,
        'EUR', false, {now}
        FROM procurement_contract c WHERE c.id > %s AND c.id %% 2 = 0""",
        [marks["contract"]],
    )
    _sql("ANALYZE")
    return marks


def clean_up(marks: dict[str, int]) -> None:
    """Remove the synthetic rows, children first. Foreign-key triggers are off for this
    transaction only (the children are gone already): checking 1,000,000 parents row by
    row would take longer than the benchmark."""
    with transaction.atomic():
        _sql("SET LOCAL session_replication_role = replica")
        _sql(
            "DELETE FROM procurement_redflag WHERE process_id > %s OR buyer_id > %s",
            [marks["procurementprocess"], marks["organisation"]],
        )
        for table in (
            "contractamendment",
            "contract",
            "award",
            "procurementprocess",
            "organisation",
        ):
            _sql(f"DELETE FROM procurement_{table} WHERE id > %s", [marks[table]])


class _QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def run() -> None:
    marks = make_rows()
    try:
        for batch_size in BATCHES:
            counter = _QueryCounter()
            start = time.perf_counter()
            with connection.execute_wrapper(counter):
                stats = compute_red_flags(batch_size=batch_size)
            seconds = time.perf_counter() - start
            name = f"redflags.batch_{batch_size // 1000}k"
            bench(f"{name}.awards", AWARDS, "awards")
            bench(f"{name}.batches", stats.batches, "batches")
            bench(f"{name}.queries", counter.count, "queries")
            bench(f"{name}.queries_per_batch", counter.count / stats.batches, "queries")
            bench(f"{name}.flags", stats.flags, "flags")
            bench(f"{name}.awards_per_s", AWARDS / seconds, "awards/s")
        bench("redflags.stored", RedFlag.objects.count(), "flags")
        search_by_flags()
    finally:
        clean_up(marks)


@override_settings(SEARCH_RATE="1000000/minute")
def search_by_flags() -> None:
    """The public search filtered by indicators over the flagged million, against the same
    page without the indicator filter (counts and facets recomputed: the cache is cleared)."""
    client = Client()

    def page(query: str) -> float:
        def get():
            cache.clear()
            response = client.get(f"/awards/?{query}")
            assert response.status_code == 200, response.status_code

        return p50(timings(get, 10, warmup=1))

    base = page("year=2021")
    bench("redflags.search.unfiltered.p50", base * 1000, "ms")
    for name, query in [("x001", "red_flag=X001"), ("r018_r069", "red_flag=R018,R069")]:
        seconds = page(f"year=2021&{query}")
        bench(f"redflags.search.{name}.p50", seconds * 1000, "ms")
        bench(f"redflags.search.{name}.vs_unfiltered", seconds / base, "x")
