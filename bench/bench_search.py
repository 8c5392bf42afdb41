"""The award search on 1,000,000 synthetic awards, over real HTTP (gunicorn, bench settings).

For nine query shapes (six searches, three risk-indicator filters) it measures p50/p95 of
(a) the HTML search page (results, count and facets), (b) the API list, (c) the bare SQL
that fetches the same 25 rows (the limit) and (d) a minimal Django view (the floor), and
prints page / (limit + floor) and api / (limit + floor), goal ≤ 2 (`budget`: 2 × (limit +
floor), in milliseconds). Beside them, the least each could cost: `page_sql` and `api_sql` replay,
in the bench's process, every SQL statement a cold request of the page or the API runs (taken
from one such request), and `page_least_ratio` = (page_sql + layout) / (limit + floor),
`api_least_ratio` = (api_sql + floor) / (limit + floor), where `layout` is the site's empty page
(base.html, no query). A least ratio above 2 says the shape cannot meet the goal cold with the
SQL its view runs, however little Python the view spends.
Pages and API are timed cold (the cache cleared before every request: counts, facets and
rendered rows computed afresh, as for the first request of a shape) and warm (the same request
again), reported separately; the goal applies to cold. Then the CSV export of every award
against PostgreSQL's `COPY … TO STDOUT` rate measured in the same run (goal ≥ 50 %), with the
web worker's peak memory (goal < 200 MB).
"""

import http.client
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.common import bench, p50, p95, timings
from bench.synthetic_awards import load
from procurement.awards.selectors.browse import filtered_awards, result_rows
from procurement.awards.selectors.facets import count_awards
from procurement.awards.selectors.keyset import (
    SORTS,
    after_cursor,
    choose_sort,
    cursor_of,
    first_rows,
    sorted_awards,
    sorts_every_match,
)
from procurement.models import Award

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("BENCH_PORT", "8250"))
TOTAL = int(os.environ.get("BENCH_AWARDS", "1000000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "40"))
SHAPES = {
    "one_word": {"q": "huawei"},
    "two_words": {"q": "kamera beogradu"},
    "cyrillic": {"q": "Ниш"},
    "text_filters": {"q": "huawei", "country": "RS", "method": "direct"},
    "filters_only": {"country": "RS", "method": "open", "legal_basis": "procurement_law"},
    "page_400": {"country": "RS"},
    "red_flag_one": {"red_flag": "R018"},
    "red_flag_two": {"red_flag": "R018,R069"},
    "red_flag_with_text": {"q": "huawei", "red_flag": "R018"},
}
ANONYMOUS = type("Anonymous", (), {"user": None})()


def _get(path: str) -> bytes:
    client = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    client.request("GET", path)
    response = client.getresponse()
    body = response.read()
    client.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}\n{body[:2000]!r}")
    return body


class Server:
    """gunicorn with the bench settings against the bench database (persistent connections)."""

    def __init__(self) -> None:
        env = dict(os.environ)
        url = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        env.update(
            DATABASE_URL=f"{url}/{connection.settings_dict['NAME']}",
            DJANGO_SETTINGS_MODULE="tracker.settings.bench",
            SEARCH_RATE="1000000/minute",
            EXPORT_RATE="1000000/minute",
            API_ANON_RATE="1000000/minute",
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "bench.search_wsgi:application",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                "1",
                "--timeout",
                "600",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                _get("/bench-floor/")
                break
            except (ConnectionError, OSError):
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)

    def worker_peak_mb(self) -> float:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pid = children.read_text().split()[0]
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def _page_sql(params: dict, after: str | None) -> tuple[str, list]:
    """The SQL that fetches the page's rows (25 + 1 to know there is a next page), the way the
    page fetches them (narrow for a text search with many matches: the cheaper SQL)."""
    filterset = filtered_awards(QueryDict(urlencode(params)), ANONYMOUS)
    assert filterset.is_valid(), filterset.errors
    query = params.get("q", "")
    matches = count_awards(filterset.qs).value
    sort = choose_sort(params.get("sort"), query, matches)
    queryset = result_rows(sorted_awards(filterset.qs, sort, query))
    if after:
        queryset = after_cursor(queryset, sort, after)
    narrow = sorts_every_match(query, matches)
    return first_rows(queryset, 26, narrow=narrow).query.sql_with_params()


def _statements_of(path: str) -> list[str]:
    """Every SQL statement a cold request of `path` runs (in this process, as sent)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path}: HTTP {response.status_code}")
    return [query["sql"] for query in queries.captured_queries]


def _replay(statements: list[str]):
    def run() -> None:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()

    return run


def _page_400_cursor(params: dict) -> str:
    """The cursor of page 400 (25 rows a page), found once with an OFFSET (not timed)."""
    filterset = filtered_awards(QueryDict(urlencode(params)), ANONYMOUS)
    sort = SORTS["date"]
    last = min(399 * 25, filterset.qs.count()) - 1  # a small BENCH_AWARDS has fewer pages
    row = sorted_awards(filterset.qs, sort)[last]
    return cursor_of(row, sort)


def _sql_runner(sql: str, sql_params: list):
    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, sql_params)
            cursor.fetchall()

    return run


def cold_timings(path: str, repeat: int) -> list[float]:
    """Seconds per request with an empty cache: cleared (untimed) before each one."""
    samples = []
    _get(path)  # the code paths warm, once
    for _ in range(repeat):
        _get("/bench-clear-cache/")
        start = time.perf_counter()
        _get(path)
        samples.append(time.perf_counter() - start)
    return samples


def measure_shapes(floor_s: float, layout_s: float) -> None:
    for shape, params in SHAPES.items():
        params = dict(params)
        after = None
        if shape == "page_400":
            after = _page_400_cursor(params)
            params.update(after=after, page="400")
        sql, sql_params = _page_sql(params, after)
        query = urlencode(params)
        # The API pages by cursor alone (no page number: an unknown parameter is a 400).
        api_query = urlencode({k: v for k, v in params.items() if k != "page"})
        page_path, api_path = f"/awards/?{query}", f"/api/awards/?{api_query}"
        page = cold_timings(page_path, REPEAT)
        api = cold_timings(api_path, REPEAT)
        page_warm = timings(lambda path=page_path: _get(path), REPEAT)
        api_warm = timings(lambda path=api_path: _get(path), REPEAT)
        limit = timings(_sql_runner(sql, sql_params), REPEAT)
        page_sql = timings(_replay(_statements_of(page_path)), REPEAT)
        api_sql = timings(_replay(_statements_of(api_path)), REPEAT)
        measured = [
            ("page", page),
            ("api", api),
            ("page_warm", page_warm),
            ("api_warm", api_warm),
            ("limit", limit),
            ("page_sql", page_sql),
            ("api_sql", api_sql),
        ]
        for name, samples in measured:
            bench(f"search.{shape}.{name}.p50", p50(samples) * 1000, "ms")
            bench(f"search.{shape}.{name}.p95", p95(samples) * 1000, "ms")
        bound = p50(limit) + floor_s
        bench(f"search.{shape}.budget", 2 * bound * 1000, "ms")
        page_least = p50(page_sql) + layout_s
        api_least = p50(api_sql) + floor_s
        bench(f"search.{shape}.api_least_ratio", api_least / bound, "x")
        bench(f"search.{shape}.page_least_ratio", page_least / bound, "x")
        bench(f"search.{shape}.page_ratio", p50(page) / bound, "x")
        bench(f"search.{shape}.api_ratio", p50(api) / bound, "x")
        bench(f"search.{shape}.page_ratio_warm", p50(page_warm) / bound, "x")
        bench(f"search.{shape}.api_ratio_warm", p50(api_warm) / bound, "x")
        bench(f"search.{shape}.page_ratio_p95", p95(page) / (p95(limit) + floor_s), "x")


def measure_export(server: Server) -> tuple[int, float]:
    started = time.perf_counter()
    rows = 0
    statement = "COPY procurement_award TO STDOUT (FORMAT csv)"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for block in copy:
            rows += bytes(block).count(b"\n")
    copy_rate = rows / (time.perf_counter() - started)
    bench("export.copy_to.rows_per_s", copy_rate, "rows/s")
    started = time.perf_counter()
    client = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
    client.request("GET", "/awards/export.csv")
    response = client.getresponse()
    lines = 0
    while chunk := response.read(1 << 20):
        lines += chunk.count(b"\n")
    client.close()
    elapsed = time.perf_counter() - started
    exported = lines - 1  # the header
    bench("export.csv.rows", exported, "rows")
    bench("export.csv.rows_per_s", exported / elapsed, "rows/s")
    bench("export.csv.vs_copy_to", exported / elapsed / copy_rate, "x")
    bench("export.csv.worker_peak_memory", server.worker_peak_mb(), "MB")
    return exported, exported / elapsed


def measure_xlsx_export(rows: int, csv_rate: float, csv_peak_mb: float) -> None:
    """The xlsx export of every award, in a fresh worker (its own memory high-water mark)
    against the CSV's rate and peak memory."""
    server = Server()
    try:
        started = time.perf_counter()
        client = http.client.HTTPConnection("127.0.0.1", PORT, timeout=3600)
        client.request("GET", "/awards/export.xlsx")
        response = client.getresponse()
        size = 0
        while chunk := response.read(1 << 20):
            size += len(chunk)
        client.close()
        elapsed = time.perf_counter() - started
        peak = server.worker_peak_mb()
    finally:
        server.stop()
    bench("export.xlsx.bytes", size, "bytes")
    bench("export.xlsx.rows_per_s", rows / elapsed, "rows/s")
    bench("export.xlsx.vs_csv", rows / elapsed / csv_rate, "x")
    bench("export.xlsx.worker_peak_memory", peak, "MB")
    bench("export.xlsx.peak_vs_csv", peak / csv_peak_mb, "x")


def run() -> None:
    if Award.objects.count() < TOTAL:  # `bench/run.py search --reuse` skips a second load
        loaded = load(TOTAL)
        bench("search.load.copy", loaded["copy_s"], "s")
        bench("search.load.rows_per_s", TOTAL / loaded["copy_s"], "rows/s")
        bench("search.load.index_build", loaded["index_s"], "s")
        bench("search.load.red_flags", loaded["flags_s"], "s")
    server = Server()
    try:
        floor = timings(lambda: _get("/bench-floor/"), 300)
        bench("search.floor.p50", p50(floor) * 1000, "ms")
        bench("search.floor.p95", p95(floor) * 1000, "ms")
        layout = timings(lambda: _get("/bench-layout/"), 100)
        bench("search.layout.p50", p50(layout) * 1000, "ms")
        measure_shapes(p50(floor), p50(layout))
        export = os.environ.get("BENCH_EXPORT", "1") == "1"
        if export:
            rows, csv_rate = measure_export(server)
            csv_peak = server.worker_peak_mb()
    finally:
        server.stop()
    if export:
        measure_xlsx_export(rows, csv_rate, csv_peak)
